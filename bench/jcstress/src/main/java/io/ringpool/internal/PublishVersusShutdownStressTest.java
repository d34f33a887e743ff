package io.ringpool.internal;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.ReturnedTask;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A producer's publish races the first steps of a drain or halt whose bound has already run out (a deadline of 0):
 * the run state leaves RUNNING, the shutdown closes every producer cell, reads the accepted count and, for a halt,
 * settles the untaken entries. Invariant: a publish that returned a sequence is counted by the shutdown and, for a
 * halt, returned in its report; a publish the shutdown does not count threw. Closing a cell takes no deadline by
 * design: it waits only for an accepting window, which runs engine code alone, so a zero bound changes nothing here.
 * <p>
 * r1: 1 if the publish returned a sequence, 0 if it was rejected. r2: the accepted count the shutdown read.
 * r3: the number of tasks the halt returned (the drain variants leave it 0 and check the count alone).
 * Run for both producer types: multi-producer, where a claim is visible before its translator runs, and single
 * producer, where it is not.
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
        private final Publisher<long[]> publisher;

        Race(final ProducerType producerType)
        {
            runState.compareAndExchange(RunState.NEW, RunState.RUNNING);
            tasks = new TaskRing<>(() -> new long[1], 4, producerType, new BlockingWaitStrategy(), 1, null, false);
            gate = producerType == ProducerType.SINGLE ?
                ProducerGate.single(BusySpinIdleStrategy::new, tasks) :
                ProducerGate.multi(BusySpinIdleStrategy::new, tasks);
            publisher = new Publisher<>(tasks, gate, runState, new PoolThreads(), "jcstress", false);
        }

        int publish()
        {
            final ProducerCell cell = gate.cell();
            try
            {
                publisher.commit(cell, publisher.claim(cell, 1, 0), 1);
                return 1;
            }
            catch (final RejectedExecutionException ex)
            {
                return 0;
            }
        }

        /**
         * Publishes two tasks through the calling thread's claims, as a {@code Producer} does: claim, fill, commit.
         *
         * @return 2 if the commit was accepted, 0 if the claim or the commit was rejected.
         */
        int claimAndCommit()
        {
            final Publisher.Claims<long[]> claims = publisher.producer(c -> c);
            try
            {
                final long first = claims.claim(2, 0);
                claims.task(first)[0] = 1;
                claims.task(first + 1)[0] = 2;
                claims.commit(first);
                return 2;
            }
            catch (final RejectedExecutionException ex)
            {
                return 0;
            }
        }

        void shutdown(final boolean halt, final III_Result r)
        {
            runState.leaveRunning(halt);
            gate.closeAll(Thread.currentThread());
            r.r2 = (int)gate.acceptedTotal();
            if (halt)
            {
                final List<ReturnedTask<long[]>> returned = new ArrayList<>();
                tasks.settleUntaken(-1L, tasks.ring().getCursor(), new long[0], returned, new ArrayList<>());
                r.r3 = returned.size();
            }
        }
    }

    /** Multi-producer ring, drain. */
    @JCStressTest
    @Description("Multi-producer drain: accepted implies counted; a task is never accepted behind its back.")
    @Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "published before the drain; the drain counts it")
    @Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "the drain came first; the publish was rejected")
    @Outcome(id = "1, 0, 0", expect = FORBIDDEN, desc = "accepted, but the drain did not count it: a lost task")
    @Outcome(expect = FORBIDDEN, desc = "counted but rejected")
    @State
    public static class MultiProducerDrain
    {
        private final Race race = new Race(ProducerType.MULTI);

        @Actor
        public void producer(final III_Result r)
        {
            r.r1 = race.publish();
        }

        @Actor
        public void drain(final III_Result r)
        {
            race.shutdown(false, r);
        }
    }

    /** Single-producer ring, drain. */
    @JCStressTest
    @Description("Single-producer drain: accepted implies counted; a task is never accepted behind its back.")
    @Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "published before the drain; the drain counts it")
    @Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "the drain came first; the publish was rejected")
    @Outcome(id = "1, 0, 0", expect = FORBIDDEN, desc = "accepted, but the drain did not count it: a lost task")
    @Outcome(expect = FORBIDDEN, desc = "counted but rejected")
    @State
    public static class SingleProducerDrain
    {
        private final Race race = new Race(ProducerType.SINGLE);

        @Actor
        public void producer(final III_Result r)
        {
            r.r1 = race.publish();
        }

        @Actor
        public void drain(final III_Result r)
        {
            race.shutdown(false, r);
        }
    }

    /** Multi-producer ring, halt with a zero bound. */
    @JCStressTest
    @Description("Multi-producer halt(0): an accepted task is counted and returned; a rejected one is neither.")
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "accepted before the halt; counted and returned unstarted")
    @Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "the halt came first; the publish was rejected")
    @Outcome(expect = FORBIDDEN, desc = "accepted but missing from the report, or reported but rejected")
    @State
    public static class MultiProducerHaltZero
    {
        private final Race race = new Race(ProducerType.MULTI);

        @Actor
        public void producer(final III_Result r)
        {
            r.r1 = race.publish();
        }

        @Actor
        public void halt(final III_Result r)
        {
            race.shutdown(true, r);
        }
    }

    /** Single-producer ring, halt with a zero bound. */
    @JCStressTest
    @Description("Single-producer halt(0): an accepted task is counted and returned; a rejected one is neither.")
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "accepted before the halt; counted and returned unstarted")
    @Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "the halt came first; the publish was rejected")
    @Outcome(expect = FORBIDDEN, desc = "accepted but missing from the report, or reported but rejected")
    @State
    public static class SingleProducerHaltZero
    {
        private final Race race = new Race(ProducerType.SINGLE);

        @Actor
        public void producer(final III_Result r)
        {
            r.r1 = race.publish();
        }

        @Actor
        public void halt(final III_Result r)
        {
            race.shutdown(true, r);
        }
    }

    /** Multi-producer ring, a two-slot claim committed while a halt with a zero bound runs. */
    @JCStressTest
    @Description("Multi-producer claim and commit against halt(0): a committed claim is counted and returned whole.")
    @Outcome(id = "2, 2, 2", expect = ACCEPTABLE, desc = "committed before the halt; counted and returned unstarted")
    @Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "the halt came first; the claim or its commit was rejected")
    @Outcome(expect = FORBIDDEN, desc = "committed but missing from the report, reported but rejected, or split")
    @State
    public static class MultiProducerClaimHaltZero
    {
        private final Race race = new Race(ProducerType.MULTI);

        @Actor
        public void producer(final III_Result r)
        {
            r.r1 = race.claimAndCommit();
        }

        @Actor
        public void halt(final III_Result r)
        {
            race.shutdown(true, r);
        }
    }

    /** Single-producer ring, a two-slot claim committed while a halt with a zero bound runs. */
    @JCStressTest
    @Description("Single-producer claim and commit against halt(0): a committed claim is counted and returned whole.")
    @Outcome(id = "2, 2, 2", expect = ACCEPTABLE, desc = "committed before the halt; counted and returned unstarted")
    @Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "the halt came first; the claim or its commit was rejected")
    @Outcome(expect = FORBIDDEN, desc = "committed but missing from the report, reported but rejected, or split")
    @State
    public static class SingleProducerClaimHaltZero
    {
        private final Race race = new Race(ProducerType.SINGLE);

        @Actor
        public void producer(final III_Result r)
        {
            r.r1 = race.claimAndCommit();
        }

        @Actor
        public void halt(final III_Result r)
        {
            race.shutdown(true, r);
        }
    }
}
