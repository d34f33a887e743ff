package io.ringpool.internal;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZI_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A cancel addressed to sequence 0 races a worker taking sequence 8, which now occupies the same slot of an 8-entry
 * ring. Invariant: a stale handle never touches the newer task.
 */
@JCStressTest
@Description("cancel(0) on a slot that holds task 8 must fail, and task 8 must be taken to run.")
@Outcome(id = "false, 1", expect = ACCEPTABLE, desc = "the stale cancel failed; task 8 runs")
@Outcome(expect = FORBIDDEN, desc = "a stale handle cancelled the newer task, or stopped it from running")
@State
public class StaleHandleStressTest
{
    private final TaskSlot<long[]> slot = new TaskSlot<>(new long[1]);

    public StaleHandleStressTest()
    {
        slot.setStatePlain(TaskState.pack(8, TaskState.PUBLISHED));
    }

    @Actor
    public void staleCancel(final ZI_Result r)
    {
        r.r1 = slot.cancel(0);
    }

    @Actor
    public void worker(final ZI_Result r)
    {
        r.r2 = slot.take(8);
    }
}
