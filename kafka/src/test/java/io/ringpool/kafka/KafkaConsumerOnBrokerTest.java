package io.ringpool.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ringpool.kafka.TestRecords.await;
import static io.ringpool.kafka.TestRecords.committedOffsets;
import static io.ringpool.kafka.TestRecords.consumerConfig;
import static io.ringpool.kafka.TestRecords.endOffsets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One consumer instance against the embedded broker: every ordering, dead letters, backpressure. Each test checks,
 * against the producer's own record of what it sent, that every record ran, that the group's committed offsets reach
 * the end of every partition, and that the report balances.
 */
@Tag("broker")
@Timeout(60)
@ExtendWith(BrokerExtension.class)
class KafkaConsumerOnBrokerTest
{
    private static final DeadLetterHandler NO_DEAD_LETTERS = (record, cause, attempts) ->
    {
        throw new AssertionError("unexpected dead letter at offset " + record.offset(), cause);
    };

    @ParameterizedTest
    @EnumSource(Ordering.class)
    void shouldRunEveryRecordAndCommitEveryPartitionToItsEnd(final Ordering ordering, final EmbeddedKafka kafka)
        throws Exception
    {
        final String topic = "every-" + ordering;
        final String group = "g-every-" + ordering;
        kafka.createTopic(topic, 4);
        final List<TestRecords.Sent> sent;
        try (KafkaProducer<String, String> producer = TestRecords.stringProducer(kafka))
        {
            sent = TestRecords.produce(producer, topic, 0, 4000, 40);
        }

        final Map<String, List<Integer>> seenPerKey = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> runningPerKey = new ConcurrentHashMap<>();
        final Set<String> overlaps = ConcurrentHashMap.newKeySet();
        final AtomicInteger runs = new AtomicInteger();
        final RingPoolKafkaConsumer<String, String> consumer = RingPoolKafkaConsumer
            .builder(consumerConfig(kafka, group), new StringDeserializer(), new StringDeserializer())
            .topics(topic)
            .ordering(ordering)
            .workers(4)
            .ringSize(256)
            .commitInterval(Duration.ofMillis(200))
            .deadLetterHandler(NO_DEAD_LETTERS)
            .handler((record, context) ->
            {
                final AtomicInteger running = runningPerKey.computeIfAbsent(record.key(), k -> new AtomicInteger());
                if (running.incrementAndGet() > 1)
                {
                    overlaps.add(record.key());
                }
                final List<Integer> seen = seenPerKey.computeIfAbsent(record.key(), k -> new ArrayList<>());
                synchronized (seen)
                {
                    seen.add(Integer.parseInt(record.value().substring(record.value().indexOf(':') + 1)));
                }
                running.decrementAndGet();
                runs.incrementAndGet();
            })
            .build();
        consumer.start();
        await("every record to run", Duration.ofSeconds(30), () -> runs.get() >= sent.size());
        final ConsumerReport report = consumer.close(Duration.ofSeconds(10));

        assertTrue(report.drained(), report::toTable);
        assertTrue(report.isBalanced(), report::toTable);
        assertEquals(sent.size(), runs.get(), "each record ran once: nothing failed, nothing was redelivered");
        final PartitionReport totals = report.totals();
        assertEquals(sent.size(), totals.consumed(), report::toTable);
        assertEquals(sent.size(), totals.completed(), report::toTable);
        assertEquals(0, totals.uncommitted(), report::toTable);
        assertEquals(endOffsets(kafka, topic), committedOffsets(kafka, group));
        if (Ordering.UNORDERED != ordering)
        {
            // KEY and PARTITION both keep per-key order (a key lives in one partition) and never run a key twice at
            // once.
            assertEquals(Set.of(), overlaps, "keys run concurrently");
            for (final Map.Entry<String, List<Integer>> key : seenPerKey.entrySet())
            {
                final List<Integer> seen = key.getValue();
                for (int i = 0; i < seen.size(); i++)
                {
                    assertEquals(i, seen.get(i), () -> "order of key " + key.getKey() + ": " + seen);
                }
            }
        }
    }

    @Test
    void shouldDeadLetterAPoisonRecordAfterItsRetriesAndAnUndecodableOneAtOnce(final EmbeddedKafka kafka)
        throws Exception
    {
        final String topic = "poison";
        final String deadLetters = "poison-dlt";
        final String group = "g-poison";
        kafka.createTopic(topic, 2);
        kafka.createTopic(deadLetters, 1);
        final List<TestRecords.Sent> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = TestRecords.stringProducer(kafka))
        {
            sent.addAll(TestRecords.produce(producer, topic, 0, 100, 10));
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "k1", "poison")).get();
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "k2", "undecodable")).get();
            sent.addAll(TestRecords.produce(producer, topic, 100, 100, 10));
        }
        final int good = sent.size();
        final Deserializer<String> strict = (t, bytes) ->
        {
            final String value = new String(bytes, StandardCharsets.UTF_8);
            if ("undecodable".equals(value))
            {
                throw new IllegalArgumentException("not a value");
            }
            return value;
        };

        final AtomicInteger poisonAttempts = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final RingPoolKafkaConsumer<String, String> consumer = RingPoolKafkaConsumer
            .builder(consumerConfig(kafka, group), new StringDeserializer(), strict)
            .topics(topic)
            .workers(2)
            .ringSize(64)
            .commitInterval(Duration.ofMillis(200))
            .retryPolicy(RetryPolicy.fixed(2, Duration.ofMillis(20)))
            .deadLetterTopic(TestRecords.bytesProducer(kafka), deadLetters)
            .handler((record, context) ->
            {
                if ("poison".equals(record.value()))
                {
                    poisonAttempts.incrementAndGet();
                    throw new IllegalStateException("poison");
                }
                completed.incrementAndGet();
            })
            .build();
        consumer.start();
        TestRecords.awaitCommittedToEnd(kafka, topic, group, Duration.ofSeconds(30));
        final ConsumerReport report = consumer.close(Duration.ofSeconds(10));

        assertTrue(report.isBalanced(), report::toTable);
        assertEquals(good, completed.get());
        assertEquals(3, poisonAttempts.get(), "first attempt and two retries");
        final PartitionReport totals = report.totals();
        assertEquals(good + 2, totals.consumed(), report::toTable);
        assertEquals(good, totals.completed(), report::toTable);
        assertEquals(2, totals.deadLettered(), report::toTable);
        assertEquals(2, totals.failed(), report::toTable);
        assertEquals(2, totals.retried(), report::toTable);
        assertEquals(0, totals.uncommitted(), report::toTable);

        final List<ConsumerRecord<byte[], byte[]>> letters = TestRecords.readAll(kafka, deadLetters, false);
        assertEquals(2, letters.size());
        final Set<String> values = new HashSet<>();
        for (final ConsumerRecord<byte[], byte[]> letter : letters)
        {
            final String value = new String(letter.value(), StandardCharsets.UTF_8);
            values.add(value);
            final String attempts = new String(
                letter.headers().lastHeader("ringpool.dlt.attempts").value(), StandardCharsets.UTF_8);
            assertEquals("poison".equals(value) ? "3" : "1", attempts, value);
            assertEquals(topic, new String(letter.headers().lastHeader("ringpool.dlt.topic").value(),
                StandardCharsets.UTF_8));
        }
        assertEquals(Set.of("poison", "undecodable"), values);
    }

    @Test
    void shouldProduceEveryResultDownstreamAtLeastOnce(final EmbeddedKafka kafka) throws Exception
    {
        final String input = "enrich-in";
        final String output = "enrich-out";
        final String group = "g-enrich";
        kafka.createTopic(input, 3);
        kafka.createTopic(output, 3);
        final List<TestRecords.Sent> sent;
        try (KafkaProducer<String, String> producer = TestRecords.stringProducer(kafka))
        {
            sent = TestRecords.produce(producer, input, 0, 1500, 30);
        }
        final RingPoolKafkaConsumer<String, String> consumer = RingPoolKafkaConsumer
            .builder(consumerConfig(kafka, group), new StringDeserializer(), new StringDeserializer())
            .topics(input)
            .workers(2)
            .ringSize(128)
            .commitInterval(Duration.ofMillis(200))
            .deadLetterHandler(NO_DEAD_LETTERS)
            .output(TestRecords.stringProducer(kafka), (record, context) -> record.offset() % 10 == 9 ? null :
                new org.apache.kafka.clients.producer.ProducerRecord<>(output, record.key(),
                    record.partition() + ":" + record.offset()))
            .build();
        consumer.start();
        TestRecords.awaitCommittedToEnd(kafka, input, group, Duration.ofSeconds(30));
        final ConsumerReport report = consumer.close(Duration.ofSeconds(10));

        assertTrue(report.drained(), report::toTable);
        assertTrue(report.isBalanced(), report::toTable);
        assertEquals(sent.size(), report.totals().completed(), report::toTable);
        final Set<String> expected = new HashSet<>();
        for (final TestRecords.Sent record : sent)
        {
            if (record.offset() % 10 != 9)
            {
                expected.add(record.partition() + ":" + record.offset());
            }
        }
        final Set<String> produced = new HashSet<>();
        for (final ConsumerRecord<byte[], byte[]> record : TestRecords.readAll(kafka, output, false))
        {
            produced.add(new String(record.value(), StandardCharsets.UTF_8));
        }
        assertEquals(expected, produced, "one output per input the transformer answered, none for a null");
    }

    @Test
    void shouldPauseForASlowHandlerAndStayInTheGroup(final EmbeddedKafka kafka) throws Exception
    {
        final String topic = "slow";
        final String group = "g-slow";
        kafka.createTopic(topic, 2);
        final List<TestRecords.Sent> sent;
        try (KafkaProducer<String, String> producer = TestRecords.stringProducer(kafka))
        {
            sent = TestRecords.produce(producer, topic, 0, 600, 20);
        }
        final Map<String, Object> config = consumerConfig(kafka, group);
        // Processing all records takes ~3 s, twice this: a consumer that waited for its workers would be evicted.
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 1500);
        final AtomicInteger runs = new AtomicInteger();
        final RingPoolKafkaConsumer<String, String> consumer = RingPoolKafkaConsumer
            .builder(config, new StringDeserializer(), new StringDeserializer())
            .topics(topic)
            .workers(1)
            .ringSize(8)
            .commitInterval(Duration.ofMillis(200))
            .stallThreshold(Duration.ZERO)
            .deadLetterHandler(NO_DEAD_LETTERS)
            .handler((record, context) ->
            {
                Thread.sleep(5);
                runs.incrementAndGet();
            })
            .build();
        consumer.start();
        await("every record to run", Duration.ofSeconds(30), () -> runs.get() >= sent.size());
        final ConsumerReport report = consumer.close(Duration.ofSeconds(10));

        assertTrue(report.drained(), report::toTable);
        assertTrue(report.isBalanced(), report::toTable);
        assertTrue(report.pauses() > 0, report::toTable);
        final PartitionReport totals = report.totals();
        assertEquals(0, totals.revoked(), "a rebalance took partitions away: " + report.toTable());
        assertEquals(sent.size(), totals.consumed(), report::toTable);
        assertEquals(sent.size(), totals.completed(), report::toTable);
        assertEquals(sent.size(), runs.get());
        final Map<TopicPartition, Long> ends = endOffsets(kafka, topic);
        assertEquals(ends, committedOffsets(kafka, group));
    }
}
