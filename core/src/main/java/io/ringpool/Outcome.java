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

    /**
     * When the task was published ({@link System#nanoTime()}, read by the producer just before it published the
     * task), for a pool built with {@link RingPoolBuilder#timeStages()}. {@code startedNanos() - publishedNanos()} is
     * the task's queue wait.
     *
     * @return the stamp, or 0 for a pool without {@code timeStages()} and for an outcome a halt made for a task no
     *     worker reached, or seized from a worker.
     */
    default long publishedNanos()
    {
        return 0L;
    }

    /**
     * When a worker started the task: just before it called the handler (or found the task cancelled or expired).
     *
     * @return the stamp, or 0 as for {@link #publishedNanos()}.
     */
    default long startedNanos()
    {
        return 0L;
    }

    /**
     * When the task ended: just after the handler returned or threw. {@code endedNanos() - startedNanos()} is the
     * task's service time; the consumer's own clock minus this is its result wait.
     *
     * @return the stamp, or 0 as for {@link #publishedNanos()}.
     */
    default long endedNanos()
    {
        return 0L;
    }
}
