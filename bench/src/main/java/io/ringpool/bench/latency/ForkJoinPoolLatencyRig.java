package io.ringpool.bench.latency;

import io.ringpool.bench.DaemonThreads;
import io.ringpool.bench.TaskShape;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ForkJoinPool} in async (FIFO) mode whose tasks hand their results to a collector through a
 * {@link ConcurrentLinkedQueue}, as the JMH rig ({@code ForkJoinPoolRig}) builds it.
 * <pre>
 *   producer --execute--> pool's submission queue --> worker 0..N-1 --offer--> ConcurrentLinkedQueue --> collector
 *       ^                                                                                            (poll + yield)
 *       +-- waits (yielding) while ringSize of its tasks are in flight ------------------------------------+
 * </pre>
 * A fork-join pool has no capacity, so the producer bounds itself to {@code ringSize} tasks in flight (sent, not yet
 * recorded), reading the recorder's count only when its cached count says it is at the limit. Idle workers are
 * parked by the pool; the producer and the collector yield. Per task it allocates the {@link Task} and a queue node.
 * <p>
 * <b>Threading:</b> as {@link LatencyRig}.
 */
final class ForkJoinPoolLatencyRig extends LatencyRig
{
    private final DaemonThreads collectorThreads = new DaemonThreads("fjp-results");
    private final ConcurrentLinkedQueue<Task> results = new ConcurrentLinkedQueue<>();
    private volatile boolean running = true;
    private ForkJoinPool pool;
    private long sent;
    private long seenReceived;

    ForkJoinPoolLatencyRig(final int workers, final int ringSize, final TaskShape shape, final LatencyRecorder recorder)
    {
        super(workers, ringSize, shape, recorder);
    }

    @Override
    void start()
    {
        pool = new ForkJoinPool(workers, ForkJoinPoolLatencyRig::daemonWorker, null, true);
        collectorThreads.newThread(this::collect).start();
    }

    @Override
    void send(final FixedRateSchedule schedule)
    {
        if (sent - seenReceived >= ringSize)
        {
            awaitRoom();
        }
        pool.execute(new Task(schedule.intendedNs(), schedule.value(), shape, results));
        sent++;
    }

    private void awaitRoom()
    {
        final long deadlineNs = waitDeadline();
        while (sent - (seenReceived = recorder.received()) >= ringSize)
        {
            yieldBefore(deadlineNs, "the fork-join pool's results to make room");
        }
    }

    private void collect()
    {
        final ConcurrentLinkedQueue<Task> results = this.results;
        final LatencyRecorder recorder = this.recorder;
        while (true)
        {
            final Task task = results.poll();
            if (null == task)
            {
                if (!running)
                {
                    return;
                }
                Thread.yield();
                continue;
            }
            recorder.record(task.intendedNs, task.startNs, task.endNs, task.result);
        }
    }

    @Override
    void stopContender(final long sent)
    {
        pool.shutdown();
        try
        {
            if (!pool.awaitTermination(STOP_TIMEOUT_NS, TimeUnit.NANOSECONDS))
            {
                throw new IllegalStateException(this + ": pool did not terminate in time");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(this + ": interrupted while stopping", ex);
        }
        running = false;
        collectorThreads.joinAll(STOP_TIMEOUT_NS);
    }

    private static ForkJoinWorkerThread daemonWorker(final ForkJoinPool pool)
    {
        final ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setDaemon(true);
        return thread;
    }

    /** A task as the pool sees it: stamps, runs and stamps, then offers itself to the collector. */
    static final class Task extends RecursiveAction
    {
        private static final long serialVersionUID = 1L;

        final long intendedNs;
        final long value;
        final TaskShape shape;
        final ConcurrentLinkedQueue<Task> results;
        long startNs;
        long endNs;
        long result;

        Task(final long intendedNs, final long value, final TaskShape shape, final ConcurrentLinkedQueue<Task> results)
        {
            this.intendedNs = intendedNs;
            this.value = value;
            this.shape = shape;
            this.results = results;
        }

        @Override
        protected void compute()
        {
            startNs = System.nanoTime();
            result = shape.run(value);
            endNs = System.nanoTime();
            results.offer(this);
        }
    }
}
