package io.ringpool.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** {@link DeadLetterHandler#toTopic}: produces the failed record to a topic and waits for the acknowledgement. */
final class DeadLetterTopic implements DeadLetterHandler, AutoCloseable
{
    static final String HEADER_PREFIX = "ringpool.dlt.";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final long timeoutNs;

    DeadLetterTopic(final Producer<byte[], byte[]> producer, final String topic, final Duration timeout)
    {
        this.producer = Objects.requireNonNull(producer, "producer");
        if (null == topic || topic.isBlank())
        {
            throw new IllegalArgumentException("topic must be a non-blank topic name; was " + topic);
        }
        if (null == timeout || timeout.isNegative() || timeout.isZero())
        {
            throw new IllegalArgumentException("timeout must be > 0; was " + timeout);
        }
        this.topic = topic;
        this.timeoutNs = timeout.toNanos();
    }

    @Override
    public void onDeadLetter(final ConsumerRecord<byte[], byte[]> record, final Throwable cause, final int attempts)
        throws Exception
    {
        final RecordHeaders headers = new RecordHeaders();
        for (final Header header : record.headers())
        {
            headers.add(header);
        }
        headers.add(HEADER_PREFIX + "topic", bytes(record.topic()));
        headers.add(HEADER_PREFIX + "partition", bytes(Integer.toString(record.partition())));
        headers.add(HEADER_PREFIX + "offset", bytes(Long.toString(record.offset())));
        headers.add(HEADER_PREFIX + "attempts", bytes(Integer.toString(attempts)));
        headers.add(HEADER_PREFIX + "exception", bytes(String.valueOf(cause)));
        final ProducerRecord<byte[], byte[]> letter =
            new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value(), headers);
        producer.send(letter).get(timeoutNs, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close()
    {
        producer.close(Duration.ofSeconds(5));
    }

    private static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
