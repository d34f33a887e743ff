package io.ringpool.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;

import java.time.Duration;

/**
 * Takes a record that failed every attempt, so that it can be committed without being lost: a dead-letter topic
 * ({@link #toTopic}), a table, an alert.
 * <p>
 * <b>Contract:</b> once {@link #onDeadLetter} returns, the record counts as dead-lettered and its offset may be
 * committed. If it throws, the record is not committed (it stays failed; Kafka redelivers it after a restart or a
 * rebalance) and the partition's commit point cannot move past it, so a handler should throw only when it could
 * not keep the record. Called on the record's worker, possibly on several workers at once: it must be thread-safe.
 * It may be called again for the same record after a rebalance or a crash (dead letters are at least once).
 */
@FunctionalInterface
public interface DeadLetterHandler
{
    /**
     * Keeps a record that failed for good.
     *
     * @param record   the record as consumed: key and value are the undeserialized bytes.
     * @param cause    the last attempt's failure.
     * @param attempts how many attempts were made.
     * @throws Exception if the record could not be kept.
     */
    void onDeadLetter(ConsumerRecord<byte[], byte[]> record, Throwable cause, int attempts) throws Exception;

    /**
     * A handler that produces the record, bytes and headers unchanged, to a dead-letter topic and waits for the
     * broker's acknowledgement, adding headers that say where it came from and why it failed
     * ({@code ringpool.dlt.topic}, {@code .partition}, {@code .offset}, {@code .attempts}, {@code .exception}).
     * The consumer closes the producer when it stops.
     *
     * @param producer the producer; its acks setting decides how durable a dead letter is.
     * @param topic    the dead-letter topic, which must exist.
     * @param timeout  the longest wait for the acknowledgement.
     * @return the handler.
     */
    static DeadLetterHandler toTopic(
        final Producer<byte[], byte[]> producer, final String topic, final Duration timeout)
    {
        return new DeadLetterTopic(producer, topic, timeout);
    }
}
