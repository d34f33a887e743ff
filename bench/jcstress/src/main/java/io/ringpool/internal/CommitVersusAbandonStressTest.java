package io.ringpool.internal;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IJJ_Result;
import org.openjdk.jcstress.infra.results.JJJJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * A worker finishing the task in hand races a halt that gave up on it, and freezes the ticket. Invariant: the task is
 * counted by the worker or reported abandoned by the halt, never both, never neither; and a worker whose commit
 * lost begins nothing.
 * <p>
 * The freeze has no deadline to run out: a commit in progress (engine code only) is waited for, which is what makes
 * {@code interruptGrace(0)} exact.
 */
public final class CommitVersusAbandonStressTest
{
    private CommitVersusAbandonStressTest()
    {
    }

    /**
     * A commit with an outcome to publish (BUSY to COMMITTING, then IDLE). r1: 1 if the worker's commit won. r2: what
     * the freeze returned (0 nothing held, 1 abandoned). r3 (arbiter): the worker's processed count afterwards.
     */
    @JCStressTest
    @Description("A task in hand is either committed by its worker or abandoned by the halt: exactly one.")
    @Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the worker committed first; the halt abandons nothing")
    @Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "the halt abandoned task 3 first; the worker's commit fails")
    @Outcome(expect = FORBIDDEN, desc = "counted twice or lost")
    @State
    public static class WithOutcome
    {
        private final WorkerTicket ticket = new WorkerTicket();

        public WithOutcome()
        {
            ticket.begin(3);
        }

        @Actor
        public void worker(final IJJ_Result r)
        {
            if (ticket.commit())
            {
                ticket.settle();
                r.r1 = 1;
            }
        }

        @Actor
        public void halt(final IJJ_Result r)
        {
            // The worker's thread is not known here; any live thread keeps the halt waiting for a commit in progress.
            r.r2 = ticket.freeze(null, Thread.currentThread());
        }

        @Arbiter
        public void count(final IJJ_Result r)
        {
            r.r3 = WorkerTicket.processedOf(ticket.wordAcquire());
        }
    }

    /**
     * The merged step: one CAS commits task 3 and begins task 4. r1: 1 if it won. r2: what the freeze returned.
     * r3: the processed count afterwards. r4: the sequence the abandoned ticket holds (-1 if none).
     */
    @JCStressTest
    @Description("Commit-and-begin against a halt: task 3 counted and task 4 in hand, or task 3 abandoned and 4 untouched.")
    @Outcome(id = "1, 1, 1, 4", expect = ACCEPTABLE,
        desc = "the worker committed 3 and began 4 first; the halt abandons 4")
    @Outcome(id = "0, 1, 0, 3", expect = ACCEPTABLE,
        desc = "the halt abandoned 3 first; the worker never begins 4 (the halt returns it)")
    @Outcome(expect = FORBIDDEN, desc = "a task counted twice, lost, or the wrong one abandoned")
    @State
    public static class CommitAndBegin
    {
        private final WorkerTicket ticket = new WorkerTicket();

        public CommitAndBegin()
        {
            ticket.begin(3);
        }

        @Actor
        public void worker(final JJJJ_Result r)
        {
            r.r1 = ticket.commitAndBegin(4) ? 1 : 0;
        }

        @Actor
        public void halt(final JJJJ_Result r)
        {
            r.r2 = ticket.freeze(null, Thread.currentThread());
        }

        @Arbiter
        public void count(final JJJJ_Result r)
        {
            final long word = ticket.wordAcquire();
            r.r3 = WorkerTicket.processedOf(word);
            r.r4 = WorkerTicket.phaseOf(word) == WorkerTicket.ABANDONED ? ticket.heldBy(word) : -1L;
        }
    }

    /**
     * The commit of the last task at hand (BUSY to IDLE) against a halt's freeze. r1: 1 if it won. r2: what the
     * freeze returned. r3: the processed count. r4: 1 if the worker can still begin a task afterwards.
     */
    @JCStressTest
    @Description("Commit-to-idle against a halt: counted and frozen idle, or abandoned; never counted and abandoned.")
    @Outcome(id = "1, 0, 1, 0", expect = ACCEPTABLE, desc = "committed first; the halt froze an idle worker")
    @Outcome(id = "0, 1, 0, 0", expect = ACCEPTABLE, desc = "the halt abandoned task 3 first")
    @Outcome(expect = FORBIDDEN, desc = "counted twice or lost, or a worker left able to begin after a freeze")
    @State
    public static class CommitToIdle
    {
        private final WorkerTicket ticket = new WorkerTicket();

        public CommitToIdle()
        {
            ticket.begin(3);
        }

        @Actor
        public void worker(final JJJJ_Result r)
        {
            r.r1 = ticket.commitToIdle() ? 1 : 0;
        }

        @Actor
        public void halt(final JJJJ_Result r)
        {
            r.r2 = ticket.freeze(null, Thread.currentThread());
        }

        @Arbiter
        public void count(final JJJJ_Result r)
        {
            r.r3 = WorkerTicket.processedOf(ticket.wordAcquire());
            r.r4 = ticket.begin(9) ? 1 : 0;
        }
    }
}
