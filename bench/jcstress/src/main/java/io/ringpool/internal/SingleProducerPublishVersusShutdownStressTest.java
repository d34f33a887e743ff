package io.ringpool.internal;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.util.concurrent.RejectedExecutionException;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * As {@link PublishVersusShutdownStressTest}, on a single-producer ring, where the claim is not visible to other
 * threads and the producer's own volatile store provides the fence.
 * <p>
 * A producer's publish races the first step of a drain: the run state leaves RUNNING, then the drain waits until no
 * publish that could still be accepted is in flight, and reads the accepted count. Invariant: a publish that returned a sequence is counted by
 * the drain (so it is then processed or returned); a publish the drain does not count threw.
 * <p>
 * r1: 1 if the publish returned a sequence, 0 if it was rejected. r2: the accepted count the drain read.
 */
@JCStressTest
@Description("Single producer: accepted implies seen by the shutdown.")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "published before the drain; the drain counts it")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "the drain came first; the publish was rejected")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "accepted, but the drain did not count it: a lost task")
@Outcome(expect = FORBIDDEN, desc = "counted but rejected")
@State
public class SingleProducerPublishVersusShutdownStressTest
{
    private final RunState runState = new RunState();
    private final ProducerGate gate = ProducerGate.single(BusySpinIdleStrategy::new);
    private final TaskRing<long[]> tasks;

    public SingleProducerPublishVersusShutdownStressTest()
    {
        runState.compareAndExchange(RunState.NEW, RunState.RUNNING);
        tasks = new TaskRing<>("jcstress", () -> new long[1], 4, ProducerType.SINGLE, new BlockingWaitStrategy(),
            runState, new PoolThreads(), 1, null);
    }

    @Actor
    public void producer(final II_Result r)
    {
        final ProducerCell cell = gate.cell();
        try
        {
            final long hi = tasks.claim(cell, 1, 0);
            tasks.commit(cell, hi, 1);
            r.r1 = 1;
        }
        catch (final RejectedExecutionException ex)
        {
            r.r1 = 0;
        }
    }

    @Actor
    public void drain(final II_Result r)
    {
        runState.leaveRunning(false);
        tasks.awaitPublishesSettled(gate, null, Long.MAX_VALUE);
        r.r2 = (int)gate.acceptedTotal();
    }
}
