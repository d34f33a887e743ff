package io.ringpool.internal;

import io.ringpool.TaskContext;

/**
 * The per-worker {@link TaskContext}: one mutable object per worker, updated before each task.
 */
final class WorkerContext implements TaskContext
{
    private final int workerId;
    private final StopLimit limit;
    long sequence = -1;
    boolean endOfBatch;

    WorkerContext(final int workerId, final StopLimit limit)
    {
        this.workerId = workerId;
        this.limit = limit;
    }

    @Override
    public int workerId()
    {
        return workerId;
    }

    @Override
    public long sequence()
    {
        return sequence;
    }

    @Override
    public boolean endOfBatch()
    {
        return endOfBatch;
    }

    @Override
    public boolean haltRequested()
    {
        return limit.get() == Long.MIN_VALUE;
    }

    @Override
    public String toString()
    {
        return "TaskContext{worker=" + workerId + ", sequence=" + sequence + ", endOfBatch=" + endOfBatch + '}';
    }
}
