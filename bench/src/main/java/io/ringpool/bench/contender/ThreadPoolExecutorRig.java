package io.ringpool.bench.contender;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
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
 * {@link RejectedExecutionHandler}; ours, {@link Rig#offerYielding}, retries {@code offer} with {@link Thread#yield()}
 * between tries: the caller blocks while the queue is full, and yields like every other contender's producer (a
 * {@code put} would park instead). The completion queue is the JDK's default, unbounded, but it never grows far: the
 * collector drains it as fast as the workers fill it.
 * <p>
 * <b>Waits:</b> the workers wait in {@code ArrayBlockingQueue.take()} (they park: that is how a TPE works, and no
 * setting changes it); the collector polls and yields.
 * <p>
 * <b>Allocation:</b> per task, the {@link Job} with the workload's task and result, the completion service's future
 * and its completion-queue node: the JDK's API allocates, so the B/op of this contender is part of its cost.
 * <p>
 * <b>Threading:</b> as {@link Rig}.
 */
final class ThreadPoolExecutorRig<T, R, A> extends Rig<T, R, A>
{
    private final DaemonThreads workerThreads = new DaemonThreads("tpe-worker");
    private final DaemonThreads collectorThreads = new DaemonThreads("tpe-results");
    private volatile boolean running = true;
    private ThreadPoolExecutor executor;
    private ExecutorCompletionService<Job<T, R>> completion;

    ThreadPoolExecutorRig(final Topology topology, final int ringSize, final Workload<T, R, A> workload)
    {
        super(topology, ringSize, workload);
    }

    @Override
    public void start()
    {
        final int workers = topology.workers();
        executor = new ThreadPoolExecutor(
            workers, workers, 0L, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(ringSize), workerThreads,
            Rig::offerYielding);
        executor.prestartAllCoreThreads();
        completion = new ExecutorCompletionService<>(executor);
        collectorThreads.newThread(this::collect).start();
    }

    @Override
    public void publish(final int producer, final A source, final int count)
    {
        final ExecutorCompletionService<Job<T, R>> completion = this.completion;
        final Workload<T, R, A> workload = this.workload;
        for (int i = 0; i < count; i++)
        {
            final T task = workload.newTask();
            workload.fill(task, source);
            completion.submit(new Job<>(workload, task, workload.newResult()));
        }
    }

    private void collect()
    {
        final ExecutorCompletionService<Job<T, R>> completion = this.completion;
        final Workload<T, R, A> workload = this.workload;
        while (true)
        {
            final Future<Job<T, R>> done = completion.poll();
            if (null == done)
            {
                if (!running)
                {
                    return;
                }
                Thread.yield();
                continue;
            }
            workload.record(result(done).result);
        }
    }

    @Override
    public void stop(final long published)
    {
        terminate(executor);
        running = false;
        collectorThreads.joinAll(STOP_TIMEOUT_NS);
        workerThreads.joinAll(STOP_TIMEOUT_NS);
    }

    private static <J> J result(final Future<J> done)
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

    /** A task as the executor sees it: runs the workload's task into its result, and returns itself. */
    private static final class Job<T, R> implements Callable<Job<T, R>>
    {
        private final Workload<T, R, ?> workload;
        private final T task;
        private final R result;

        Job(final Workload<T, R, ?> workload, final T task, final R result)
        {
            this.workload = workload;
            this.task = task;
            this.result = result;
        }

        @Override
        public Job<T, R> call()
        {
            workload.run(task, result);
            return this;
        }
    }
}
