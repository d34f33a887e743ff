package io.ringpool.internal;

import io.ringpool.OutcomeStatus;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IJJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A worker finishing task 3 races a halt that gave up on it. Invariant: the task is counted by the worker or
 * reported abandoned by the halt, never both, never neither.
 * <p>
 * r1: 1 if the worker's commit won. r2: what the halt's settle returned (the abandoned sequence, or -1).
 * r3 (arbiter): the worker's processed count afterwards.
 */
@JCStressTest
@Description("A task in hand is either committed by its worker or abandoned by the halt: exactly one.")
@Outcome(id = "1, -1, 1", expect = ACCEPTABLE, desc = "the worker committed first; the halt abandons nothing")
@Outcome(id = "0, 3, 0", expect = ACCEPTABLE, desc = "the halt abandoned task 3 first; the worker's commit fails")
@Outcome(expect = FORBIDDEN, desc = "counted twice or lost")
@State
public class CommitVersusAbandonStressTest
{
    private final WorkerTicket ticket = new WorkerTicket();

    public CommitVersusAbandonStressTest()
    {
        ticket.begin(3);
    }

    @Actor
    public void worker(final IJJ_Result r)
    {
        if (ticket.commit())
        {
            ticket.settle(OutcomeStatus.COMPLETED);
            r.r1 = 1;
        }
    }

    @Actor
    public void halt(final IJJ_Result r)
    {
        r.r2 = ticket.settleForHalt(sequence -> true, Long.MAX_VALUE);
    }

    @Arbiter
    public void count(final IJJ_Result r)
    {
        r.r3 = WorkerTicket.processedOf(ticket.wordAcquire());
    }
}
