package io.ringpool;

import io.ringpool.internal.Sample;

/**
 * One worker's part of a {@link PoolMetrics} sample. Read from what the worker already writes for its own protocol
 * (its ticket: the count of finished tasks, the task in hand and its phase), so sampling costs the worker nothing.
 * <p>
 * The counts are each exact at the moment they were read, but the sample is not atomic: a worker that finishes a task
 * between two reads may show it in one count and not yet in another.
 */
public final class WorkerMetrics
{
    private final int workerId;
    private final int at;
    /** The worker part of the engine's raw sample, shared by every worker of one {@link PoolMetrics}. */
    final long[] sample;

    WorkerMetrics(final int workerId, final long[] sample)
    {
        this.workerId = workerId;
        this.at = workerId * Sample.WORKER_STRIDE;
        this.sample = sample;
    }

    /**
     * The worker's id.
     *
     * @return from 0 to workers-1.
     */
    public int workerId()
    {
        return workerId;
    }

    /**
     * Tasks whose handler returned normally on this worker.
     *
     * @return the count.
     */
    public long completed()
    {
        return sample[at + Sample.W_COMPLETED];
    }

    /**
     * Tasks whose handler threw on this worker.
     *
     * @return the count.
     */
    public long failed()
    {
        return sample[at + Sample.W_FAILED];
    }

    /**
     * Cancelled tasks this worker reached and ended {@code CANCELLED}.
     *
     * @return the count.
     */
    public long cancelled()
    {
        return sample[at + Sample.W_CANCELLED];
    }

    /**
     * Tasks this worker reached after their deadline.
     *
     * @return the count.
     */
    public long expired()
    {
        return sample[at + Sample.W_EXPIRED];
    }

    /**
     * Tasks this worker finished, whatever their status.
     *
     * @return {@code completed + failed + cancelled + expired}.
     */
    public long processed()
    {
        return completed() + failed() + cancelled() + expired();
    }

    /**
     * Whether the worker had a task in hand when sampled: its handler running, or its outcome being published or
     * waiting for room in a full result ring.
     *
     * @return true if busy, false if idle (waiting for a task) or stopped.
     */
    public boolean busy()
    {
        return sample[at + Sample.W_BUSY] != 0;
    }

    /**
     * The sequence of the task in hand.
     *
     * @return the sequence, or -1 when the worker is not {@link #busy()}.
     */
    public long currentSequence()
    {
        return sample[at + Sample.W_CURRENT];
    }

    /**
     * How long the worker has held its current task, as the pool's sampler (the watchdog thread) measured it: from
     * the first sample that saw the task in hand, so it lags the truth by up to one sampling period.
     *
     * @return nanoseconds, or -1 when the worker is idle, or the pool has no sampler (stall threshold zero and no
     *     counters file).
     */
    public long heldNanos()
    {
        return sample[at + Sample.W_HELD_NANOS];
    }

    /**
     * How far the worker is behind the producers: the task ring's cursor minus the task in hand (or, when idle, 0).
     *
     * @return the number of sequences published after the worker's current task.
     */
    public long lag()
    {
        return sample[at + Sample.W_LAG];
    }

    @Override
    public String toString()
    {
        return "worker " + workerId + (busy() ? " busy on " + currentSequence() + (heldNanos() >= 0 ?
            " for " + heldNanos() / 1_000 + " us" : "") + ", lag " + lag() : " idle") +
            ": completed=" + completed() + ", failed=" + failed() + ", cancelled=" + cancelled() +
            ", expired=" + expired();
    }
}
