package io.ringpool;

import java.util.List;

/**
 * What a drain or halt did: the exact fate of every task the pool accepted.
 * <p>
 * <b>Guarantee.</b> Every accepted task (a publish that returned its sequence) ends in exactly one of these places,
 * and the report's counts equal the sizes of those places:
 * <ul>
 *     <li>an outcome handed to the result consumer (the {@link ResultHandler}, or the {@link ResultPoller}'s
 *     handler);</li>
 *     <li>{@link #undeliveredResults()}: an outcome computed and not consumed;</li>
 *     <li>{@link #returnedTasks()}: the task was never started;</li>
 *     <li>{@link #abandonedTasks()}: a worker still had it in hand when the halt's bound and an interrupt had run
 *     out (its handler running, or returned during the halt and not yet counted); its outcome is not reported.</li>
 * </ul>
 * A publish that threw was not accepted and never runs. Pools without results: the same, without the first two.
 * The counts: {@code published == completed + failed + cancelled + expired + returned + abandoned}, where
 * {@code completed}, {@code failed}, {@code cancelled} and {@code expired} count the outcomes of each status, handed
 * over or undelivered (in a pool without results, the tasks that ended so). {@link #isBalanced()} checks the counts.
 * <p>
 * <b>Undelivered outcomes</b>, in this order: those in the result ring that the consumer had not taken, in ring
 * order; then those that never reached the ring, in task-sequence order within each kind: outcomes a worker held
 * while it waited for room in a full result ring (its handler had returned, so the task is not abandoned), and
 * {@code CANCELLED} outcomes of cancelled tasks no worker reached before the halt (their {@link Outcome#workerId()}
 * is -1, and they share one result object, made by the result factory when the pool was built and never written).
 * <p>
 * <b>Lifetime:</b> the returned tasks and undelivered outcomes are the rings' own entries (or the worker's own result
 * object); they stay valid, and are not reused, until the pool is discarded. Once the report is made the result
 * consumer takes nothing more: a poll returns {@code IDLE}, so an outcome listed here is never also polled.
 * <p>
 * Every caller of drain, halt or close on one pool gets the same report.
 *
 * @param drained            true if a drain ran every accepted task and stopped every thread within its timeout.
 * @param finalState         {@link PoolState#TERMINATED}, or {@link PoolState#FAILED} if the pool failed.
 * @param published          tasks accepted (a batch counts each of its tasks).
 * @param completed          tasks whose handler returned normally.
 * @param failed             tasks whose handler threw.
 * @param cancelled          tasks cancelled before any worker started them (their CANCELLED outcomes).
 * @param expired            tasks a worker reached after their deadline.
 * @param returnedTasks      tasks accepted but never started, in sequence order.
 * @param abandonedTasks     tasks still running when the halt gave up on their workers.
 * @param undeliveredResults outcomes computed but not consumed by the result side when it stopped (see above).
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
     * Makes a report, copying the lists so that it cannot change after it is made. The pool makes its reports; a user
     * makes one only to test code that reads them.
     *
     * @param drained            see {@link #drained()}.
     * @param finalState         see {@link #finalState()}.
     * @param published          see {@link #published()}.
     * @param completed          see {@link #completed()}.
     * @param failed             see {@link #failed()}.
     * @param cancelled          see {@link #cancelled()}.
     * @param expired            see {@link #expired()}.
     * @param returnedTasks      see {@link #returnedTasks()}; copied.
     * @param abandonedTasks     see {@link #abandonedTasks()}; copied.
     * @param undeliveredResults see {@link #undeliveredResults()}; copied.
     * @param cause              see {@link #cause()}.
     * @param notes              see {@link #notes()}; copied.
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
