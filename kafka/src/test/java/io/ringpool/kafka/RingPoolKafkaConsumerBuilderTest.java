package io.ringpool.kafka;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the builder refuses, before anything touches Kafka. */
class RingPoolKafkaConsumerBuilderTest
{
    @Test
    void shouldRefuseAConsumerWithoutAGroup()
    {
        final Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", "localhost:1");
        refused("group.id", config, builder -> { });
    }

    @Test
    void shouldRefuseAutoCommit()
    {
        final Map<String, Object> config = config();
        config.put("enable.auto.commit", "true");
        refused("enable.auto.commit", config, builder -> { });
    }

    @Test
    void shouldRefuseAConsumerWithoutADeadLetterDestination()
    {
        refused("deadLetter", config(), builder -> builder.deadLetterHandler(null));
    }

    @Test
    void shouldRefuseTwoHandlers()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> RingPoolKafkaConsumer
            .builder(config(), new StringDeserializer(), new StringDeserializer())
            .handler((record, context) -> { })
            .handler((record, context) -> { }));
        assertTrue(ex.getMessage().contains("one of handler"), ex.getMessage());
    }

    @Test
    void shouldRefuseOutOfRangeBounds()
    {
        refused("commitInterval", config(), builder -> builder.commitInterval(Duration.ZERO));
        refused("maxUncommittedPerPartition", config(), builder -> builder.maxUncommittedPerPartition(1));
        refused("maxMetadataChars", config(), builder -> builder.maxMetadataChars(10));
        refused("revocationTimeout", config(), builder -> builder.revocationTimeout(Duration.ofMillis(-1)));
    }

    @Test
    void shouldDoubleTheBackoffUpToItsCeiling()
    {
        final RetryPolicy policy = RetryPolicy.exponential(10, Duration.ofMillis(100), Duration.ofSeconds(1));
        assertEquals(100_000_000L, policy.backoffNs(1));
        assertEquals(200_000_000L, policy.backoffNs(2));
        assertEquals(800_000_000L, policy.backoffNs(4));
        assertEquals(1_000_000_000L, policy.backoffNs(5));
        assertEquals(1_000_000_000L, policy.backoffNs(70));
        assertEquals(5_000_000L, RetryPolicy.fixed(3, Duration.ofMillis(5)).backoffNs(3));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
            () -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }

    private static Map<String, Object> config()
    {
        final Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", "localhost:1");
        config.put("group.id", "g");
        return config;
    }

    private static void refused(
        final String option, final Map<String, Object> config,
        final Consumer<RingPoolKafkaConsumerBuilder<String, String>> change)
    {
        final RingPoolKafkaConsumerBuilder<String, String> builder = RingPoolKafkaConsumer
            .builder(config, new StringDeserializer(), new StringDeserializer())
            .topics("t")
            .handler((record, context) -> { })
            .deadLetterHandler((record, cause, attempts) -> { });
        change.accept(builder);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(ex.getMessage().contains(option), () -> "message names " + option + ": " + ex.getMessage());
    }
}
