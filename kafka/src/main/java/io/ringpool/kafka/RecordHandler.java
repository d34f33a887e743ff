package io.ringpool.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The user's code for one record, run on a pool worker.
 * <p>
 * <b>Threading:</b> one handler instance is shared by every worker, so it must be thread-safe; under
 * {@link Ordering#KEY} (or {@link Ordering#PARTITION}) all records of one key (or partition) run on one worker, one at
 * a time, so per-key state may live in a map keyed by record key.
 * <p>
 * <b>Errors:</b> an exception fails the attempt: the record is retried as the {@link RetryPolicy} says, then handed
 * to the dead-letter handler; it is never dropped silently.
 *
 * @param <K> the key type (after the consumer's key deserializer).
 * @param <V> the value type (after the value deserializer).
 */
@FunctionalInterface
public interface RecordHandler<K, V>
{
    /**
     * Processes one record. The record's key and value were deserialized on this worker.
     *
     * @param record  the record.
     * @param context the worker id, the attempt number and the stop signal.
     * @throws Exception to fail this attempt.
     */
    void onRecord(ConsumerRecord<K, V> record, RecordContext context) throws Exception;
}
