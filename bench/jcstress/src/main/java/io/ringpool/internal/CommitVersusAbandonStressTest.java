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
 * The halt's settle has no deadline to run out: a commit in progress (engine code only) is waited for, which is what
 * makes {@code interruptGrace(0)} exact.
 * <p>
 * r1: 1 if the worker's commit won. r2: what the halt's settle returned (0 nothing held, 1 abandoned).
 * r3 (arbiter): the worker's processed count afterwards.
 */
@JCStressTest
@Description("A task in hand is either committed by its worker or abandoned by the halt: exactly one.")
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the worker committed first; the halt abandons nothing")
@Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "the halt abandoned task 3 first; the worker's commit fails")
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
        // The worker's thread is not known here; any live thread keeps the halt waiting for a commit in progress.
        r.r2 = ticket.settleForHalt(sequence -> true, Thread.currentThread());
    }

    @Arbiter
    public void count(final IJJ_Result r)
    {
        r.r3 = WorkerTicket.processedOf(ticket.wordAcquire());
    }
}
