package io.ringpool.internal;

import io.ringpool.Outcome;
import io.ringpool.OutcomeStatus;

/**
 * An outcome that a halt settled itself because it never reached the result ring: a cancelled task no worker
 * reached (no worker id), or an outcome a worker held while it waited for room in a full result ring. Made only
 * while a report is made.
 *
 * @param result       the result object: the one the worker filled, or the pool's untouched one for a task that
 *                     never ran.
 * @param taskSequence the task's sequence.
 * @param workerId     the worker that ran the task, or -1 if none did.
 * @param status       how the task ended.
 * @param failure      what the handler threw, or null.
 * @param <R>          the result type.
 */
record SettledOutcome<R>(R result, long taskSequence, int workerId, OutcomeStatus status, Throwable failure)
    implements Outcome<R>
{
    @Override
    public String toString()
    {
        return "Outcome{task=" + taskSequence + ", worker=" + workerId + ", status=" + status +
            (failure != null ? ", failure=" + failure : "") + ", result=" + result + ", settled by the halt}";
    }
}
