package io.ringpool.bench.latency;

import io.ringpool.bench.DaemonThreads;
import io.ringpool.bench.TaskShape;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's default way, as the JMH rig ({@code ThreadPoolExecutorRig}) builds it: a {@link ThreadPoolExecutor} of
 * N core threads over an {@link ArrayBlockingQueue} of {@code ringSize}, and an {@link ExecutorCompletionService}
 * carrying results to a collector thread.
 * <pre>
 *   producer --submit--> ArrayBlockingQueue(ringSize) --> worker 0..N-1 --> completion queue --> collector
 *            (full: offer + yield, in the rejection handler)  (park in take)             (poll + yield)
 * </pre>
 * The workers wait in {@code take()}, that is, they park: how a TPE works. Per task it allocates the {@link Task},
 * the completion service's future and a queue node.
 * <p>
 * <b>Threading:</b> as {@link LatencyRig}.
 */
final class ThreadPoolExecutorLatencyRig extends LatencyRig
{
    private final DaemonThreads workerThreads = new DaemonThreads("tpe-worker");
    private final DaemonThreads collectorThreads = new DaemonThreads("tpe-results");
    private volatile boolean running = true;
    private ThreadPoolExecutor executor;
    private ExecutorCompletionService<Task> completion;

    ThreadPoolExecutorLatencyRig(
        final int workers, final int ringSize, final TaskShape shape, final LatencyRecorder recorder)
    {
        super(workers, ringSize, shape, recorder);
    }

    @Override
    void start()
    {
        executor = new ThreadPoolExecutor(
            workers, workers, 0L, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(ringSize), workerThreads,
            ThreadPoolExecutorLatencyRig::queueYielding);
        executor.prestartAllCoreThreads();
        completion = new ExecutorCompletionService<>(executor);
        collectorThreads.newThread(this::collect).start();
    }

    @Override
    void send(final FixedRateSchedule schedule)
    {
        completion.submit(new Task(schedule.intendedNs(), schedule.value(), shape));
    }

    private void collect()
    {
        final ExecutorCompletionService<Task> completion = this.completion;
        final LatencyRecorder recorder = this.recorder;
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
            recorder.record(task.intendedNs, task.startNs, task.endNs, task.result);
        }
    }

    @Override
    void stopContender(final long sent)
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

    /** The rejection handler: blocks the producer, yielding, until the task fits in the queue. */
    private static void queueYielding(final Runnable task, final ThreadPoolExecutor executor)
    {
        final BlockingQueue<Runnable> queue = executor.getQueue();
        final long deadlineNs = waitDeadline();
        while (!queue.offer(task))
        {
            if (executor.isShutdown())
            {
                throw new RejectedExecutionException("executor has shut down");
            }
            yieldBefore(deadlineNs, "room in the executor's queue");
        }
    }

    /** A task as the executor sees it: stamps, runs and stamps, and returns itself with the times and result. */
    static final class Task implements Callable<Task>
    {
        final long intendedNs;
        final long value;
        final TaskShape shape;
        long startNs;
        long endNs;
        long result;

        Task(final long intendedNs, final long value, final TaskShape shape)
        {
            this.intendedNs = intendedNs;
            this.value = value;
            this.shape = shape;
        }

        @Override
        public Task call()
        {
            startNs = System.nanoTime();
            result = shape.run(value);
            endNs = System.nanoTime();
            return this;
        }
    }
}
