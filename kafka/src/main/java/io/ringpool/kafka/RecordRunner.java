package io.ringpool.kafka;

import io.ringpool.TaskContext;
import io.ringpool.WorkHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.concurrent.locks.LockSupport;

/**
 * A worker's handler: deserializes the record, runs the user's code with the retry policy, and hands a record that
 * failed every attempt to the dead-letter handler. It records the result in the record's {@link RecordWork} and
 * never throws an {@link Exception} (an {@link Error} fails the pool, and so the consumer).
 * <p>
 * One runner per worker; it is also the {@link RecordContext} its handler calls see.
 *
 * @param <K> the key type.
 * @param <V> the value type.
 */
final class RecordRunner<K, V> implements WorkHandler<RecordRef, RecordRef>, RecordContext
{
    private static final System.Logger LOG = System.getLogger("io.ringpool.kafka");
    /** Longest single park while backing off, so that a stop request is seen quickly. */
    private static final long BACKOFF_SLICE_NS = 5_000_000L;

    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final RecordTransformer<K, V, Object, Object> transformer;
    private final RetryPolicy retryPolicy;
    private final DeadLetterHandler deadLetters;
    private int workerId;
    private int attempt;
    private TaskContext taskContext;
    private PartitionLedger ledger;

    RecordRunner(
        final Deserializer<K> keyDeserializer, final Deserializer<V> valueDeserializer,
        final RecordTransformer<K, V, Object, Object> transformer, final RetryPolicy retryPolicy,
        final DeadLetterHandler deadLetters)
    {
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
        this.transformer = transformer;
        this.retryPolicy = retryPolicy;
        this.deadLetters = deadLetters;
    }

    @Override
    public void onStart(final int workerId)
    {
        this.workerId = workerId;
    }

    @Override
    public void onTask(final RecordRef task, final RecordRef result, final TaskContext context)
    {
        final RecordWork work = task.work;
        result.work = work;
        taskContext = context;
        ledger = work.ledger;
        attempt = 1;

        final ConsumerRecord<K, V> record;
        try
        {
            record = deserialize(work.record);
        }
        catch (final Exception ex)
        {
            // Deserializing again would fail again: no retries.
            deadLetter(work, ex, 1);
            return;
        }

        while (true)
        {
            final Exception failure;
            try
            {
                work.resultOutput = transformer.apply(record, this);
                work.result = RecordWork.SUCCEEDED;
                work.resultAttempts = attempt;
                return;
            }
            catch (final Exception ex)
            {
                failure = ex;
            }
            if (stopRequested())
            {
                stopped(work, failure);
                return;
            }
            if (attempt > retryPolicy.maxRetries())
            {
                deadLetter(work, failure, attempt);
                return;
            }
            if (!backOff(retryPolicy.backoffNs(attempt)))
            {
                stopped(work, failure);
                return;
            }
            attempt++;
        }
    }

    @Override
    public int workerId()
    {
        return workerId;
    }

    @Override
    public int attempt()
    {
        return attempt;
    }

    @Override
    public boolean stopRequested()
    {
        return taskContext.haltRequested() || ledger.revoked;
    }

    private ConsumerRecord<K, V> deserialize(final ConsumerRecord<byte[], byte[]> raw)
    {
        final K key = keyDeserializer.deserialize(raw.topic(), raw.headers(), raw.key());
        final V value = valueDeserializer.deserialize(raw.topic(), raw.headers(), raw.value());
        return new ConsumerRecord<>(raw.topic(), raw.partition(), raw.offset(), raw.timestamp(), raw.timestampType(),
            raw.serializedKeySize(), raw.serializedValueSize(), key, value, raw.headers(), raw.leaderEpoch(),
            raw.deliveryCount());
    }

    private void deadLetter(final RecordWork work, final Exception cause, final int attempts)
    {
        work.resultAttempts = attempts;
        work.resultFailure = cause;
        try
        {
            deadLetters.onDeadLetter(work.record, cause, attempts);
            work.result = RecordWork.DEAD_LETTERED;
        }
        catch (final Exception ex)
        {
            ex.addSuppressed(cause);
            work.resultFailure = ex;
            work.result = RecordWork.FAILED;
            LOG.log(System.Logger.Level.WARNING, () -> "ringpool-kafka: the dead-letter handler failed for " +
                work.record.topic() + '-' + work.record.partition() + '@' + work.offset +
                "; the record stays uncommitted and will be delivered again", ex);
        }
    }

    private static void stopped(final RecordWork work, final Exception failure)
    {
        work.resultFailure = failure;
        work.result = RecordWork.STOPPED;
    }

    /** Waits before a retry; false if a stop was requested meanwhile. */
    private boolean backOff(final long waitNs)
    {
        final long deadline = System.nanoTime() + waitNs;
        long left = waitNs;
        while (left > 0)
        {
            if (stopRequested())
            {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, BACKOFF_SLICE_NS));
            left = deadline - System.nanoTime();
        }
        return !stopRequested();
    }
}
