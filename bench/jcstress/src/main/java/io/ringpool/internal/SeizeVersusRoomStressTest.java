package io.ringpool.internal;

import io.ringpool.OutcomeStatus;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A worker whose handler returned waits for room in a full result ring, holding its outcome in its ticket; room
 * appears just as a halt (with a zero bound) settles the worker. Invariant: the outcome is published by the worker or
 * seized by the halt and listed as undelivered, never both, never neither; and it is never reported abandoned, since
 * its handler had returned.
 * <p>
 * r1: 1 if the worker kept the outcome (its resume CAS won). r2: what the halt's settle returned (0 nothing held,
 * 1 abandoned, 2 seized). r3 (arbiter): the processed count.
 */
@JCStressTest
@Description("An outcome waiting for result-ring room is published by its worker or seized by the halt: exactly one.")
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the worker found room first and published; the halt holds none")
@Outcome(id = "0, 2, 1", expect = ACCEPTABLE, desc = "the halt seized the outcome; the worker publishes void and stops")
@Outcome(expect = FORBIDDEN, desc = "published and seized, lost, or reported abandoned")
@State
public class SeizeVersusRoomStressTest
{
    private final WorkerTicket ticket = new WorkerTicket();

    public SeizeVersusRoomStressTest()
    {
        ticket.begin(5);
        ticket.commit();
        ticket.awaitRoom(5, OutcomeStatus.COMPLETED, null, new Object());
    }

    @Actor
    public void worker(final IIJ_Result r)
    {
        if (ticket.resumeCommit())
        {
            ticket.settle();
            r.r1 = 1;
        }
    }

    @Actor
    public void halt(final IIJ_Result r)
    {
        r.r2 = ticket.freeze(null, Thread.currentThread());
    }

    @Arbiter
    public void count(final IIJ_Result r)
    {
        r.r3 = WorkerTicket.processedOf(ticket.wordAcquire());
    }
}
