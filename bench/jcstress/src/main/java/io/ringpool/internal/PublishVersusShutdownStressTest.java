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
 * A producer's publish races the first step of a drain: the run state leaves RUNNING, then the drain waits until no
 * publish that could still be accepted is in flight, and reads the accepted count. Invariant: a publish that returned
 * a sequence is counted by the drain (so it is then processed or returned); a publish the drain does not count threw.
 * <p>
 * r1: 1 if the publish returned a sequence, 0 if it was rejected. r2: the accepted count the drain read. Run for both
 * producer types: multi-producer, where the Disruptor's claim CAS is the fence, and single-producer, where the
 * producer's own volatile store is.
 */
public final class PublishVersusShutdownStressTest
{
    private PublishVersusShutdownStressTest()
    {
    }

    /** One pool's publish side and shutdown side, driven without threads of its own. */
    static final class Race
    {
        private final RunState runState = new RunState();
        private final ProducerGate gate;
        private final TaskRing<long[]> tasks;

        Race(final ProducerType producerType)
        {
            runState.compareAndExchange(RunState.NEW, RunState.RUNNING);
            gate = producerType == ProducerType.SINGLE ?
                ProducerGate.single(BusySpinIdleStrategy::new) : ProducerGate.multi(BusySpinIdleStrategy::new);
            tasks = new TaskRing<>("jcstress", () -> new long[1], 4, producerType, new BlockingWaitStrategy(),
                runState, new PoolThreads(), 1, null);
        }

        int publish()
        {
            final ProducerCell cell = gate.cell();
            try
            {
                tasks.commit(cell, tasks.claim(cell, 1, 0), 1);
                return 1;
            }
            catch (final RejectedExecutionException ex)
            {
                return 0;
            }
        }

        int drain()
        {
            runState.leaveRunning(false);
            tasks.awaitPublishesSettled(gate, null, Long.MAX_VALUE);
            return (int)gate.acceptedTotal();
        }
    }

    /** Multi-producer ring. */
    @JCStressTest
    @Description("Multi-producer: accepted implies seen by the shutdown; a task is never accepted behind its back.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "published before the drain; the drain counts it")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "the drain came first; the publish was rejected")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "accepted, but the drain did not count it: a lost task")
    @Outcome(expect = FORBIDDEN, desc = "counted but rejected")
    @State
    public static class MultiProducer
    {
        private final Race race = new Race(ProducerType.MULTI);

        @Actor
        public void producer(final II_Result r)
        {
            r.r1 = race.publish();
        }

        @Actor
        public void drain(final II_Result r)
        {
            r.r2 = race.drain();
        }
    }

    /** Single-producer ring. */
    @JCStressTest
    @Description("Single producer: accepted implies seen by the shutdown; a task is never accepted behind its back.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "published before the drain; the drain counts it")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "the drain came first; the publish was rejected")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "accepted, but the drain did not count it: a lost task")
    @Outcome(expect = FORBIDDEN, desc = "counted but rejected")
    @State
    public static class SingleProducer
    {
        private final Race race = new Race(ProducerType.SINGLE);

        @Actor
        public void producer(final II_Result r)
        {
            r.r1 = race.publish();
        }

        @Actor
        public void drain(final II_Result r)
        {
            r.r2 = race.drain();
        }
    }
}
