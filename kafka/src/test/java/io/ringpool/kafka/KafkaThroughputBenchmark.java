package io.ringpool.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records per second through one consumer instance on the embedded broker: a plain {@code KafkaConsumer} that runs
 * the handler in its poll loop (one record at a time, so at most one core per instance), against ringpool-kafka with
 * 1, 2 and 4 workers ({@link Ordering#KEY}, 1024 keys), on a topic of 1 and of 8 partitions, with a tiny handler
 * and a ~100 µs one (a busy spin, so CPU-bound).
 * <pre>
 *   plain:         broker ──poll──► [poll thread: handler, handler, ...] ──commitAsync per poll
 *   ringpool-kafka: broker ──poll──► [poll thread] ──► ring ──► worker × N (handler) ──► commits
 * </pre>
 * Each run is a fresh consumer group reading the pre-filled topic from the start; the rate counts from the first
 * record handled to the last (group join excluded). One run per cell after a short warm-up: the figures are single
 * samples on a shared machine, and the broker runs in the same JVM, on the same cores.
 * <p>
 * Run (prints a markdown table; {@code --out} also writes it, relative to {@code kafka/}):
 * <pre>
 *   mvn -B -ntp -pl core,kafka -am verify -DskipTests -Djcstress.skip=true -Dinvoker.skip=true -Pkafka-bench \
 *       -Dkafka.bench.args="--records 200000 --slow-records 20000 --out ../docs/benchmarks/kafka.md"
 * </pre>
 */
public final class KafkaThroughputBenchmark
{
    private static final int KEYS = 1024;
    private static final long SLOW_HANDLER_NS = 100_000;
    private static final int[] WORKERS = {1, 2, 4};

    private final EmbeddedKafka kafka;
    private int group;

    private KafkaThroughputBenchmark(final EmbeddedKafka kafka)
    {
        this.kafka = kafka;
    }

    /**
     * Runs the grid.
     *
     * @param args {@code --records N} (tiny handler, default 200000), {@code --slow-records N} (~100 µs handler,
     *             default 20000), {@code --partitions 1,8} (the topics' partition counts), {@code --out FILE}.
     * @throws Exception if the broker or a run fails.
     */
    public static void main(final String[] args) throws Exception
    {
        int records = 200_000;
        int slowRecords = 20_000;
        Path out = null;
        int[] partitionCounts = {1, 8};
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--records" -> records = Integer.parseInt(args[++i]);
                case "--slow-records" -> slowRecords = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--partitions" -> partitionCounts = parseInts(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] +
                    "; use --records N, --slow-records N, --partitions 1,8, --out FILE");
            }
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start(Path.of("target", "kafka-bench")))
        {
            final KafkaThroughputBenchmark bench = new KafkaThroughputBenchmark(kafka);
            final String table = bench.run(records, slowRecords, partitionCounts);
            System.out.println(table);
            if (null != out)
            {
                Files.createDirectories(out.toAbsolutePath().getParent());
                Files.writeString(out, table);
            }
        }
    }

    private String run(final int records, final int slowRecords, final int[] partitionCounts) throws Exception
    {
        final int total = Math.max(records, slowRecords);
        for (final int partitions : partitionCounts)
        {
            fill("bench-" + partitions, partitions, total);
        }

        System.out.println("warm-up");
        plain("bench-" + partitionCounts[0], Math.min(total, 50_000), 0);
        pooled("bench-" + partitionCounts[0], Math.min(total, 50_000), 0, 2);

        final StringBuilder table = new StringBuilder(2048);
        table.append("| partitions | handler | records | plain `KafkaConsumer`, rec/s |");
        for (final int workers : WORKERS)
        {
            table.append(" ringpool-kafka ").append(workers).append(workers == 1 ? " worker" : " workers")
                .append(", rec/s |");
        }
        table.append(" best / plain |\n|---:|---|---:|---:|");
        for (int i = 0; i < WORKERS.length; i++)
        {
            table.append("---:|");
        }
        table.append("---:|\n");
        for (final int partitions : partitionCounts)
        {
            for (final boolean slow : new boolean[] {false, true})
            {
                final String topic = "bench-" + partitions;
                final int count = slow ? slowRecords : records;
                final long handlerNs = slow ? SLOW_HANDLER_NS : 0;
                final double plain = plain(topic, count, handlerNs);
                table.append("| ").append(partitions).append(" | ").append(slow ? "~100 µs spin" : "tiny")
                    .append(" | ").append(count).append(" | ").append(format(plain)).append(" |");
                double best = 0;
                for (final int workers : WORKERS)
                {
                    final double pooled = pooled(topic, count, handlerNs, workers);
                    best = Math.max(best, pooled);
                    table.append(' ').append(format(pooled)).append(" |");
                }
                table.append(' ').append(String.format("%.2f×", best / plain)).append(" |\n");
            }
        }
        table.insert(0, "<!-- KafkaThroughputBenchmark, " + LocalDate.now() + ", " +
            Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + ' ' +
            System.getProperty("java.version") + " -->\n");
        return table.toString();
    }

    private void fill(final String topic, final int partitions, final int count) throws Exception
    {
        kafka.createTopic(topic, partitions);
        final Map<String, Object> config = TestRecords.producerConfig(kafka);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 65_536);
        final String padding = "x".repeat(80);
        try (KafkaProducer<String, String> producer =
            new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()))
        {
            for (int i = 0; i < count; i++)
            {
                final String key = "sensor-" + (i % KEYS);
                producer.send(new ProducerRecord<>(topic, key, key + ',' + i + ',' + padding));
            }
            producer.flush();
        }
        System.out.println("filled " + topic + " with " + count + " records");
    }

    private Map<String, Object> consumerConfig()
    {
        final Map<String, Object> config = TestRecords.consumerConfig(kafka, "bench-" + ++group);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        return config;
    }

    /** The baseline: the handler runs on the poll thread, one record at a time; commitAsync after each poll. */
    private double plain(final String topic, final int count, final long handlerNs)
    {
        final Map<String, Object> config = consumerConfig();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final Clock clock = new Clock();
        try (KafkaConsumer<String, String> consumer =
            new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer()))
        {
            consumer.subscribe(List.of(topic));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (clock.handled.get() < count && System.nanoTime() - deadline < 0)
            {
                final ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                for (final ConsumerRecord<String, String> record : records)
                {
                    handle(record, handlerNs, clock);
                }
                if (!records.isEmpty())
                {
                    consumer.commitAsync();
                }
            }
            consumer.commitSync();
        }
        return clock.rate("plain " + topic, count);
    }

    private double pooled(final String topic, final int count, final long handlerNs, final int workers)
        throws InterruptedException
    {
        final Clock clock = new Clock();
        final RingPoolKafkaConsumer<String, String> consumer = RingPoolKafkaConsumer
            .builder(consumerConfig(), new StringDeserializer(), new StringDeserializer())
            .name("bench")
            .topics(topic)
            .ordering(Ordering.KEY)
            .workers(workers)
            .ringSize(4096)
            .stallThreshold(Duration.ZERO)
            .deadLetterHandler((record, cause, attempts) ->
            {
                throw new IllegalStateException("benchmark handler failed", cause);
            })
            .handler((record, context) -> handle(record, handlerNs, clock))
            .build();
        consumer.start();
        TestRecords.await("the run to finish", Duration.ofSeconds(120), () -> clock.handled.get() >= count);
        final ConsumerReport report = consumer.close(Duration.ofSeconds(30));
        if (!report.isBalanced())
        {
            throw new IllegalStateException("report does not balance: " + report.toTable());
        }
        if (Boolean.getBoolean("kafka.bench.verbose"))
        {
            System.out.println(report.toTable());
        }
        return clock.rate("ringpool-kafka " + workers + "w " + topic, count);
    }

    private static void handle(final ConsumerRecord<String, String> record, final long handlerNs, final Clock clock)
    {
        if (handlerNs > 0)
        {
            final long until = System.nanoTime() + handlerNs;
            while (System.nanoTime() - until < 0)
            {
                Thread.onSpinWait();
            }
        }
        clock.handled(record.value().length());
    }

    private static int[] parseInts(final String commaSeparated)
    {
        final String[] parts = commaSeparated.split(",");
        final int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            values[i] = Integer.parseInt(parts[i].trim());
        }
        return values;
    }

    private static String format(final double rate)
    {
        return String.format("%,.0f", rate);
    }

    /** First and last handled record's time, across threads. */
    private static final class Clock
    {
        final AtomicLong handled = new AtomicLong();
        final AtomicLong firstNs = new AtomicLong();
        final AtomicLong lastNs = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        void handled(final int length)
        {
            final long now = System.nanoTime();
            firstNs.compareAndSet(0, now);
            lastNs.accumulateAndGet(now, Math::max);
            bytes.addAndGet(length);
            handled.incrementAndGet();
        }

        double rate(final String what, final int count)
        {
            final long handledNow = handled.get();
            if (handledNow < count)
            {
                throw new IllegalStateException(what + ": handled " + handledNow + " of " + count + " in time");
            }
            final double seconds = (lastNs.get() - firstNs.get()) / 1e9;
            final double rate = (handledNow - 1) / seconds;
            System.out.printf("%-36s %,10d records in %6.3f s: %,12.0f rec/s%n", what, handledNow, seconds, rate);
            return rate;
        }
    }
}
