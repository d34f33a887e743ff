package io.ringpool.kafka;

import org.apache.kafka.common.TopicPartition;

/**
 * What one consumer instance did with one partition over its life (every assignment of it, added up).
 * <p>
 * <b>Balance.</b> Every record Kafka delivered to this instance ({@code consumed}) ends in exactly one of four
 * places: {@code completed}, {@code deadLettered} and {@code skipped} count records whose completion a successful
 * commit covers (the offset is below a committed offset, or named in a committed offset's metadata);
 * {@code uncommitted} counts all others, which Kafka delivers again to the partition's next owner: records never
 * started, halted, still running when a revocation's bound ran out, whose dead-letter handler failed, or finished
 * after the last successful commit. So {@code consumed == completed + deadLettered + skipped + uncommitted}.
 * {@code failed} and {@code retried} are tallies beside the balance.
 *
 * @param partition       the partition.
 * @param consumed        records delivered by Kafka to this instance (a redelivered record counts again).
 * @param completed       records whose handler succeeded (after retries, if any), committed.
 * @param deadLettered    records that failed every attempt and were handed to the dead-letter handler, committed.
 * @param skipped         records already finished by an earlier owner (named in the committed metadata), not run
 *                        again, committed.
 * @param uncommitted     records left for redelivery.
 * @param failed          records whose last attempt failed (dead-lettered or not).
 * @param retried         retry attempts made (all records together).
 * @param revoked         how many times the partition was taken from this instance by a rebalance while it ran.
 * @param committedOffset the last offset this instance committed for the partition, or -1 if none.
 */
public record PartitionReport(
    TopicPartition partition,
    long consumed,
    long completed,
    long deadLettered,
    long skipped,
    long uncommitted,
    long failed,
    long retried,
    long revoked,
    long committedOffset)
{
    /**
     * Whether the counts add up: {@code consumed == completed + deadLettered + skipped + uncommitted}.
     *
     * @return true if every delivered record is accounted for exactly once.
     */
    public boolean isBalanced()
    {
        return consumed == completed + deadLettered + skipped + uncommitted;
    }
}
