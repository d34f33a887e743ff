package io.ringpool.kafka;

import io.ringpool.RingPool;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Kafka consumer that processes its partitions' records in parallel on a ringpool, keeping the order asked for
 * ({@link Ordering}) and committing, per partition, only offsets below which every record is finished.
 * <pre>
 *   KafkaConsumer ──poll──► [poll thread] ──publish──► task ring ──► workers (handler, retries, dead letters)
 *         ▲                      │  ▲                                              │
 *         └── pause / resume ────┘  └────── commit (offset + metadata) ◄── result ring ◄┘
 * </pre>
 * Kafka does the distributed part (group membership, partition assignment, durable offsets, rebalancing); this class
 * spreads each instance's records over its cores.
 * <p>
 * <b>Guarantees.</b>
 * <ul>
 *     <li><b>At least once.</b> A committed offset never passes an unfinished record. Finished records above it are
 *     named in the commit's metadata, so the partition's next owner skips them. Whatever is not committed when a
 *     partition leaves this instance (a record not yet run, still running, halted, or finished after the last
 *     commit) is delivered again by Kafka to the next owner: nothing is lost, and the only duplicates are records
 *     whose completion was not committed.</li>
 *     <li><b>Exactly once, topic to topic</b>, with {@link RingPoolKafkaConsumerBuilder#transactionalOutput}: the
 *     outputs and the consumed offsets (with their metadata) commit in one transaction; a halt or a failure aborts
 *     it. Consumers of the output topic must read with {@code isolation.level=read_committed}.</li>
 *     <li><b>No failure is silent.</b> A record that fails is retried as the {@link RetryPolicy} says, then handed to
 *     the {@link DeadLetterHandler}; if that fails too, the record stays uncommitted.</li>
 *     <li><b>Exact accounting.</b> {@link #close(Duration)} and {@link #halt(Duration)} return a
 *     {@link ConsumerReport} whose per-partition counts balance: every delivered record is counted once, as
 *     completed, dead-lettered, skipped or uncommitted.</li>
 *     <li><b>The group keeps the consumer.</b> The poll thread never waits for the pool: when the ring is full it
 *     pauses the partitions and keeps polling, so {@code max.poll.interval.ms} is not exceeded by slow records.</li>
 * </ul>
 * <b>Rebalances.</b> On revocation the revoked partitions' records not yet started are dropped (never run), those
 * running may finish within {@code revocationTimeout} (their retries stop at once), then every finished record is
 * committed, synchronously, before the partitions are released. On assignment the committed metadata is read and the
 * records it names are skipped.
 * <p>
 * <b>Thread safety.</b> Every public method may be called from any thread. The Kafka clients are used on the
 * consumer's poll thread ({@code <name>-poll}); the handler runs on the pool's workers.
 *
 * @param <K> the key type the handler sees.
 * @param <V> the value type the handler sees.
 */
public final class RingPoolKafkaConsumer<K, V> implements AutoCloseable
{
    /** How long {@link #close()} and a stuck poll thread are given beyond the requested bound. */
    private static final long STOP_MARGIN_NS = TimeUnit.SECONDS.toNanos(60);

    private final String name;
    private final PollLoop<K, V> loop;
    private final RingPool<RecordRef, RecordRef> pool;
    private final Runnable beforeStart;
    private final Duration closeTimeout;
    private final Object lifecycle = new Object();
    private Thread pollThread;
    private boolean stopped;

    RingPoolKafkaConsumer(
        final String name, final PollLoop<K, V> loop, final RingPool<RecordRef, RecordRef> pool,
        final Runnable beforeStart, final Duration closeTimeout)
    {
        this.name = name;
        this.loop = loop;
        this.pool = pool;
        this.beforeStart = beforeStart;
        this.closeTimeout = closeTimeout;
    }

    /**
     * A builder for a consumer. The consumer itself always reads bytes: the deserializers run on the workers, in
     * parallel, and a record that cannot be deserialized is dead-lettered with its bytes intact.
     *
     * @param consumerConfig    the {@code KafkaConsumer} configuration: {@code bootstrap.servers} and
     *                          {@code group.id} at least. Auto-commit is turned off (setting it on is refused); any
     *                          deserializer given here is replaced by the byte-array one.
     * @param keyDeserializer   turns key bytes into keys, on the workers; must be thread-safe.
     * @param valueDeserializer turns value bytes into values, on the workers; must be thread-safe.
     * @param <K>               the key type.
     * @param <V>               the value type.
     * @return a builder.
     */
    public static <K, V> RingPoolKafkaConsumerBuilder<K, V> builder(
        final Map<String, Object> consumerConfig, final Deserializer<K> keyDeserializer,
        final Deserializer<V> valueDeserializer)
    {
        return new RingPoolKafkaConsumerBuilder<>(consumerConfig, keyDeserializer, valueDeserializer);
    }

    /**
     * Starts the pool's workers, initialises the output producer's transactions (in transactional mode), then starts
     * the poll thread, which subscribes and starts polling.
     *
     * @throws IllegalStateException if already started or stopped, or the pool could not start.
     * @throws org.apache.kafka.common.KafkaException if the transactional producer could not initialise.
     */
    public void start()
    {
        synchronized (lifecycle)
        {
            if (null != pollThread || stopped)
            {
                throw new IllegalStateException("consumer " + name + " was already started or stopped");
            }
            pool.start();
            try
            {
                beforeStart.run();
            }
            catch (final RuntimeException ex)
            {
                stopped = true;
                loop.stopUnstarted();
                throw ex;
            }
            pollThread = new Thread(loop, name + "-poll");
            pollThread.start();
        }
    }

    /**
     * Closes: stops taking records, lets the records already taken finish within {@code timeout} (records polled but
     * not yet handed to the pool are left for redelivery), commits every finished record synchronously, leaves the
     * group and closes the clients. What did not finish in time is halted and left uncommitted.
     *
     * @param timeout how long records in progress may take to finish, {@code >= 0}.
     * @return the report, the same for every caller.
     * @throws IllegalArgumentException if the timeout is null or negative.
     * @throws IllegalStateException    if the poll thread does not finish well beyond the timeout (a Kafka call
     *                                  stuck longer than its own timeouts).
     */
    public ConsumerReport close(final Duration timeout)
    {
        return stop(PollLoop.CLOSING, timeout);
    }

    /**
     * Halts, as a crash would but with a report: stops the workers (a handler still running after {@code timeout}
     * is interrupted, then abandoned), aborts an open transaction and commits nothing. Kafka redelivers every record
     * not committed before: at least once, with duplicates only for records finished after the last commit.
     *
     * @param timeout how long running handlers may take to return, {@code >= 0}.
     * @return the report, the same for every caller.
     * @throws IllegalArgumentException if the timeout is null or negative.
     * @throws IllegalStateException    if the poll thread does not finish well beyond the timeout.
     */
    public ConsumerReport halt(final Duration timeout)
    {
        return stop(PollLoop.HALTING, timeout);
    }

    /**
     * Closes with the builder's {@code closeTimeout}, for try-with-resources; the report stays available from
     * {@link #report()}.
     */
    @Override
    public void close()
    {
        close(closeTimeout);
    }

    /**
     * The report, once the consumer has stopped: by close, by halt, or by a failure of its own.
     *
     * @return the report, or empty while the consumer runs (and if its stop itself failed, which its close or halt
     *     said with an exception).
     */
    public Optional<ConsumerReport> report()
    {
        final java.util.concurrent.CompletableFuture<ConsumerReport> done = loop.done();
        return done.isDone() && !done.isCompletedExceptionally() ? Optional.of(done.join()) : Optional.empty();
    }

    /**
     * The partitions assigned to this instance now, as of the poll thread's last rebalance: a snapshot.
     *
     * @return the assigned partitions.
     */
    public Set<TopicPartition> assignment()
    {
        return loop.assignment();
    }

    /**
     * The consumer's name, also its pool's and its threads' prefix.
     *
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    @Override
    public String toString()
    {
        return "RingPoolKafkaConsumer{name=" + name + ", assignment=" + assignment() + '}';
    }

    private ConsumerReport stop(final int mode, final Duration timeout)
    {
        if (null == timeout || timeout.isNegative())
        {
            throw new IllegalArgumentException("timeout must be a non-negative Duration; was " + timeout);
        }
        final long timeoutNs = saturatedNanos(timeout);
        loop.requestStop(mode, timeoutNs);
        synchronized (lifecycle)
        {
            if (null == pollThread && !stopped)
            {
                stopped = true;
                // Never started: nothing was consumed; stop the pool and close the clients on this thread.
                loop.stopUnstarted();
            }
            stopped = true;
        }
        try
        {
            return loop.done().get(saturatedAdd(timeoutNs, STOP_MARGIN_NS), TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping consumer " + name, ex);
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("consumer " + name + "'s poll thread failed while it stopped: " +
                ex.getCause(), ex.getCause());
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("consumer " + name + "'s poll thread did not finish", ex);
        }
    }

    private static long saturatedNanos(final Duration duration)
    {
        try
        {
            return duration.toNanos();
        }
        catch (final ArithmeticException ex)
        {
            return Long.MAX_VALUE;
        }
    }

    private static long saturatedAdd(final long a, final long b)
    {
        final long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
