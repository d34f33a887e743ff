package io.ringpool.internal;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Races on the pool's run state.
 */
public final class RunStateStressTest
{
    private RunStateStressTest()
    {
    }

    /**
     * {@code start()} against a halt on a NEW pool (Disruptor issue #308: a halt before the thread ran left it running
     * for ever). Invariant: exactly one wins; a pool the halt terminated can never be started.
     */
    @JCStressTest
    @Description("start and halt on a NEW pool: exactly one of them wins.")
    @Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "start won; the halt waits for it (sees STARTING)")
    @Outcome(id = "0, 1, 5", expect = ACCEPTABLE, desc = "halt won; start finds the pool TERMINATED")
    @Outcome(expect = FORBIDDEN, desc = "both won, or neither")
    @State
    public static class StartVersusHalt
    {
        private final RunState runState = new RunState();

        @Actor
        public void start(final III_Result r)
        {
            r.r1 = runState.compareAndExchange(RunState.NEW, RunState.STARTING) == RunState.NEW ? 1 : 0;
        }

        @Actor
        public void halt(final III_Result r)
        {
            r.r2 = runState.leaveRunning(true) == RunState.TERMINATED ? 1 : 0;
        }

        @Arbiter
        public void state(final III_Result r)
        {
            r.r3 = runState.get();
        }
    }

    /**
     * A drain against a halt on a RUNNING pool. Invariant: the halt always ends up in charge (HALTING), whichever
     * moved first.
     */
    @JCStressTest
    @Description("drain and halt on a RUNNING pool: the pool ends HALTING.")
    @Outcome(id = "3, 4", expect = ACCEPTABLE, desc = "the drain moved first, the halt overtook it")
    @Outcome(id = "4, 4", expect = ACCEPTABLE, desc = "the halt moved first; the drain joins it")
    @Outcome(expect = FORBIDDEN, desc = "the halt was lost, or the drain reverted it")
    @State
    public static class DrainVersusHalt
    {
        private final RunState runState = new RunState();

        public DrainVersusHalt()
        {
            runState.compareAndExchange(RunState.NEW, RunState.RUNNING);
        }

        @Actor
        public void drain(final II_Result r)
        {
            r.r1 = runState.leaveRunning(false);
        }

        @Actor
        public void halt(final II_Result r)
        {
            runState.leaveRunning(true);
        }

        @Arbiter
        public void state(final II_Result r)
        {
            r.r2 = runState.get();
        }
    }
}
