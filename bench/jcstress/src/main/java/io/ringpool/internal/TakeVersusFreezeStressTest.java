package io.ringpool.internal;

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
 * A cancellable pool: the worker has begun task 5 (its ticket is BUSY holding 5) and now takes the task's entry by
 * CAS, as a halt freezes its ticket. The freeze settles the entry first if the worker has not taken it. Invariant:
 * the task is run and counted, or run and abandoned, or settled by the halt and never run: exactly one.
 * <p>
 * r1: 1 if the worker took the entry (and ran the task). r2: what the freeze returned (0 nothing held, 1 abandoned,
 * 4 the entry settled). r3 (arbiter): the worker's processed count.
 */
@JCStressTest
@Description("Take vs freeze in a cancellable pool: counted, abandoned, or settled by the halt and never run.")
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the worker took, ran and committed 5 before the freeze")
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "the worker took 5; the halt froze it running and abandoned it")
@Outcome(id = "0, 4, 0", expect = ACCEPTABLE, desc = "the halt settled the entry first; the worker never runs 5")
@Outcome(expect = FORBIDDEN, desc = "run and settled, counted and abandoned, or lost")
@State
public class TakeVersusFreezeStressTest
{
    private final TaskSlot<long[]> slot = EntryStateStressTest.published();
    private final WorkerTicket ticket = new WorkerTicket();

    public TakeVersusFreezeStressTest()
    {
        ticket.begin(EntryStateStressTest.SEQUENCE);
    }

    @Actor
    public void worker(final IIJ_Result r)
    {
        if (slot.take(EntryStateStressTest.SEQUENCE) == TaskSlot.NOT_TAKEN)
        {
            ticket.cancelBegin();
            return;
        }
        r.r1 = 1;
        if (ticket.commit())
        {
            ticket.settle();
        }
    }

    @Actor
    public void halt(final IIJ_Result r)
    {
        r.r2 = ticket.freeze(
            sequence -> slot.settleForHalt(sequence) != TaskSlot.UNSETTLED, Thread.currentThread());
    }

    @Arbiter
    public void count(final IIJ_Result r)
    {
        r.r3 = WorkerTicket.processedOf(ticket.wordAcquire());
    }
}
