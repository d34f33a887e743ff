package io.ringpool.kafka;

/**
 * A ring entry: in the task ring it carries the record to run, in the result ring the record just run. Pre-allocated
 * by the pool, one per entry; publishing fills it with a translator.
 */
final class RecordRef
{
    RecordWork work;
}
