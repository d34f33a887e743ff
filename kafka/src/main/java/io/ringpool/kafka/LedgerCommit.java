package io.ringpool.kafka;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * One partition's part of a commit, as prepared: what is sent to Kafka and what to mark once Kafka accepts it.
 *
 * @param ledger       the partition's ledger.
 * @param offset       the committed offset: the lowest unfinished record's.
 * @param coveredUpTo  every finished offset up to here is named in the metadata.
 * @param coversAll    whether the metadata names every finished offset (false when it had to be cut to fit).
 * @param stamp        the finish clock when prepared: records finished later are not in the metadata.
 * @param sent         what is sent to Kafka.
 * @param completed    completed records below {@code offset} that this commit moves past (left the ledger).
 * @param deadLettered dead-lettered records it moves past.
 * @param skipped      skipped records it moves past.
 */
record LedgerCommit(
    PartitionLedger ledger, long offset, long coveredUpTo, boolean coversAll, long stamp, OffsetAndMetadata sent,
    long completed, long deadLettered, long skipped)
{
}
