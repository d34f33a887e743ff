package io.ringpool.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static io.ringpool.kafka.TestRecords.await;
import static io.ringpool.kafka.TestRecords.committedOffsets;
import static io.ringpool.kafka.TestRecords.consumerConfig;
import static io.ringpool.kafka.TestRecords.endOffsets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several instances in one group against the embedded broker, while a producer writes: instances join mid-stream
 * (scale-out), one leaves by close, one is halted without a commit. Checked against the producer's own record of what
 * it sent: every record ran at least once, each record's completion was committed by exactly one instance, and the
 * only records run twice are ones some instance left uncommitted.
 */
@Tag("broker")
@Timeout(90)
@ExtendWith(BrokerExtension.class)
class GroupRebalanceOnBrokerTest
{
    private static final DeadLetterHandler NO_DEAD_LETTERS = (record, cause, attempts) ->
    {
        throw new AssertionError("unexpected dead letter at offset " + record.offset(), cause);
    };

    @Test
    void shouldScaleOutAndInWithoutLosingOrDoubleCommittingARecord(final EmbeddedKafka kafka) throws Exception
    {
        final String topic = "scale";
        final String group = "g-scale";
        kafka.createTopic(topic, 6);
        final Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
        final AtomicInteger totalRuns = new AtomicInteger();

        final Producing producing = Producing.start(kafka, topic, 24_000, 6_000);
        final RingPoolKafkaConsumer<String, String> first = instance(kafka, group, topic, "first", runs, totalRuns);
        first.start();
        await("a tenth of the stream", Duration.ofSeconds(20), () -> totalRuns.get() > 2_400);
        final RingPoolKafkaConsumer<String, String> second = instance(kafka, group, topic, "second", runs, totalRuns);
        second.start();
        await("the second instance to get partitions", Duration.ofSeconds(20), () -> !second.assignment().isEmpty());
        final RingPoolKafkaConsumer<String, String> third = instance(kafka, group, topic, "third", runs, totalRuns);
        third.start();
        await("the third instance to get partitions", Duration.ofSeconds(20), () -> !third.assignment().isEmpty());
        final int beforeLeaving = totalRuns.get();
        await("the three to run records", Duration.ofSeconds(20), () -> totalRuns.get() > beforeLeaving + 1_000);

        final ConsumerReport closed = second.close(Duration.ofSeconds(10));
        final int beforeHalt = totalRuns.get();
        await("the survivors to run records", Duration.ofSeconds(20), () -> totalRuns.get() > beforeHalt + 1_000);
        final ConsumerReport halted = third.halt(Duration.ZERO);

        final List<TestRecords.Sent> sent = producing.await();
        TestRecords.awaitCommittedToEnd(kafka, topic, group, Duration.ofSeconds(40));
        final ConsumerReport last = first.close(Duration.ofSeconds(10));

        final List<ConsumerReport> reports = List.of(last, closed, halted);
        System.out.println("scale-out: ran " + totalRuns.get() + " for " + sent.size() + " sent; first, second " +
            "(closed), third (halted):\n" + tables(reports));
        for (final ConsumerReport report : reports)
        {
            assertTrue(report.isBalanced(), report::toTable);
        }
        assertTrue(closed.drained(), closed::toTable);
        assertTrue(halted.halted(), halted::toTable);
        assertFalse(halted.drained(), halted::toTable);

        final Map<Integer, Integer> sentPerPartition = new HashMap<>();
        for (final TestRecords.Sent record : sent)
        {
            final AtomicInteger count = runs.get(coordinates(record.partition(), record.offset()));
            assertTrue(null != count && count.get() >= 1, () -> "never ran: " + record);
            sentPerPartition.merge(record.partition(), 1, Integer::sum);
        }
        long uncommitted = 0;
        long revoked = 0;
        for (int p = 0; p < 6; p++)
        {
            final TopicPartition partition = new TopicPartition(topic, p);
            long committedOnce = 0;
            for (final ConsumerReport report : reports)
            {
                final PartitionReport counts = report.partitions().get(partition);
                if (null != counts)
                {
                    committedOnce += counts.completed() + counts.deadLettered();
                }
            }
            assertEquals(sentPerPartition.getOrDefault(p, 0).longValue(), committedOnce,
                "records of " + partition + " whose completion was committed, over all instances\n" + tables(reports));
        }
        for (final ConsumerReport report : reports)
        {
            uncommitted += report.totals().uncommitted();
            revoked += report.totals().revoked();
        }
        assertTrue(revoked > 0, "no rebalance happened\n" + tables(reports));
        final long duplicates = totalRuns.get() - sent.size();
        assertTrue(duplicates <= uncommitted,
            "ran " + duplicates + " records twice, but only " + uncommitted + " were left uncommitted\n" +
            tables(reports));
        assertEquals(endOffsets(kafka, topic), committedOffsets(kafka, group));
    }

    @Test
    void shouldProduceEachOutputExactlyOnceThroughARebalanceAndAHalt(final EmbeddedKafka kafka) throws Exception
    {
        final String input = "tx-in";
        final String output = "tx-out";
        final String group = "g-tx";
        kafka.createTopic(input, 4);
        kafka.createTopic(output, 4);
        final AtomicInteger totalRuns = new AtomicInteger();

        // Six seconds of stream: the rebalance, however slow the machine, ends while records still arrive, so both
        // instances run records before the first is halted mid-transaction.
        final Producing producing = Producing.start(kafka, input, 24_000, 4_000);
        final AtomicInteger firstRuns = new AtomicInteger();
        final AtomicInteger secondRuns = new AtomicInteger();
        final RingPoolKafkaConsumer<String, String> first = transactional(kafka, group, input, output, "tx-1",
            totalRuns, firstRuns);
        first.start();
        await("the first instance to run records", Duration.ofSeconds(20), () -> firstRuns.get() > 2_000);
        final RingPoolKafkaConsumer<String, String> second = transactional(kafka, group, input, output, "tx-2",
            totalRuns, secondRuns);
        second.start();
        await("the second instance to get partitions", Duration.ofSeconds(20), () -> !second.assignment().isEmpty());
        final int firstBefore = firstRuns.get();
        await("both to run records after the rebalance", Duration.ofSeconds(20),
            () -> secondRuns.get() > 200 && firstRuns.get() > firstBefore);
        final ConsumerReport halted = first.halt(Duration.ZERO);

        final List<TestRecords.Sent> sent = producing.await();
        TestRecords.awaitCommittedToEnd(kafka, input, group, Duration.ofSeconds(40));
        final ConsumerReport closed = second.close(Duration.ofSeconds(10));
        System.out.println("transactional: ran " + totalRuns.get() + " for " + sent.size() + " sent; first " +
            "(halted), second (closed):\n" + tables(List.of(halted, closed)));
        assertTrue(halted.isBalanced(), halted::toTable);
        assertTrue(closed.isBalanced(), closed::toTable);
        assertTrue(closed.drained(), closed::toTable);

        final List<String> expected = new ArrayList<>(sent.size());
        for (final TestRecords.Sent record : sent)
        {
            expected.add(record.partition() + ":" + record.offset());
        }
        final List<String> produced = new ArrayList<>(sent.size());
        for (final ConsumerRecord<byte[], byte[]> record : TestRecords.readAll(kafka, output, true))
        {
            produced.add(new String(record.value(), StandardCharsets.UTF_8));
        }
        Collections.sort(expected);
        Collections.sort(produced);
        assertEquals(expected.size(), produced.size(),
            "outputs (read committed) against inputs; ran " + totalRuns.get() + "\n" + tables(List.of(halted, closed)));
        assertEquals(expected, produced, "an output missing or produced twice");
        assertTrue(totalRuns.get() >= sent.size());
    }

    private static RingPoolKafkaConsumer<String, String> instance(
        final EmbeddedKafka kafka, final String group, final String topic, final String name,
        final Map<Long, AtomicInteger> runs, final AtomicInteger totalRuns)
    {
        return RingPoolKafkaConsumer
            .builder(consumerConfig(kafka, group), new StringDeserializer(), new StringDeserializer())
            .name(name)
            .topics(topic)
            .workers(2)
            .ringSize(128)
            .commitInterval(Duration.ofMillis(100))
            .revocationTimeout(Duration.ofSeconds(5))
            .deadLetterHandler(NO_DEAD_LETTERS)
            .handler((record, context) ->
            {
                LockSupport.parkNanos(50_000);
                runs.computeIfAbsent(coordinates(record.partition(), record.offset()), k -> new AtomicInteger())
                    .incrementAndGet();
                totalRuns.incrementAndGet();
            })
            .build();
    }

    private static RingPoolKafkaConsumer<String, String> transactional(
        final EmbeddedKafka kafka, final String group, final String input, final String output,
        final String transactionalId, final AtomicInteger totalRuns, final AtomicInteger instanceRuns)
    {
        final Map<String, Object> producerConfig = TestRecords.producerConfig(kafka);
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        final KafkaProducer<String, String> producer =
            new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
        return RingPoolKafkaConsumer
            .builder(consumerConfig(kafka, group), new StringDeserializer(), new StringDeserializer())
            .name(transactionalId)
            .topics(input)
            .workers(2)
            .ringSize(128)
            .commitInterval(Duration.ofMillis(100))
            .deadLetterHandler(NO_DEAD_LETTERS)
            .transactionalOutput(producer, (record, context) ->
            {
                LockSupport.parkNanos(50_000);
                totalRuns.incrementAndGet();
                instanceRuns.incrementAndGet();
                return new ProducerRecord<>(output, record.key(), record.partition() + ":" + record.offset());
            })
            .build();
    }

    private static long coordinates(final int partition, final long offset)
    {
        return ((long)partition << 48) | offset;
    }

    private static String tables(final List<ConsumerReport> reports)
    {
        final StringBuilder out = new StringBuilder();
        for (final ConsumerReport report : reports)
        {
            out.append(report.toTable()).append('\n');
        }
        return out.toString();
    }

    /** A producer thread writing at a steady rate, keeping its own record of what the broker acknowledged. */
    private static final class Producing
    {
        private final Thread thread;
        private final List<TestRecords.Sent> sent = Collections.synchronizedList(new ArrayList<>());
        private volatile Exception failure;

        private Producing(final EmbeddedKafka kafka, final String topic, final int count, final int perSecond)
        {
            thread = new Thread(() ->
            {
                try (KafkaProducer<String, String> producer = TestRecords.stringProducer(kafka))
                {
                    final int batch = perSecond / 20;
                    final long start = System.nanoTime();
                    for (int i = 0; i < count; i += batch)
                    {
                        sent.addAll(TestRecords.produce(producer, topic, i, Math.min(batch, count - i), 60));
                        final long due = start + (long)(i + batch) * 1_000_000_000L / perSecond;
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                }
                catch (final Exception ex)
                {
                    failure = ex;
                }
            }, "test-producer-" + topic);
        }

        static Producing start(final EmbeddedKafka kafka, final String topic, final int count, final int perSecond)
        {
            final Producing producing = new Producing(kafka, topic, count, perSecond);
            producing.thread.start();
            return producing;
        }

        List<TestRecords.Sent> await() throws Exception
        {
            thread.join(60_000);
            if (null != failure)
            {
                throw failure;
            }
            assertFalse(thread.isAlive(), "the producer did not finish");
            return new ArrayList<>(sent);
        }
    }
}
