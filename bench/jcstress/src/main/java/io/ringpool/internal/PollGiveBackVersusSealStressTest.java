package io.ringpool.internal;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZJZ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A poll handed outcome 0 over, and its handler threw: the poller takes the hand-over back (the outcome is to be
 * polled again) while the shutdown seals the poller to make its report. Invariant: the outcome is either counted as
 * handed over by the report, or taken back and listed as undelivered, never both, never neither.
 * <p>
 * r1: whether the give-back won. r2: the last sequence the seal reports handed over. r3 (arbiter): whether a later
 * poll could hand it over again (it must not, once sealed).
 */
@JCStressTest
@Description("A poll handler's failure and the report's seal agree on whether the outcome was handed over.")
@Outcome(id = "true, -1, false", expect = ACCEPTABLE, desc = "taken back, then sealed: the report lists it")
@Outcome(id = "false, 0, false", expect = ACCEPTABLE, desc = "sealed first: the report counts it handed over")
@Outcome(expect = FORBIDDEN, desc = "listed and handed over, or neither, or handed out after the seal")
@State
public class PollGiveBackVersusSealStressTest
{
    private final HandOver handOver = new HandOver();

    public PollGiveBackVersusSealStressTest()
    {
        handOver.tryHandOver(0);
    }

    @Actor
    public void poller(final ZJZ_Result r)
    {
        r.r1 = handOver.giveBack(0);
    }

    @Actor
    public void shutdown(final ZJZ_Result r)
    {
        r.r2 = handOver.seal();
    }

    @Arbiter
    public void pollAgain(final ZJZ_Result r)
    {
        r.r3 = handOver.tryHandOver(0);
    }
}
