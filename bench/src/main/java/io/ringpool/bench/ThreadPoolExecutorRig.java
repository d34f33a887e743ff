package io.ringpool.bench;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's default way: a {@link ThreadPoolExecutor} over an {@link ArrayBlockingQueue} of {@code ringSize}, with an
 * {@link ExecutorCompletionService} carrying the results to a collector thread.
 * <pre>
 *   producers --submit--> ArrayBlockingQueue(ringSize) --> worker 0..N-1 --> completion queue --> collector
 *                   (full: offer + yield, in the rejection handler)       (LinkedBlockingQueue)  (poll + yield)
 * </pre>
 * <b>Bounding.</b> The pool has exactly N core threads, started up front, so a full queue ends in the
 * {@link RejectedExecutionHandler}; ours, {@link #YIELD_UNTIL_QUEUED}, retries {@code offer} with
 * {@link Thread#yield()} between tries: the caller blocks while the queue is full, and yields like every other
 * contender's producer (a {@code put} would park instead). The completion queue is the JDK's default, unbounded, but
 * it never grows far: the collector drains it as fast as the workers fill it.
 * <p>
 * <b>Waits:</b> the workers wait in {@code ArrayBlockingQueue.take()} (they park: that is how a TPE works, and no
 * setting changes it); the collector polls and yields.
 * <p>
 * <b>Allocation:</b> per task, the {@link Task} (which also carries its result back), the completion service's
 * future and its completion-queue node: the JDK's API allocates, so the B/op of this contender is part of its cost.
 * <p>
 * <b>Threading:</b> as {@link RoundTripRig}.
 */
final class ThreadPoolExecutorRig extends RoundTripRig
{
    /** Blocks the caller, yielding, until the task fits in the queue; rejects it if the pool has shut down. */
    static final RejectedExecutionHandler YIELD_UNTIL_QUEUED = ThreadPoolExecutorRig::queueYielding;

    private final DaemonThreads workerThreads = new DaemonThreads("tpe-worker");
    private final DaemonThreads collectorThreads = new DaemonThreads("tpe-results");
    private volatile boolean running = true;
    private ThreadPoolExecutor executor;
    private ExecutorCompletionService<Task> completion;

    ThreadPoolExecutorRig(final Topology topology, final int ringSize, final TaskShape shape)
    {
        super(topology, ringSize, shape);
    }

    @Override
    void start()
    {
        final int workers = topology.workers();
        executor = new ThreadPoolExecutor(
            workers, workers, 0L, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(ringSize), workerThreads,
            YIELD_UNTIL_QUEUED);
        executor.prestartAllCoreThreads();
        completion = new ExecutorCompletionService<>(executor);
        collectorThreads.newThread(this::collect).start();
    }

    @Override
    void publishBurst(final int producer, final RoundTripTask.Source source, final int count)
    {
        final ExecutorCompletionService<Task> completion = this.completion;
        final TaskShape shape = this.shape;
        for (int i = 0; i < count; i++)
        {
            completion.submit(new Task(source.nextValue(), shape));
        }
    }

    private void collect()
    {
        final ExecutorCompletionService<Task> completion = this.completion;
        while (true)
        {
            final Future<Task> done = completion.poll();
            if (null == done)
            {
                if (!running)
                {
                    return;
                }
                Thread.yield();
                continue;
            }
            final Task task = result(done);
            ledger.record(RoundTripTask.producerOf(task.value), task.result);
        }
    }

    @Override
    void stopContender()
    {
        executor.shutdown();
        try
        {
            if (!executor.awaitTermination(STOP_TIMEOUT_NS, TimeUnit.NANOSECONDS))
            {
                throw new IllegalStateException(this + ": executor did not terminate in time");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(this + ": interrupted while stopping", ex);
        }
        running = false;
        collectorThreads.joinAll(STOP_TIMEOUT_NS);
        workerThreads.joinAll(STOP_TIMEOUT_NS);
    }

    private static Task result(final Future<Task> done)
    {
        try
        {
            return done.get();
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException("a task failed", ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    private static void queueYielding(final Runnable task, final ThreadPoolExecutor executor)
    {
        final BlockingQueue<Runnable> queue = executor.getQueue();
        final long deadlineNs = burstDeadline();
        while (!queue.offer(task))
        {
            if (executor.isShutdown())
            {
                throw new RejectedExecutionException("executor has shut down");
            }
            yieldBefore(deadlineNs, "room in the executor's queue");
        }
    }

    /**
     * A task as the executor sees it: the value in, the result out; it returns itself, so the collector learns the
     * producer and the result from one object.
     */
    static final class Task implements Callable<Task>
    {
        final long value;
        final TaskShape shape;
        long result;

        Task(final long value, final TaskShape shape)
        {
            this.value = value;
            this.shape = shape;
        }

        @Override
        public Task call()
        {
            result = shape.run(value);
            return this;
        }
    }
}
