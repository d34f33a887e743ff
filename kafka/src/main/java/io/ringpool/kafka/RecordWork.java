package io.ringpool.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One record delivered by Kafka, from the poll that returned it until a commit or a release accounts for it.
 * <p>
 * <b>Threads.</b> The poll thread makes it and owns every field but the {@code result*} ones, which the worker that
 * runs the record writes once, before its task ends; the pool's result ring, the collector's queue and the poll
 * thread's read of that queue carry those writes to the poll thread (each step a release and an acquire), and the
 * poll thread reads them only after taking the record from the queue.
 */
final class RecordWork
{
    /** Poll-thread states. */
    static final byte NEW = 0;
    static final byte PUBLISHED = 1;
    static final byte SENDING = 2;
    static final byte FINISHED = 3;
    static final byte NOT_FINISHED = 4;

    /** Worker results. */
    static final byte SUCCEEDED = 1;
    static final byte DEAD_LETTERED = 2;
    static final byte FAILED = 3;
    static final byte STOPPED = 4;

    /** How a finished record counts once committed. */
    static final byte AS_COMPLETED = 1;
    static final byte AS_DEAD_LETTERED = 2;
    static final byte AS_SKIPPED = 3;

    final ConsumerRecord<byte[], byte[]> record;
    final PartitionLedger ledger;
    final long offset;
    final long routingKey;

    // Poll thread only.
    long sequence = -1;
    byte state = NEW;
    byte finishedAs;
    long finishStamp;
    boolean inCommittedMetadata;

    // Written by the worker, read by the poll thread after the completion hand-over.
    byte result;
    int resultAttempts;
    Throwable resultFailure;
    ProducerRecord<Object, Object> resultOutput;

    RecordWork(final ConsumerRecord<byte[], byte[]> record, final PartitionLedger ledger, final long routingKey)
    {
        this.record = record;
        this.ledger = ledger;
        this.offset = record.offset();
        this.routingKey = routingKey;
    }

    boolean isFinished()
    {
        return FINISHED == state;
    }
}
