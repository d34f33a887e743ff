package io.ringpool.internal;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * The collector handing outcome 0 to the result handler races a halt sealing the collector. Invariant: the outcome
 * is delivered or listed as undelivered, never both, never neither.
 * <p>
 * r1: whether the collector may hand it over. r2: the last sequence the seal reports as handed over.
 */
@JCStressTest
@Description("An outcome is handed over or listed undelivered: exactly one.")
@Outcome(id = "true, 0", expect = ACCEPTABLE, desc = "handed over before the seal; the report counts it delivered")
@Outcome(id = "false, -1", expect = ACCEPTABLE, desc = "sealed first; the collector stops, the report lists it")
@Outcome(expect = FORBIDDEN, desc = "delivered and listed, or neither")
@State
public class HandOverStressTest
{
    private final HandOver handOver = new HandOver();

    @Actor
    public void collector(final ZJ_Result r)
    {
        r.r1 = handOver.tryHandOver(0);
    }

    @Actor
    public void halt(final ZJ_Result r)
    {
        r.r2 = handOver.seal();
    }
}
