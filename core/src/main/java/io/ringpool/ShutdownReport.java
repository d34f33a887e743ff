package io.ringpool;

import java.util.List;

/**
 * What a drain or halt did: the exact fate of every task the pool accepted.
 * <p>
 * <b>Guarantee:</b> {@code published == completed + failed + cancelled + expired + returned + abandoned}. Every
 * accepted task was run to an outcome ({@code completed}, {@code failed}), ended without running ({@code cancelled}
 * by {@link RingPool#cancel(long)}, {@code expired} past its deadline), was handed back unstarted
 * ({@link #returnedTasks()}), or was reported as still running when the halt's bound ran out
 * ({@link #abandonedTasks()}). {@link #isBalanced()} checks it.
 * <p>
 * <b>Lifetime:</b> the returned tasks and undelivered outcomes are the rings' own entries; they stay valid, and are not
 * reused, until the pool is discarded. In polling mode the undelivered outcomes are also still readable through the
 * {@link ResultPoller}: read them from one place or the other.
 * <p>
 * Every caller of drain, halt or close on one pool gets the same report.
 *
 * @param drained            true if a drain ran every accepted task and stopped every thread within its timeout.
 * @param finalState         {@link PoolState#TERMINATED}, or {@link PoolState#FAILED} if the pool failed.
 * @param published          tasks accepted (a batch counts each of its tasks).
 * @param completed          tasks whose handler returned normally.
 * @param failed             tasks whose handler threw.
 * @param cancelled          tasks cancelled before any worker started them.
 * @param expired            tasks a worker reached after their deadline.
 * @param returnedTasks      tasks accepted but never started, in sequence order.
 * @param abandonedTasks     tasks still running when the halt gave up on their workers.
 * @param undeliveredResults outcomes computed but not consumed by the result side when it stopped, in ring order.
 * @param cause              the failure that moved the pool to FAILED, or null.
 * @param notes              what the shutdown had to do beyond the plain path (interrupts, publishes it voided,
 *                           threads it could not join), in order; empty on a clean shutdown.
 * @param <T>                the task type.
 * @param <R>                the result type.
 */
public record ShutdownReport<T, R>(
    boolean drained,
    PoolState finalState,
    long published,
    long completed,
    long failed,
    long cancelled,
    long expired,
    List<ReturnedTask<T>> returnedTasks,
    List<AbandonedTask> abandonedTasks,
    List<Outcome<R>> undeliveredResults,
    Throwable cause,
    List<String> notes)
{
    /**
     * Copies the lists so the report cannot change after it is made.
     */
    public ShutdownReport
    {
        returnedTasks = List.copyOf(returnedTasks);
        abandonedTasks = List.copyOf(abandonedTasks);
        undeliveredResults = List.copyOf(undeliveredResults);
        notes = List.copyOf(notes);
    }

    /**
     * Tasks accepted but never started, handed back.
     *
     * @return the number of returned tasks.
     */
    public long returned()
    {
        return returnedTasks.size();
    }

    /**
     * Tasks still running when the halt's bound ran out.
     *
     * @return the number of abandoned tasks.
     */
    public long abandoned()
    {
        return abandonedTasks.size();
    }

    /**
     * Outcomes computed but not consumed when the result side stopped.
     *
     * @return the number of undelivered outcomes.
     */
    public long undelivered()
    {
        return undeliveredResults.size();
    }

    /**
     * Whether the report's counts add up:
     * {@code published == completed + failed + cancelled + expired + returned + abandoned}.
     *
     * @return true if every accepted task is accounted for exactly once.
     */
    public boolean isBalanced()
    {
        return published == completed + failed + cancelled + expired + returned() + abandoned();
    }

    @Override
    public String toString()
    {
        return "ShutdownReport{" + finalState + (drained ? ", drained" : ", not drained") +
            ", published=" + published + ", completed=" + completed + ", failed=" + failed +
            ", cancelled=" + cancelled + ", expired=" + expired +
            ", returned=" + returned() + ", abandoned=" + abandoned() + ", undelivered=" + undelivered() +
            (null != cause ? ", cause=" + cause : "") + (notes.isEmpty() ? "" : ", notes=" + notes) + '}';
    }
}
