package io.ringpool.internal;

import io.ringpool.TaskContext;

/**
 * The per-worker {@link TaskContext}: one mutable object per worker, updated before each task.
 */
final class WorkerContext implements TaskContext
{
    private final int workerId;
    long sequence = -1;
    boolean endOfBatch;

    WorkerContext(final int workerId)
    {
        this.workerId = workerId;
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
    public String toString()
    {
        return "TaskContext{worker=" + workerId + ", sequence=" + sequence + ", endOfBatch=" + endOfBatch + '}';
    }
}
