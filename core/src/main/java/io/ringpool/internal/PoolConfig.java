package io.ringpool.internal;

import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.FailureListener;
import io.ringpool.ResultHandler;
import io.ringpool.StallListener;
import io.ringpool.WorkHandler;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.ThreadFactory;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A validated pool configuration, as the builder hands it to the {@link Engine}.
 *
 * @param name             the pool's name, used in thread names and messages.
 * @param workers          the number of workers.
 * @param ringSize         task ring entries.
 * @param producerType     single or multiple producing threads.
 * @param waitStrategy     how workers wait for tasks.
 * @param taskFactory      makes task objects.
 * @param handlers         a handler per worker id.
 * @param sources          makes each worker's task source: the dispatch mode.
 * @param keyOf            a task's key, for keyed dispatch; null otherwise.
 * @param deadlines        a task's deadline ({@code System.nanoTime()} scale); null when tasks have none.
 * @param resultMode       where results go.
 * @param submissionOrder  whether outcomes are delivered in task-sequence order.
 * @param resultFactory    makes result objects, or null without results.
 * @param resultHandler    the collector's handler, or null.
 * @param resultRingSize   result ring entries.
 * @param resultWait       how the result consumer waits.
 * @param idleStrategies   idle strategies for waits outside the rings' wait strategies.
 * @param threadFactory    makes pool threads.
 * @param listener         told about handled failures.
 * @param interruptGraceNs how long a halt waits after interrupting a thread before giving up on it.
 * @param startTimeoutNs   how long start waits for every onStart.
 * @param closeTimeoutNs   the drain timeout of close.
 * @param stallThresholdNs how long a worker may hold one task before the watchdog reports it; 0 for no watchdog.
 * @param stallListener    told about stalled workers.
 * @param countersFile     where the sampler publishes the pool's counters for other processes; null for none.
 * @param timeStages       whether outcomes carry publish, start and end timestamps.
 * @param <T>              the task type.
 * @param <R>              the result type.
 */
public record PoolConfig<T, R>(
    String name,
    int workers,
    int ringSize,
    ProducerType producerType,
    WaitStrategy waitStrategy,
    EventFactory<T> taskFactory,
    IntFunction<WorkHandler<T, R>> handlers,
    TaskSource.Factory sources,
    ToLongFunction<? super T> keyOf,
    ToLongFunction<? super T> deadlines,
    boolean cancellable,
    ResultMode resultMode,
    boolean submissionOrder,
    EventFactory<R> resultFactory,
    ResultHandler<R> resultHandler,
    int resultRingSize,
    WaitStrategy resultWait,
    Supplier<IdleStrategy> idleStrategies,
    ThreadFactory threadFactory,
    FailureListener<T> listener,
    long interruptGraceNs,
    long startTimeoutNs,
    long closeTimeoutNs,
    long stallThresholdNs,
    StallListener stallListener,
    java.nio.file.Path countersFile,
    boolean timeStages)
{
    /** Where results go. */
    public enum ResultMode
    {
        /** No result ring: fire-and-forget. */
        NONE,
        /** A collector thread runs the user's result handler. */
        HANDLER,
        /** The user polls. */
        POLL
    }
}
