package io.ringpool.internal;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.ReturnedTask;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJJ_Result;

import java.util.ArrayList;
import java.util.List;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A pool without cancellation: a worker starts tasks with its ticket alone (no CAS on the entry), and a halt freezes
 * the ticket and then returns every entry that no worker marked and no ticket holds. Tasks 0 and 1 are published; the
 * worker begins 0 (before the race), then, racing the halt, commits 0 and begins 1 in one CAS, marks 1 started, and
 * commits 1. Invariant: each of the two tasks is in exactly one place: counted by the worker, abandoned, or returned.
 * <p>
 * r1: the worker's processed count. r2: the sequence the halt abandoned (-1 none). r3: a bit per returned task
 * (1 for task 0, 2 for task 1). r4: 1 if the worker ran task 1 (its begin won).
 */
public final class StartVersusFreezeStressTest
{
    private StartVersusFreezeStressTest()
    {
    }

    /** Tasks 0 and 1 published, task 0 begun (and, for a begin from IDLE, counted) before the race. */
    static final class Race
    {
        private final TaskRing<long[]> tasks;
        private final WorkerTicket ticket = new WorkerTicket();
        private final boolean fromIdle;

        Race(final boolean fromIdle)
        {
            this.fromIdle = fromIdle;
            final RunState runState = new RunState();
            runState.compareAndExchange(RunState.NEW, RunState.RUNNING);
            tasks = new TaskRing<>(() -> new long[1], 4, ProducerType.SINGLE, new BlockingWaitStrategy(), 1, null, false);
            final ProducerGate gate = ProducerGate.single(BusySpinIdleStrategy::new, tasks);
            final Publisher<long[]> publisher = new Publisher<>(tasks, gate, runState, new PoolThreads(), "jcstress", false);
            final ProducerCell cell = gate.cell();
            publisher.commit(cell, publisher.claim(cell, 1, 0), 1);
            publisher.commit(cell, publisher.claim(cell, 1, 0), 1);
            ticket.begin(0);
            tasks.ring().get(0).markStarted(0);
            if (fromIdle)
            {
                ticket.commitToIdle();
            }
        }

        void worker(final JJJJ_Result r)
        {
            if (fromIdle ? ticket.begin(1) : ticket.commitAndBegin(1))
            {
                tasks.ring().get(1).markStarted(1);
                r.r4 = 1;
                ticket.commitToIdle();
            }
        }

        void halt(final JJJJ_Result r)
        {
            final int frozen = ticket.freeze(null, Thread.currentThread());
            final long held = frozen == WorkerTicket.TASK_ABANDONED ? ticket.heldBy(ticket.wordAcquire()) : -1L;
            final List<ReturnedTask<long[]>> returned = new ArrayList<>();
            tasks.settleUntaken(-1L, tasks.ring().getCursor(), new long[]{ held }, returned, new ArrayList<>());
            long bits = 0;
            for (final ReturnedTask<long[]> task : returned)
            {
                bits |= 1L << task.sequence();
            }
            r.r2 = held;
            r.r3 = bits;
        }

        void count(final JJJJ_Result r)
        {
            r.r1 = WorkerTicket.processedOf(ticket.wordAcquire());
        }
    }

    /** The merged path of a fire-and-forget worker: commit 0 and begin 1 in one CAS. */
    @JCStressTest
    @Description("Start without cancel vs a freezing halt: each task counted, abandoned or returned, exactly once.")
    @Outcome(id = "2, -1, 0, 1", expect = ACCEPTABLE, desc = "the worker finished both before the freeze")
    @Outcome(id = "1, 1, 0, 1", expect = ACCEPTABLE,
        desc = "the worker counted 0 and began 1; the halt froze it holding 1 and abandoned it")
    @Outcome(id = "0, 0, 2, 0", expect = ACCEPTABLE,
        desc = "the halt abandoned 0 first; the worker never began 1, which the halt returned")
    @Outcome(expect = FORBIDDEN, desc = "a task counted twice, lost, or run and returned")
    @State
    public static class MergedCommit
    {
        private final Race race = new Race(false);

        @Actor
        public void worker(final JJJJ_Result r)
        {
            race.worker(r);
        }

        @Actor
        public void halt(final JJJJ_Result r)
        {
            race.halt(r);
        }

        @Arbiter
        public void count(final JJJJ_Result r)
        {
            race.count(r);
        }
    }

    /** Beginning from IDLE: the worker has counted task 0 and goes to begin task 1 as the halt freezes it. */
    @JCStressTest
    @Description("Begin from IDLE vs a freezing halt: task 1 is run by the worker or returned by the halt, never both.")
    @Outcome(id = "2, -1, 0, 1", expect = ACCEPTABLE, desc = "the worker began and finished 1 before the freeze")
    @Outcome(id = "1, 1, 0, 1", expect = ACCEPTABLE, desc = "the worker began 1; the halt froze it holding 1")
    @Outcome(id = "1, -1, 2, 0", expect = ACCEPTABLE, desc = "the halt froze the idle worker first and returned 1")
    @Outcome(expect = FORBIDDEN, desc = "a task counted twice, lost, or run and returned")
    @State
    public static class BeginFromIdle
    {
        private final Race race = new Race(true);

        @Actor
        public void worker(final JJJJ_Result r)
        {
            race.worker(r);
        }

        @Actor
        public void halt(final JJJJ_Result r)
        {
            race.halt(r);
        }

        @Arbiter
        public void count(final JJJJ_Result r)
        {
            race.count(r);
        }
    }
}
