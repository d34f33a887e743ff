package io.ringpool.kafka;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Producing, reading back and checking, for the broker tests. */
final class TestRecords
{
    private TestRecords()
    {
    }

    /** A record as the producer sent it and the broker placed it. */
    record Sent(String key, String value, int partition, long offset)
    {
    }

    static Map<String, Object> producerConfig(final EmbeddedKafka kafka)
    {
        final Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return config;
    }

    static KafkaProducer<String, String> stringProducer(final EmbeddedKafka kafka)
    {
        return new KafkaProducer<>(producerConfig(kafka), new StringSerializer(), new StringSerializer());
    }

    static KafkaProducer<byte[], byte[]> bytesProducer(final EmbeddedKafka kafka)
    {
        return new KafkaProducer<>(producerConfig(kafka), new ByteArraySerializer(), new ByteArraySerializer());
    }

    static Map<String, Object> consumerConfig(final EmbeddedKafka kafka, final String groupId)
    {
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
        return config;
    }

    /** Sends {@code count} records, key {@code k<i % keys>}, value {@code <key>:<sequence within the key>}. */
    static List<Sent> produce(
        final KafkaProducer<String, String> producer, final String topic, final int from, final int count,
        final int keys) throws Exception
    {
        final List<Future<RecordMetadata>> futures = new ArrayList<>(count);
        final List<ProducerRecord<String, String>> records = new ArrayList<>(count);
        for (int i = from; i < from + count; i++)
        {
            final String key = "k" + (i % keys);
            final ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, key + ':' + (i / keys));
            records.add(record);
            futures.add(producer.send(record));
        }
        final List<Sent> sent = new ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final RecordMetadata metadata = futures.get(i).get(30, TimeUnit.SECONDS);
            sent.add(new Sent(records.get(i).key(), records.get(i).value(), metadata.partition(), metadata.offset()));
        }
        return sent;
    }

    /** Reads every record of a topic up to its end offsets as they are now. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(
        final EmbeddedKafka kafka, final String topic, final boolean readCommitted) throws Exception
    {
        final Map<TopicPartition, Long> ends = endOffsets(kafka, topic);
        final Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, readCommitted ? "read_committed" : "read_uncommitted");
        final List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader =
            new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()))
        {
            reader.assign(ends.keySet());
            reader.seekToBeginning(ends.keySet());
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!reachedEnds(reader, ends))
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new AssertionError("could not read " + topic + " to its end offsets " + ends);
                }
                reader.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    private static boolean reachedEnds(final KafkaConsumer<?, ?> reader, final Map<TopicPartition, Long> ends)
    {
        for (final Map.Entry<TopicPartition, Long> end : ends.entrySet())
        {
            if (reader.position(end.getKey()) < end.getValue())
            {
                return false;
            }
        }
        return true;
    }

    static Map<TopicPartition, Long> endOffsets(final EmbeddedKafka kafka, final String topic) throws Exception
    {
        final int partitions = kafka.admin().describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
            .get(topic).partitions().size();
        final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++)
        {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        final Map<TopicPartition, Long> ends = new HashMap<>();
        kafka.admin().listOffsets(request).all().get(30, TimeUnit.SECONDS)
            .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    static Map<TopicPartition, Long> committedOffsets(final EmbeddedKafka kafka, final String groupId)
        throws Exception
    {
        final Map<TopicPartition, Long> committed = new HashMap<>();
        final Map<TopicPartition, OffsetAndMetadata> offsets = kafka.admin().listConsumerGroupOffsets(groupId)
            .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        offsets.forEach((partition, offset) -> committed.put(partition, null == offset ? -1 : offset.offset()));
        return committed;
    }

    /** Waits for a condition, failing the test with {@code what} after {@code timeout}. */
    static void await(final String what, final Duration timeout, final BooleanSupplier condition)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    /** Waits until the group's committed offsets reach the topic's end offsets. */
    static void awaitCommittedToEnd(
        final EmbeddedKafka kafka, final String topic, final String groupId, final Duration timeout)
        throws InterruptedException
    {
        await("group " + groupId + " to commit " + topic + " to its end", timeout, () ->
        {
            try
            {
                return committedOffsets(kafka, groupId).equals(endOffsets(kafka, topic));
            }
            catch (final Exception ex)
            {
                return false;
            }
        });
    }
}
