package io.ringpool.bench;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ForkJoinPool} in async (FIFO) mode, its tasks handing results to a collector through a
 * {@link ConcurrentLinkedQueue}.
 * <pre>
 *   producers --execute--> pool's submission queues --> worker 0..N-1 --offer--> ConcurrentLinkedQueue --> collector
 *       ^                                                                                                (poll+yield)
 *       +-- waits (yielding) while ringSize/producers of its own tasks are in flight ---------------------------+
 * </pre>
 * <b>Bounding.</b> A fork-join pool has no capacity, so the producer bounds itself: each of P producers keeps at most
 * {@code ringSize / P} tasks in flight (published but not yet recorded by the collector), reading its count from the
 * {@link ResultLedger} only when its cached count says it is at the limit, as a Disruptor producer reads its gating
 * sequence. The result queue therefore never holds more than {@code ringSize} results either.
 * <p>
 * <b>Waits:</b> idle workers are parked by the pool (its own policy); the producer and the collector yield.
 * <p>
 * <b>Allocation:</b> per task, the {@link Task} (a fork-join task that also carries its result) and the result
 * queue's node.
 * <p>
 * <b>Threading:</b> as {@link RoundTripRig}.
 */
final class ForkJoinPoolRig extends RoundTripRig
{
    private final DaemonThreads collectorThreads = new DaemonThreads("fjp-results");
    private final ConcurrentLinkedQueue<Task> results = new ConcurrentLinkedQueue<>();
    private final long inFlightLimit;
    private final long[] seenReceived;
    private volatile boolean running = true;
    private ForkJoinPool pool;

    ForkJoinPoolRig(final Topology topology, final int ringSize, final TaskShape shape)
    {
        super(topology, ringSize, shape);
        this.inFlightLimit = Math.max(1, ringSize / topology.producers());
        // One producer writes each element, once per full window: rare enough not to pad.
        this.seenReceived = new long[topology.producers()];
    }

    @Override
    void start()
    {
        pool = new ForkJoinPool(topology.workers(), ForkJoinPoolRig::daemonWorker, null, true);
        collectorThreads.newThread(this::collect).start();
    }

    @Override
    void publishBurst(final int producer, final RoundTripTask.Source source, final int count)
    {
        final ForkJoinPool pool = this.pool;
        final ConcurrentLinkedQueue<Task> results = this.results;
        final TaskShape shape = this.shape;
        long seen = seenReceived[producer];
        for (int i = 0; i < count; i++)
        {
            if (source.count() - seen >= inFlightLimit)
            {
                seen = awaitRoom(producer, source.count());
            }
            pool.execute(new Task(source.nextValue(), shape, results));
        }
        seenReceived[producer] = seen;
    }

    private long awaitRoom(final int producer, final long published)
    {
        final long deadlineNs = burstDeadline();
        long seen;
        while (published - (seen = ledger.received(producer)) >= inFlightLimit)
        {
            yieldBefore(deadlineNs, "the fork-join pool's results to make room");
        }
        return seen;
    }

    private void collect()
    {
        final ConcurrentLinkedQueue<Task> results = this.results;
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
            ledger.record(RoundTripTask.producerOf(task.value), task.result);
        }
    }

    @Override
    void stopContender()
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

    /** A task as the pool sees it: runs the shape, then offers itself, carrying its result, to the collector. */
    static final class Task extends RecursiveAction
    {
        private static final long serialVersionUID = 1L;

        final long value;
        final TaskShape shape;
        final ConcurrentLinkedQueue<Task> results;
        long result;

        Task(final long value, final TaskShape shape, final ConcurrentLinkedQueue<Task> results)
        {
            this.value = value;
            this.shape = shape;
            this.results = results;
        }

        @Override
        protected void compute()
        {
            result = shape.run(value);
            results.offer(this);
        }
    }
}
