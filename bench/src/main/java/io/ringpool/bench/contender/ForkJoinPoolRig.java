package io.ringpool.bench.contender;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;

/**
 * A {@link ForkJoinPool} in async (FIFO) mode, its tasks handing results to a collector through a
 * {@link ConcurrentLinkedQueue}.
 * <pre>
 *   producers --execute--> pool's submission queues --> worker 0..N-1 --offer--> ConcurrentLinkedQueue --> collector
 *       ^                                                                                                (poll+yield)
 *       +-- waits (yielding) while ringSize/producers of its own tasks are in flight ---------------------------+
 * </pre>
 * <b>Bounding.</b> A fork-join pool has no capacity, so the producer bounds itself: each of P producers keeps at most
 * {@code ringSize / P} tasks in flight (published but not yet recorded by the collector), reading its count from
 * {@link Workload#received} only when its cached count says it is at the limit, as a Disruptor producer reads its
 * gating sequence. The result queue therefore never holds more than {@code ringSize} results either.
 * <p>
 * <b>Waits:</b> idle workers are parked by the pool (its own policy); the producer and the collector yield.
 * <p>
 * <b>Allocation:</b> per task, the {@link Job} (a fork-join task) with the workload's task and result, and the result
 * queue's node.
 * <p>
 * <b>Threading:</b> as {@link Rig}; each producer is the only writer of its own counts.
 */
final class ForkJoinPoolRig<T, R, A> extends Rig<T, R, A>
{
    private final DaemonThreads collectorThreads = new DaemonThreads("fjp-results");
    private final ConcurrentLinkedQueue<Job<T, R>> results = new ConcurrentLinkedQueue<>();
    private final long inFlightLimit;
    /** Per producer, written once per publish call: rare enough not to pad. */
    private final long[] published;
    private final long[] seenReceived;
    private volatile boolean running = true;
    private ForkJoinPool pool;

    ForkJoinPoolRig(final Topology topology, final int ringSize, final Workload<T, R, A> workload)
    {
        super(topology, ringSize, workload);
        this.inFlightLimit = Math.max(1, ringSize / topology.producers());
        this.published = new long[topology.producers()];
        this.seenReceived = new long[topology.producers()];
    }

    @Override
    public void start()
    {
        pool = new ForkJoinPool(topology.workers(), ForkJoinPoolRig::daemonWorker, null, true);
        collectorThreads.newThread(this::collect).start();
    }

    @Override
    public void publish(final int producer, final A source, final int count)
    {
        final ForkJoinPool pool = this.pool;
        final ConcurrentLinkedQueue<Job<T, R>> results = this.results;
        final Workload<T, R, A> workload = this.workload;
        long sent = published[producer];
        long seen = seenReceived[producer];
        for (int i = 0; i < count; i++)
        {
            if (sent - seen >= inFlightLimit)
            {
                seen = awaitRoom(producer, sent);
            }
            final T task = workload.newTask();
            workload.fill(task, source);
            pool.execute(new Job<>(workload, task, workload.newResult(), results));
            sent++;
        }
        published[producer] = sent;
        seenReceived[producer] = seen;
    }

    private long awaitRoom(final int producer, final long sent)
    {
        final long deadlineNs = waitDeadline();
        long seen;
        while (sent - (seen = workload.received(producer)) >= inFlightLimit)
        {
            yieldBefore(deadlineNs, "the fork-join pool's results to make room");
        }
        return seen;
    }

    private void collect()
    {
        final ConcurrentLinkedQueue<Job<T, R>> results = this.results;
        final Workload<T, R, A> workload = this.workload;
        while (true)
        {
            final Job<T, R> job = results.poll();
            if (null == job)
            {
                if (!running)
                {
                    return;
                }
                Thread.yield();
                continue;
            }
            workload.record(job.result);
        }
    }

    @Override
    public void stop(final long published)
    {
        terminate(pool);
        running = false;
        collectorThreads.joinAll(STOP_TIMEOUT_NS);
    }

    private static ForkJoinWorkerThread daemonWorker(final ForkJoinPool pool)
    {
        final ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setDaemon(true);
        return thread;
    }

    /** A task as the pool sees it: runs the workload's task into its result, then offers itself to the collector. */
    private static final class Job<T, R> extends RecursiveAction
    {
        private static final long serialVersionUID = 1L;

        private final transient Workload<T, R, ?> workload;
        private final transient T task;
        private final transient R result;
        private final transient ConcurrentLinkedQueue<Job<T, R>> results;

        Job(final Workload<T, R, ?> workload, final T task, final R result,
            final ConcurrentLinkedQueue<Job<T, R>> results)
        {
            this.workload = workload;
            this.task = task;
            this.result = result;
            this.results = results;
        }

        @Override
        protected void compute()
        {
            workload.run(task, result);
            results.offer(this);
        }
    }
}
