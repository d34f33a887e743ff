package io.ringpool.kafka;

import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.Dispatch;
import io.ringpool.RingPool;
import io.ringpool.RingPoolBuilder;
import io.ringpool.WaitPolicy;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Configures a {@link RingPoolKafkaConsumer}. Every option has a default except the handler (or transformer), the
 * topics and the dead-letter handler: a record that fails every attempt must go somewhere.
 * <p>
 * Not thread-safe: build on one thread.
 *
 * @param <K> the key type the handler sees.
 * @param <V> the value type the handler sees.
 */
public final class RingPoolKafkaConsumerBuilder<K, V>
{
    /** The default for {@link #maxUncommittedPerPartition(int)}. */
    public static final int DEFAULT_MAX_UNCOMMITTED_PER_PARTITION = 10_000;

    /** The default for {@link #maxMetadataChars(int)}: below the broker's default {@code offset.metadata.max.bytes}. */
    public static final int DEFAULT_MAX_METADATA_CHARS = 4000;

    private final Map<String, Object> consumerConfig;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final List<String> topics = new ArrayList<>();
    private String name = "ringpool-kafka";
    private Ordering ordering = Ordering.KEY;
    private int workers = Runtime.getRuntime().availableProcessors();
    private int ringSize = RingPoolBuilder.DEFAULT_RING_SIZE;
    private WaitPolicy waitPolicy = WaitPolicy.BLOCKING;
    private RecordTransformer<K, V, Object, Object> transformer;
    private Producer<Object, Object> output;
    private boolean transactional;
    private RetryPolicy retryPolicy = RetryPolicy.exponential(3, Duration.ofMillis(100), Duration.ofSeconds(5));
    private DeadLetterHandler deadLetterHandler;
    private Duration commitInterval = Duration.ofSeconds(1);
    private Duration pollTimeout = Duration.ofMillis(100);
    private Duration revocationTimeout = Duration.ofSeconds(10);
    private Duration commitTimeout = Duration.ofSeconds(30);
    private Duration closeTimeout = Duration.ofSeconds(30);
    private Duration stallThreshold;
    private int maxUncommittedPerPartition = DEFAULT_MAX_UNCOMMITTED_PER_PARTITION;
    private int maxMetadataChars = DEFAULT_MAX_METADATA_CHARS;

    RingPoolKafkaConsumerBuilder(
        final Map<String, Object> consumerConfig, final Deserializer<K> keyDeserializer,
        final Deserializer<V> valueDeserializer)
    {
        this.consumerConfig = new HashMap<>(Objects.requireNonNull(consumerConfig, "consumerConfig"));
        this.keyDeserializer = Objects.requireNonNull(keyDeserializer, "keyDeserializer");
        this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer");
    }

    /**
     * The topics to subscribe to (added to any given before).
     *
     * @param topics one or more topic names.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> topics(final String... topics)
    {
        return topics(List.of(topics));
    }

    /**
     * The topics to subscribe to (added to any given before).
     *
     * @param topics one or more topic names.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> topics(final Collection<String> topics)
    {
        this.topics.addAll(topics);
        return this;
    }

    /**
     * The consumer's name: its pool's name and its threads' prefix ({@code <name>-poll}, {@code <name>-worker-<i>}).
     * Default {@code "ringpool-kafka"}.
     *
     * @param name a non-blank name.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> name(final String name)
    {
        this.name = name;
        return this;
    }

    /**
     * Which records keep their order. Default {@link Ordering#KEY}.
     *
     * @param ordering the ordering.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> ordering(final Ordering ordering)
    {
        this.ordering = ordering;
        return this;
    }

    /**
     * Pool workers. Default: the processors the JVM sees.
     *
     * @param workers 1 or more, at most the ring size.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> workers(final int workers)
    {
        this.workers = workers;
        return this;
    }

    /**
     * Task-ring entries: records handed to the pool and not yet finished. When the ring is full the consumer pauses
     * its partitions. Default {@value RingPoolBuilder#DEFAULT_RING_SIZE}.
     *
     * @param ringSize a power of two, at least the worker count.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /**
     * How the pool's threads wait (see {@link WaitPolicy}). Default {@link WaitPolicy#BLOCKING}.
     *
     * @param waitPolicy the policy.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> waitPolicy(final WaitPolicy waitPolicy)
    {
        this.waitPolicy = waitPolicy;
        return this;
    }

    /**
     * The code run for each record. Give this, {@link #output} or {@link #transactionalOutput}.
     *
     * @param handler the handler, shared by every worker.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> handler(final RecordHandler<K, V> handler)
    {
        Objects.requireNonNull(handler, "handler");
        return with((record, context) ->
        {
            handler.onRecord(record, context);
            return null;
        }, null, false);
    }

    /**
     * The code run for each record, whose result is produced to an output topic (at least once): a record counts as
     * finished once the producer has acknowledged its output. The consumer closes the producer when it stops.
     *
     * @param producer    the output producer (not transactional).
     * @param transformer the code, shared by every worker.
     * @param <OK>        the output key type.
     * @param <OV>        the output value type.
     * @return this builder.
     */
    public <OK, OV> RingPoolKafkaConsumerBuilder<K, V> output(
        final Producer<OK, OV> producer, final RecordTransformer<K, V, OK, OV> transformer)
    {
        return with(transformer, Objects.requireNonNull(producer, "producer"), false);
    }

    /**
     * The code run for each record, whose result is produced to an output topic exactly once: outputs and consumed
     * offsets commit in one transaction ({@code sendOffsetsToTransaction}), every {@link #commitInterval} and on
     * every rebalance and close; a halt or a failure aborts it. The consumer reads with
     * {@code isolation.level=read_committed} unless told otherwise, and closes the producer when it stops.
     *
     * @param producer    a producer with a {@code transactional.id} unique to this instance; the consumer calls
     *                    {@code initTransactions} at start.
     * @param transformer the code, shared by every worker.
     * @param <OK>        the output key type.
     * @param <OV>        the output value type.
     * @return this builder.
     */
    public <OK, OV> RingPoolKafkaConsumerBuilder<K, V> transactionalOutput(
        final Producer<OK, OV> producer, final RecordTransformer<K, V, OK, OV> transformer)
    {
        return with(transformer, Objects.requireNonNull(producer, "producer"), true);
    }

    /**
     * Retries of a failed record. Default: 3 retries, waiting 100 ms, then 200 ms, then 400 ms (exponential, at most
     * 5 s).
     *
     * @param retryPolicy the policy.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> retryPolicy(final RetryPolicy retryPolicy)
    {
        this.retryPolicy = retryPolicy;
        return this;
    }

    /**
     * Where records that failed every attempt go. Give this or {@link #deadLetterTopic}.
     *
     * @param deadLetterHandler the handler.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> deadLetterHandler(final DeadLetterHandler deadLetterHandler)
    {
        this.deadLetterHandler = deadLetterHandler;
        return this;
    }

    /**
     * Records that failed every attempt go to this topic ({@link DeadLetterHandler#toTopic}), waiting up to 30 s for
     * each acknowledgement. The consumer closes the producer when it stops.
     *
     * @param producer the producer.
     * @param topic    the dead-letter topic, which must exist.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> deadLetterTopic(
        final Producer<byte[], byte[]> producer, final String topic)
    {
        this.deadLetterHandler = DeadLetterHandler.toTopic(producer, topic, Duration.ofSeconds(30));
        return this;
    }

    /**
     * How often finished records are committed while running (asynchronously; in transactional mode, by committing
     * the transaction). Default 1 s.
     *
     * @param commitInterval from 1 ms.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> commitInterval(final Duration commitInterval)
    {
        this.commitInterval = commitInterval;
        return this;
    }

    /**
     * The longest single {@code poll} wait when there is nothing to publish; also how quickly a close or halt is
     * noticed. Default 100 ms.
     *
     * @param pollTimeout from 1 ms.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> pollTimeout(final Duration pollTimeout)
    {
        this.pollTimeout = pollTimeout;
        return this;
    }

    /**
     * How long records of revoked partitions that are already running may take to finish before the partitions are
     * released (the rebalance waits that long). Keep it well below {@code max.poll.interval.ms}. Default 10 s.
     *
     * @param revocationTimeout 0 or more.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> revocationTimeout(final Duration revocationTimeout)
    {
        this.revocationTimeout = revocationTimeout;
        return this;
    }

    /**
     * The bound of each synchronous commit and of reading the committed offsets on assignment. Default 30 s.
     *
     * @param commitTimeout from 1 ms.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> commitTimeout(final Duration commitTimeout)
    {
        this.commitTimeout = commitTimeout;
        return this;
    }

    /**
     * The timeout of {@link RingPoolKafkaConsumer#close()}. Default 30 s.
     *
     * @param closeTimeout 0 or more.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> closeTimeout(final Duration closeTimeout)
    {
        this.closeTimeout = closeTimeout;
        return this;
    }

    /**
     * The pool's stall threshold: a record running longer than this while others wait is logged (see
     * {@link RingPoolBuilder#stallThreshold}). Default: the pool's default.
     *
     * @param stallThreshold zero (off), or from 1 ms.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> stallThreshold(final Duration stallThreshold)
    {
        this.stallThreshold = stallThreshold;
        return this;
    }

    /**
     * The most finished records a partition may hold above its commit point (a slow record holds the commit point
     * while later ones finish); beyond it the partition is paused until the commit point moves. It also bounds the
     * commit metadata; at half of it a commit is made early. Default {@value #DEFAULT_MAX_UNCOMMITTED_PER_PARTITION}.
     *
     * @param maxUncommittedPerPartition from 2.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> maxUncommittedPerPartition(final int maxUncommittedPerPartition)
    {
        this.maxUncommittedPerPartition = maxUncommittedPerPartition;
        return this;
    }

    /**
     * The longest commit metadata written; keep it at or below the brokers' {@code offset.metadata.max.bytes}.
     * Default {@value #DEFAULT_MAX_METADATA_CHARS}.
     *
     * @param maxMetadataChars from 64.
     * @return this builder.
     */
    public RingPoolKafkaConsumerBuilder<K, V> maxMetadataChars(final int maxMetadataChars)
    {
        this.maxMetadataChars = maxMetadataChars;
        return this;
    }

    /**
     * Checks the configuration and makes the consumer (its {@code KafkaConsumer} and its pool, not yet started).
     *
     * @return the consumer.
     * @throws IllegalArgumentException naming the invalid or missing option.
     * @throws org.apache.kafka.common.KafkaException if the Kafka consumer cannot be made from the configuration.
     */
    @SuppressWarnings("unchecked")
    public RingPoolKafkaConsumer<K, V> build()
    {
        check();
        final Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        if (transactional)
        {
            config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        }

        final int inFlight = 2 * ringSize;
        final CompletionQueue completions = new CompletionQueue(inFlight);
        final RingPoolBuilder<RecordRef, RecordRef> poolBuilder = RingPool.builder(RecordRef::new, RecordRef::new)
            .name(name)
            .workers(workers)
            .ringSize(ringSize)
            .producerType(ProducerType.SINGLE)
            .waitPolicy(waitPolicy)
            .cancellable()
            .handlerFactory(workerId -> new RecordRunner<>(
                keyDeserializer, valueDeserializer, transformer, retryPolicy, deadLetterHandler))
            .resultHandler(new CompletionSink(completions));
        if (Ordering.UNORDERED == ordering)
        {
            poolBuilder.dispatch(Dispatch.WORK_STEALING);
        }
        else
        {
            poolBuilder.dispatch(Dispatch.KEYED).keyExtractor(ref -> ref.work.routingKey);
        }
        if (null != stallThreshold)
        {
            poolBuilder.stallThreshold(stallThreshold);
        }
        final RingPool<RecordRef, RecordRef> pool = poolBuilder.build();

        final KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config);
        final PollLoop<K, V> loop = new PollLoop<>(consumer, topics, pool, completions, ordering, output,
            transactional, deadLetterHandler instanceof AutoCloseable ? (AutoCloseable)deadLetterHandler : null,
            new PollLoop.Settings(pollTimeout, commitInterval, revocationTimeout, commitTimeout,
                maxUncommittedPerPartition, maxMetadataChars));
        final Producer<Object, Object> producer = output;
        final Runnable beforeStart = transactional ? producer::initTransactions : () -> { };
        return new RingPoolKafkaConsumer<>(name, loop, pool, beforeStart, closeTimeout);
    }

    @SuppressWarnings("unchecked")
    private <OK, OV> RingPoolKafkaConsumerBuilder<K, V> with(
        final RecordTransformer<K, V, OK, OV> transformer, final Producer<OK, OV> producer,
        final boolean transactional)
    {
        Objects.requireNonNull(transformer, "transformer");
        if (null != this.transformer)
        {
            throw new IllegalArgumentException("give one of handler, output and transactionalOutput");
        }
        if (null == producer && (this.transactional || null != this.output))
        {
            throw new IllegalArgumentException("give one of handler, output and transactionalOutput");
        }
        // The poll thread only hands a transformer's record to the producer that came with it.
        this.transformer = (RecordTransformer<K, V, Object, Object>)(RecordTransformer<K, V, ?, ?>)transformer;
        this.output = (Producer<Object, Object>)(Producer<?, ?>)producer;
        this.transactional = transactional;
        return this;
    }

    private void check()
    {
        final Object groupId = consumerConfig.get(ConsumerConfig.GROUP_ID_CONFIG);
        if (null == groupId || groupId.toString().isBlank())
        {
            throw new IllegalArgumentException("consumerConfig must set group.id: offsets are committed to a group");
        }
        final Object autoCommit = consumerConfig.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG);
        if (null != autoCommit && Boolean.parseBoolean(autoCommit.toString()))
        {
            throw new IllegalArgumentException(
                "enable.auto.commit must not be true: it would commit records that are not finished");
        }
        if (topics.isEmpty())
        {
            throw new IllegalArgumentException("topics: give at least one topic");
        }
        if (null == transformer)
        {
            throw new IllegalArgumentException("give a handler, output or transactionalOutput");
        }
        if (null == deadLetterHandler)
        {
            throw new IllegalArgumentException(
                "give a deadLetterHandler or deadLetterTopic: a record that fails every attempt must go somewhere");
        }
        if (null == ordering || null == retryPolicy || null == waitPolicy)
        {
            throw new IllegalArgumentException("ordering, retryPolicy and waitPolicy must not be null");
        }
        if (null == name || name.isBlank())
        {
            throw new IllegalArgumentException("name must be non-blank; was " + name);
        }
        positive("commitInterval", commitInterval);
        positive("pollTimeout", pollTimeout);
        positive("commitTimeout", commitTimeout);
        notNegative("revocationTimeout", revocationTimeout);
        notNegative("closeTimeout", closeTimeout);
        if (maxUncommittedPerPartition < 2)
        {
            throw new IllegalArgumentException(
                "maxUncommittedPerPartition must be >= 2; was " + maxUncommittedPerPartition);
        }
        if (maxMetadataChars < 64)
        {
            throw new IllegalArgumentException("maxMetadataChars must be >= 64; was " + maxMetadataChars);
        }
    }

    private static void positive(final String option, final Duration value)
    {
        if (null == value || value.toMillis() < 1)
        {
            throw new IllegalArgumentException(option + " must be at least 1 ms; was " + value);
        }
    }

    private static void notNegative(final String option, final Duration value)
    {
        if (null == value || value.isNegative())
        {
            throw new IllegalArgumentException(option + " must be >= 0; was " + value);
        }
    }
}
