package io.ringpool.kafka;

import org.apache.kafka.common.TopicPartition;

/** One partition's running counts over every assignment of it to this instance; poll thread only. */
final class PartitionCounts
{
    final TopicPartition partition;
    long consumed;
    long completed;
    long deadLettered;
    long skipped;
    long uncommitted;
    long failed;
    long retried;
    long revoked;
    long committedOffset = -1;

    PartitionCounts(final TopicPartition partition)
    {
        this.partition = partition;
    }

    void countCommitted(final RecordWork work)
    {
        switch (work.finishedAs)
        {
            case RecordWork.AS_COMPLETED -> completed++;
            case RecordWork.AS_DEAD_LETTERED -> deadLettered++;
            case RecordWork.AS_SKIPPED -> skipped++;
            default -> throw new IllegalStateException("finished record without a kind: " + work.offset);
        }
    }

    PartitionReport toReport()
    {
        return new PartitionReport(partition, consumed, completed, deadLettered, skipped, uncommitted, failed, retried,
            revoked, committedOffset);
    }
}
