package io.ringpool.kafka;

/**
 * Which records must run in order, and so how they are spread over the pool's workers.
 * <p>
 * Kafka keeps order within a partition; a plain consumer keeps it by processing one record at a time per partition,
 * so its parallelism is the partition count. Each mode here keeps a weaker order and buys parallelism with it. Every
 * mode commits the same way: never past an unfinished record.
 */
public enum Ordering
{
    /**
     * Records with equal keys (equal serialized key bytes) run in offset order, one at a time, on one worker; records
     * with different keys run in parallel, even within one partition. The ringpool's {@code KEYED} dispatch. Records
     * without a key have no order among themselves and are spread over the workers.
     */
    KEY,

    /**
     * The records of one partition run in offset order, one at a time, on one worker; partitions run in parallel.
     * Parallelism is at most the number of partitions assigned to this instance.
     */
    PARTITION,

    /**
     * No order: any idle worker takes the next record (the ringpool's work stealing). Most parallelism; a slow record
     * delays only its own worker.
     */
    UNORDERED
}
