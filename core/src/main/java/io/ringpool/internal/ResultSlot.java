package io.ringpool.internal;

import io.ringpool.Outcome;
import io.ringpool.OutcomeStatus;

/**
 * One entry of the result ring. A worker fills it after its handler returned, then publishes it; the result object
 * itself is swapped with the worker's spare rather than copied, so a result costs no copy and no allocation.
 * <p>
 * Fields are plain: they are written before the ring's publish (a release) and read after the consumer's barrier
 * (an acquire).
 *
 * @param <R> the result type.
 */
public final class ResultSlot<R> implements Outcome<R>
{
    R result;
    long taskSequence = -1;
    int workerId = -1;
    OutcomeStatus status;
    Throwable failure;
    /** True for an entry a worker had claimed when it was declared abandoned: consumers skip it. */
    boolean isVoid;

    ResultSlot(final R result)
    {
        this.result = result;
    }

    void fill(
        final R filled, final long taskSequence, final int workerId, final OutcomeStatus status, final Throwable failure)
    {
        this.result = filled;
        this.taskSequence = taskSequence;
        this.workerId = workerId;
        this.status = status;
        this.failure = failure;
        this.isVoid = false;
    }

    void markVoid()
    {
        this.isVoid = true;
        this.taskSequence = -1;
        this.failure = null;
    }

    @Override
    public R result()
    {
        return result;
    }

    @Override
    public long taskSequence()
    {
        return taskSequence;
    }

    @Override
    public int workerId()
    {
        return workerId;
    }

    @Override
    public OutcomeStatus status()
    {
        return status;
    }

    @Override
    public Throwable failure()
    {
        return failure;
    }

    @Override
    public String toString()
    {
        return "Outcome{task=" + taskSequence + ", worker=" + workerId + ", status=" + status +
            (failure != null ? ", failure=" + failure : "") + ", result=" + result + '}';
    }
}
