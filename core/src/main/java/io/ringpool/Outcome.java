package io.ringpool;

/**
 * The outcome of one task, read from the result ring by a {@link ResultHandler} or a {@link ResultPoller}.
 * <p>
 * <b>Thread safety and lifetime:</b> an outcome is a view of a pre-allocated result-ring entry. It is valid only
 * inside the callback that receives it (or, for outcomes listed by a {@link ShutdownReport}, until the pool is
 * discarded): after the callback returns, the entry and its result object are reused for later tasks. Copy what
 * you need to keep.
 *
 * @param <R> the result type.
 */
public interface Outcome<R>
{
    /**
     * The result object the handler filled. With {@link OutcomeStatus#FAILED} it holds whatever the handler wrote
     * before it threw, possibly stale values from an earlier task.
     *
     * @return the result object; never null when the pool has a result factory.
     */
    R result();

    /**
     * The sequence of the task this outcome belongs to: the handle returned when the task was published.
     *
     * @return the task's sequence.
     */
    long taskSequence();

    /**
     * The id (0..workers-1) of the worker that ran the task; -1 for the {@code CANCELLED} outcome a halt gives a
     * cancelled task that no worker reached (listed in {@link ShutdownReport#undeliveredResults()}).
     *
     * @return the worker id, or -1.
     */
    int workerId();

    /**
     * How the task ended.
     *
     * @return the status.
     */
    OutcomeStatus status();

    /**
     * What the handler threw, for a {@link OutcomeStatus#FAILED} outcome.
     *
     * @return the throwable, or null when the task completed.
     */
    Throwable failure();
}
