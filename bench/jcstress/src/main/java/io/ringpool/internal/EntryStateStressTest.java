package io.ringpool.internal;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The per-entry state word (sequence and status in one 64-bit value, changed by CAS), raced by the three parties that
 * change it: a worker taking the task ({@link TaskSlot#take}: 0 not taken, 1 taken to run, 2 took a cancelled task),
 * a producer cancelling it ({@link TaskSlot#cancel}: 1 if it returned true) and a halt settling it
 * ({@link TaskSlot#settleForHalt}: 0 nothing, 1 returned, 2 counted as cancelled).
 * <p>
 * Invariant for all of them: the task ends in exactly one way, and a cancel that returned true is never run.
 * The three-way race needs three CPUs; the pairs run on two.
 */
public final class EntryStateStressTest
{
    static final long SEQUENCE = 5;

    private EntryStateStressTest()
    {
    }

    static TaskSlot<long[]> published()
    {
        final TaskSlot<long[]> slot = new TaskSlot<>(new long[1]);
        slot.setStatePlain(TaskState.pack(SEQUENCE, TaskState.PUBLISHED));
        return slot;
    }

    /** Worker against cancel. */
    @JCStressTest
    @Description("take and cancel: the task runs, or it is cancelled and the worker reports it CANCELLED.")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "taken to run first; the cancel fails")
    @Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "cancelled first; the worker takes it as cancelled")
    @Outcome(expect = FORBIDDEN, desc = "a cancelled task runs, or nobody accounts for it")
    @State
    public static class TakeVersusCancel
    {
        private final TaskSlot<long[]> slot = published();

        @Actor
        public void worker(final II_Result r)
        {
            r.r1 = slot.take(SEQUENCE);
        }

        @Actor
        public void producer(final II_Result r)
        {
            r.r2 = slot.cancel(SEQUENCE) ? 1 : 0;
        }
    }

    /** Worker against halt. */
    @JCStressTest
    @Description("take and settle: the task runs, or the halt returns it: never both.")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "taken first; the halt leaves it to the worker")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "returned first; the worker does not run it")
    @Outcome(expect = FORBIDDEN, desc = "run and returned (duplicated), or neither (lost)")
    @State
    public static class TakeVersusSettle
    {
        private final TaskSlot<long[]> slot = published();

        @Actor
        public void worker(final II_Result r)
        {
            r.r1 = slot.take(SEQUENCE);
        }

        @Actor
        public void halt(final II_Result r)
        {
            r.r2 = slot.settleForHalt(SEQUENCE);
        }
    }

    /** Cancel against halt. */
    @JCStressTest
    @Description("cancel and settle: the task is cancelled and counted so, or returned: never both.")
    @Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "cancelled first; the halt counts it cancelled")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "returned first; the cancel fails")
    @Outcome(expect = FORBIDDEN, desc = "cancelled and returned, or cancelled and not counted")
    @State
    public static class CancelVersusSettle
    {
        private final TaskSlot<long[]> slot = published();

        @Actor
        public void producer(final II_Result r)
        {
            r.r1 = slot.cancel(SEQUENCE) ? 1 : 0;
        }

        @Actor
        public void halt(final II_Result r)
        {
            r.r2 = slot.settleForHalt(SEQUENCE);
        }
    }

    /** All three at once (runs where jcstress has three CPUs). */
    @JCStressTest
    @Description("take, cancel and settle: exactly one end, never none, never two.")
    @Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "taken to run first; cancel and halt see it taken")
    @Outcome(id = "2, 1, 0", expect = ACCEPTABLE, desc = "cancelled first; the worker reports it CANCELLED")
    @Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "cancelled first; the halt counts it cancelled")
    @Outcome(id = "0, 0, 1", expect = ACCEPTABLE, desc = "returned first; nobody runs or cancels it")
    @Outcome(expect = FORBIDDEN, desc = "run and cancelled, run and returned, or nobody accounts for it")
    @State
    public static class TakeCancelSettle
    {
        private final TaskSlot<long[]> slot = published();

        @Actor
        public void worker(final III_Result r)
        {
            r.r1 = slot.take(SEQUENCE);
        }

        @Actor
        public void producer(final III_Result r)
        {
            r.r2 = slot.cancel(SEQUENCE) ? 1 : 0;
        }

        @Actor
        public void halt(final III_Result r)
        {
            r.r3 = slot.settleForHalt(SEQUENCE);
        }
    }
}
