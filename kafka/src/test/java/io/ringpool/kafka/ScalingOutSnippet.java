package io.ringpool.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.Map;

/** The usage snippet of kafka/README.md, compiled by the build so that the README cannot drift from the API. */
final class ScalingOutSnippet
{
    private ScalingOutSnippet()
    {
    }

    static ConsumerReport run(final String bootstrap, final Map<String, Object> producerConfig)
    {
        // snippet-start
        final RingPoolKafkaConsumer<String, String> consumer = RingPoolKafkaConsumer
            .builder(Map.of("bootstrap.servers", bootstrap, "group.id", "telemetry-aggregator",
                    "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())   // run on the workers, in parallel
            .topics("telemetry")
            .ordering(Ordering.KEY)                 // one sensor's readings in order; sensors in parallel
            .workers(8)                             // more workers than partitions is the point
            .retryPolicy(RetryPolicy.exponential(3, Duration.ofMillis(100), Duration.ofSeconds(5)))
            .deadLetterTopic(new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                new ByteArraySerializer()), "telemetry-dlt")
            .handler((record, context) -> aggregate(record.key(), record.value()))
            .build();
        consumer.start();
        // ... on shutdown: drain, commit, leave the group; counts per partition that balance exactly
        final ConsumerReport report = consumer.close(Duration.ofSeconds(30));
        System.out.println(report.toTable());
        // snippet-end
        return report;
    }

    private static void aggregate(final String sensor, final String reading)
    {
    }
}
