package io.ringpool;

import io.ringpool.internal.Sample;

/**
 * A sample of a running pool's counters: what it accepted and refused, how its tasks ended so far, how deep its
 * rings are, and what each worker is doing. {@link RingPool#metrics()} returns a new sample;
 * {@link RingPool#metrics(PoolMetrics)} overwrites a caller-owned one without allocating, for a sampler thread.
 * <p>
 * <b>Cost.</b> Nothing on the hot path: each count has one writer and is written where the engine already writes
 * (a producer's refusals and waits only on its slow paths; a worker's counts in the ticket it moves for its own
 * protocol), and a sample only reads. See docs/protocol.md, section 9.
 * <p>
 * <b>Consistency.</b> Each count is exact when read, but a sample of a running pool is not atomic: counts read a
 * moment apart may disagree by the tasks in flight between the reads. Every count only grows from one sample to
 * the next (so a monitoring system never sees a counter reset); {@code completed}, which is derived from a worker's
 * other counts, may read one low per worker while that worker is descheduled in the middle of a commit, and catches
 * up with the next sample. Once the pool has terminated the sample takes
 * its totals from the {@link ShutdownReport}, and then {@code published == completed + failed + cancelled + expired +
 * returned + abandoned} holds exactly.
 * <p>
 * <b>Thread safety:</b> a sample is not written once returned, unless the caller passes it to
 * {@link RingPool#metrics(PoolMetrics)} again; it may then be read only by the thread that refreshed it.
 */
public final class PoolMetrics
{
    private static final PoolState[] STATES = PoolState.values();
    private static final long[] EMPTY_POOL = emptyPool();

    String poolName = "";
    long sampledAtNanos;
    int ringSize;
    /** The engine's raw sample, indexed by {@code io.ringpool.internal.Sample}: the getters read it. */
    long[] pool = EMPTY_POOL;
    /** One worker's view over the worker part of the raw sample each. */
    WorkerMetrics[] workers = new WorkerMetrics[0];

    /**
     * An empty sample, to be filled by {@link RingPool#metrics(PoolMetrics)}.
     */
    public PoolMetrics()
    {
    }

    /**
     * Makes this sample ready for a pool with {@code workerCount} workers: allocates its arrays the first time, or when
     * the worker count differs from the last pool's.
     *
     * @return the worker part of the raw sample, for the engine to fill.
     */
    long[] sizeFor(final int workerCount)
    {
        if (EMPTY_POOL == pool || workers.length != workerCount)
        {
            pool = new long[Sample.POOL_LENGTH];
            final long[] perWorker = new long[workerCount * Sample.WORKER_STRIDE];
            workers = new WorkerMetrics[workerCount];
            for (int i = 0; i < workerCount; i++)
            {
                workers[i] = new WorkerMetrics(i, perWorker);
            }
        }
        return workers.length > 0 ? workers[0].sample : new long[0];
    }

    private static long[] emptyPool()
    {
        final long[] empty = new long[Sample.POOL_LENGTH];
        empty[Sample.RESULT_BACKLOG] = -1;
        return empty;
    }

    /**
     * The pool's name.
     *
     * @return the name given to the builder.
     */
    public String poolName()
    {
        return poolName;
    }

    /**
     * The pool's state when sampled.
     *
     * @return the state.
     */
    public PoolState state()
    {
        return STATES[(int)pool[Sample.STATE]];
    }

    /**
     * When the sample was taken.
     *
     * @return a {@link System#nanoTime()} reading.
     */
    public long sampledAtNanos()
    {
        return sampledAtNanos;
    }

    /**
     * The task ring's size.
     *
     * @return entries.
     */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * Tasks accepted: publishes that returned a sequence (a batch counts each task).
     *
     * @return the count.
     */
    public long published()
    {
        return pool[Sample.PUBLISHED];
    }

    /**
     * Publishes refused, for any cause: {@link #rejectedNotRunning()} + {@link #rejectedInterrupted()} +
     * {@link #translatorFailures()}. A {@code tryPublish} that found no room is not a rejection; see
     * {@link #tryPublishRefusals()}.
     *
     * @return the count, in tasks.
     */
    public long rejected()
    {
        return pool[Sample.REJECTED_NOT_RUNNING] + pool[Sample.REJECTED_INTERRUPTED] +
            pool[Sample.TRANSLATOR_FAILURES];
    }

    /**
     * Publishes refused with {@code RejectedExecutionException} because the pool was not running (not started yet,
     * draining, halting, terminated or failed), including those that lost the race with a shutdown.
     *
     * @return the count, in tasks.
     */
    public long rejectedNotRunning()
    {
        return pool[Sample.REJECTED_NOT_RUNNING];
    }

    /**
     * Publishes refused because the producing thread was interrupted while it waited for room.
     *
     * @return the count, in tasks.
     */
    public long rejectedInterrupted()
    {
        return pool[Sample.REJECTED_INTERRUPTED];
    }

    /**
     * Publishes whose translator (or key extractor) threw: the exception reached the caller and the task was not
     * accepted.
     *
     * @return the count, in tasks.
     */
    public long translatorFailures()
    {
        return pool[Sample.TRANSLATOR_FAILURES];
    }

    /**
     * Back-pressure: publishes that found the ring full and waited for room (a blocking {@code publish}, or a
     * {@code tryPublish} with a timeout), whether or not room came in time.
     *
     * @return the number of publish calls that waited.
     */
    public long backPressureWaits()
    {
        return pool[Sample.BACK_PRESSURE_WAITS];
    }

    /**
     * {@code tryPublish} (and {@code tryPublishBatch}) calls that returned -1: no room at once, or none within their
     * timeout.
     *
     * @return the number of calls.
     */
    public long tryPublishRefusals()
    {
        return pool[Sample.TRY_PUBLISH_REFUSALS];
    }

    /**
     * Tasks whose handler returned normally.
     *
     * @return the count.
     */
    public long completed()
    {
        return pool[Sample.COMPLETED];
    }

    /**
     * Tasks whose handler threw.
     *
     * @return the count.
     */
    public long failed()
    {
        return pool[Sample.FAILED];
    }

    /**
     * Tasks cancelled before any worker started them: those a worker reached while the pool ran, and, once it has
     * terminated, those the halt settled.
     *
     * @return the count.
     */
    public long cancelled()
    {
        return pool[Sample.CANCELLED];
    }

    /**
     * Tasks a worker reached after their deadline.
     *
     * @return the count.
     */
    public long expired()
    {
        return pool[Sample.EXPIRED];
    }

    /**
     * Tasks a halt handed back unstarted; 0 until the pool has terminated.
     *
     * @return the count.
     */
    public long returned()
    {
        return pool[Sample.RETURNED];
    }

    /**
     * Tasks a halt reported abandoned; 0 until the pool has terminated.
     *
     * @return the count.
     */
    public long abandoned()
    {
        return pool[Sample.ABANDONED];
    }

    /**
     * Tasks accepted and not yet started: {@code published} minus the tasks workers have finished or hold.
     *
     * @return the backlog, 0 or more.
     */
    public long taskBacklog()
    {
        return pool[Sample.TASK_BACKLOG];
    }

    /**
     * Outcomes in the result ring that the result consumer has not taken yet. In {@link ResultOrder#COMPLETION} order
     * it may count, besides, the few entries workers have claimed and not yet filled; in {@link ResultOrder#SUBMISSION}
     * order a sample reads one flag per entry between the consumer and the end of the ring.
     *
     * @return the backlog, or -1 for a pool without results.
     */
    public long resultBacklog()
    {
        return pool[Sample.RESULT_BACKLOG];
    }

    /**
     * Free task-ring entries, as {@link RingPool#remainingCapacity()}.
     *
     * @return entries.
     */
    public long remainingCapacity()
    {
        return pool[Sample.REMAINING_CAPACITY];
    }

    /**
     * Stalls the watchdog has reported, as {@link RingPool#stalls()}.
     *
     * @return the count.
     */
    public long stalls()
    {
        return pool[Sample.STALLS];
    }

    /**
     * The number of workers in the sample.
     *
     * @return the pool's worker count.
     */
    public int workerCount()
    {
        return workers.length;
    }

    /**
     * One worker's part of the sample.
     *
     * @param workerId from 0 to {@link #workerCount()}-1.
     * @return the worker's metrics, refreshed with the sample.
     * @throws IndexOutOfBoundsException if there is no such worker.
     */
    public WorkerMetrics worker(final int workerId)
    {
        return workers[workerId];
    }

    /**
     * Workers busy when sampled.
     *
     * @return the count.
     */
    public int busyWorkers()
    {
        return (int)pool[Sample.BUSY_WORKERS];
    }

    @Override
    public String toString()
    {
        final StringBuilder out = new StringBuilder(256)
            .append("PoolMetrics{").append(poolName).append(' ').append(state())
            .append(", published=").append(published()).append(", rejected=").append(rejected())
            .append(", backPressureWaits=").append(backPressureWaits())
            .append(", tryPublishRefusals=").append(tryPublishRefusals())
            .append(", completed=").append(completed()).append(", failed=").append(failed())
            .append(", cancelled=").append(cancelled()).append(", expired=").append(expired())
            .append(", returned=").append(returned()).append(", abandoned=").append(abandoned())
            .append(", taskBacklog=").append(taskBacklog()).append(", resultBacklog=").append(resultBacklog())
            .append(", stalls=").append(stalls());
        for (final WorkerMetrics worker : workers)
        {
            out.append(", [").append(worker).append(']');
        }
        return out.append('}').toString();
    }
}
