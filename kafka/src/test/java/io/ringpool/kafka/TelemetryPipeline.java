package io.ringpool.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A telemetry pipeline on a Kafka broker started in this JVM:
 * <pre>
 *   sensors ──(fixed rate)──► topic "telemetry" (8 partitions, key = sensor id)
 *       ──► RingPoolKafkaConsumer (Ordering.KEY: one sensor's readings in order on one worker)
 *       ──► per-sensor aggregates (count, min, mean, max)        malformed readings ──► "telemetry-dlt"
 * </pre>
 * Readings are CSV text, parsed by the value deserializer on the workers; every {@code --malformed-every}-th reading
 * is garbage, so the dead-letter path runs too. It prints the throughput each second, then the consumer's
 * per-partition report and a few sensors' aggregates, and exits 0 only if every reading sent was aggregated or
 * dead-lettered, the group committed every partition to its end, and the report balances.
 * <p>
 * Run (from the repository root; flags {@code --sensors --rate --duration --partitions --workers --malformed-every}):
 * <pre>
 *   mvn -B -ntp -pl core,kafka -am verify -DskipTests -Djcstress.skip=true -Dinvoker.skip=true -Pkafka-example \
 *       -Dkafka.example.args="--rate 50000 --duration 10"
 * </pre>
 */
public final class TelemetryPipeline
{
    private static final String TOPIC = "telemetry";
    private static final String DEAD_LETTERS = "telemetry-dlt";
    private static final String GROUP = "telemetry-aggregator";

    /** One sensor reading, as the value deserializer makes it. */
    record Reading(long sentAtMs, double celsius)
    {
    }

    /** A sensor's running figures; written by the one worker that owns the sensor's key. */
    static final class Aggregate
    {
        long count;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double sum;

        void add(final Reading reading)
        {
            count++;
            min = Math.min(min, reading.celsius());
            max = Math.max(max, reading.celsius());
            sum += reading.celsius();
        }
    }

    /** Parses {@code <sent at ms>,<celsius>}; throws on anything else, which sends the record to the dead letters. */
    static final class ReadingDeserializer implements Deserializer<Reading>
    {
        @Override
        public Reading deserialize(final String topic, final byte[] data)
        {
            final String text = new String(data, StandardCharsets.US_ASCII);
            final int comma = text.indexOf(',');
            return new Reading(Long.parseLong(text.substring(0, comma)), Double.parseDouble(text.substring(comma + 1)));
        }
    }

    private TelemetryPipeline()
    {
    }

    /**
     * Runs the pipeline.
     *
     * @param args flags, see the class comment.
     * @throws Exception if the broker or a client fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Map<String, Integer> flags = new TreeMap<>(Map.of("sensors", 500, "rate", 50_000, "duration", 10,
            "partitions", 8, "workers", 2, "malformed-every", 10_000));
        for (int i = 0; i < args.length; i++)
        {
            final String flag = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!flags.containsKey(flag) || i + 1 == args.length)
            {
                System.err.println("usage: TelemetryPipeline " + flags.keySet().stream().map(f -> "--" + f + " N")
                    .reduce((a, b) -> a + ' ' + b).orElse(""));
                System.exit(2);
            }
            flags.put(flag, Integer.parseInt(args[++i]));
        }
        System.exit(run(flags) ? 0 : 1);
    }

    private static boolean run(final Map<String, Integer> flags) throws Exception
    {
        final int sensors = flags.get("sensors");
        final int rate = flags.get("rate");
        final int seconds = flags.get("duration");
        final int malformedEvery = flags.get("malformed-every");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(Path.of("target", "kafka-example")))
        {
            kafka.createTopic(TOPIC, flags.get("partitions"));
            kafka.createTopic(DEAD_LETTERS, 1);
            System.out.printf("broker at %s; %d sensors at %,d readings/s for %d s into %d partitions; %d workers%n",
                kafka.bootstrapServers(), sensors, rate, seconds, flags.get("partitions"), flags.get("workers"));

            final Map<String, Aggregate> aggregates = new ConcurrentHashMap<>();
            final AtomicLong aggregated = new AtomicLong();
            final AtomicLong deadLettered = new AtomicLong();
            final DeadLetterHandler toTopic =
                DeadLetterHandler.toTopic(TestRecords.bytesProducer(kafka), DEAD_LETTERS, Duration.ofSeconds(10));
            final RingPoolKafkaConsumer<String, Reading> consumer = RingPoolKafkaConsumer
                .builder(TestRecords.consumerConfig(kafka, GROUP), new StringDeserializer(), new ReadingDeserializer())
                .name("telemetry")
                .topics(TOPIC)
                .ordering(Ordering.KEY)
                .workers(flags.get("workers"))
                .ringSize(4096)
                .retryPolicy(RetryPolicy.fixed(2, Duration.ofMillis(10)))
                .deadLetterHandler((record, cause, attempts) ->
                {
                    toTopic.onDeadLetter(record, cause, attempts);
                    deadLettered.incrementAndGet();
                })
                .handler((record, context) ->
                {
                    aggregates.computeIfAbsent(record.key(), sensor -> new Aggregate()).add(record.value());
                    aggregated.incrementAndGet();
                })
                .build();
            consumer.start();

            final long sent = feed(kafka, sensors, rate, seconds, malformedEvery, aggregated);
            TestRecords.awaitCommittedToEnd(kafka, TOPIC, GROUP, Duration.ofSeconds(60));
            final ConsumerReport report = consumer.close(Duration.ofSeconds(10));
            ((AutoCloseable)toTopic).close();

            System.out.println();
            System.out.println(report.toTable());
            System.out.println();
            int shown = 0;
            for (final Map.Entry<String, Aggregate> sensor : new TreeMap<>(aggregates).entrySet())
            {
                final Aggregate a = sensor.getValue();
                System.out.printf("%-12s readings %,7d  min %6.2f  mean %6.2f  max %6.2f%n",
                    sensor.getKey(), a.count, a.min, a.sum / a.count, a.max);
                if (++shown == 3)
                {
                    break;
                }
            }
            final boolean accounted = aggregated.get() + deadLettered.get() >= sent;
            final boolean exact = report.totals().completed() + report.totals().deadLettered() == sent;
            System.out.printf("%nsent %,d; aggregated %,d, dead-lettered %,d; committed as completed %,d, " +
                "dead-lettered %,d; %d sensors%n", sent, aggregated.get(), deadLettered.get(),
                report.totals().completed(), report.totals().deadLettered(), aggregates.size());
            final boolean ok = accounted && exact && report.isBalanced() && report.drained();
            System.out.println(ok ? "OK" : "FAILED: readings unaccounted for, or the report does not balance");
            return ok;
        }
    }

    /** Produces readings at a fixed rate, printing the pipeline's throughput each second; returns how many. */
    private static long feed(
        final EmbeddedKafka kafka, final int sensors, final int rate, final int seconds, final int malformedEvery,
        final AtomicLong aggregated)
    {
        final long total = (long)rate * seconds;
        final long tickNs = TimeUnit.MILLISECONDS.toNanos(10);
        final int perTick = Math.max(1, rate / 100);
        final long start = System.nanoTime();
        long nextReportNs = start + TimeUnit.SECONDS.toNanos(1);
        long lastAggregated = 0;
        long sent = 0;
        try (KafkaProducer<String, String> producer = TestRecords.stringProducer(kafka))
        {
            for (long tick = 0; sent < total; tick++)
            {
                for (int i = 0; i < perTick && sent < total; i++, sent++)
                {
                    final int id = (int)(sent % sensors);
                    final String sensor = "sensor-" + id;
                    final String value = malformedEvery > 0 && sent % malformedEvery == malformedEvery - 1 ?
                        "garbled" : System.currentTimeMillis() + "," + (20.0 + 5 * Math.sin(sent / 1000.0) +
                        (id % 10) * 0.5 + (sent % 7) * 0.1);
                    producer.send(new ProducerRecord<>(TOPIC, sensor, value));
                }
                LockSupport.parkNanos(start + (tick + 1) * tickNs - System.nanoTime());
                if (System.nanoTime() - nextReportNs >= 0)
                {
                    final long now = aggregated.get();
                    System.out.printf("t=%2ds sent %,10d  aggregated %,10d  (%,d/s)%n",
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start), sent, now, now - lastAggregated);
                    lastAggregated = now;
                    nextReportNs += TimeUnit.SECONDS.toNanos(1);
                }
            }
            producer.flush();
        }
        return sent;
    }
}
