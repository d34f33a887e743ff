package io.ringpool.internal;

import io.ringpool.OutcomeStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ticket that decides, for a task in hand when a halt gives up, whether the worker or the halt owns it or its
 * outcome: exactly one of them, whichever CAS lands first; and that a frozen ticket begins nothing.
 */
class WorkerTicketTest
{
    private static final Thread SELF = Thread.currentThread();

    private static int phase(final WorkerTicket ticket)
    {
        return WorkerTicket.phaseOf(ticket.wordAcquire());
    }

    private static long count(final WorkerTicket ticket)
    {
        return WorkerTicket.processedOf(ticket.wordAcquire());
    }

    @Test
    void shouldCountATaskTheWorkerCommitsBeforeTheHaltTriesToAbandonIt()
    {
        final WorkerTicket ticket = new WorkerTicket();
        assertTrue(ticket.begin(7));
        final long seenByHalt = ticket.wordAcquire();
        assertTrue(ticket.commit());
        assertFalse(ticket.abandon(seenByHalt), "the halt read BUSY, but the worker committed first");
        ticket.count(OutcomeStatus.FAILED);
        ticket.settle();
        assertEquals(WorkerTicket.IDLE, phase(ticket));
        assertEquals(1, count(ticket));
        assertEquals(1, ticket.failedAcquire());
    }

    @Test
    void shouldCommitOneTaskAndBeginTheNextInOneStep()
    {
        final WorkerTicket ticket = new WorkerTicket();
        assertTrue(ticket.begin(10));
        assertEquals(10, ticket.heldBy(ticket.wordAcquire()));
        assertTrue(ticket.commitAndBegin(11));
        assertEquals(WorkerTicket.BUSY, phase(ticket));
        assertEquals(1, count(ticket));
        assertEquals(11, ticket.heldBy(ticket.wordAcquire()));
        assertTrue(ticket.commitAndBegin(12));
        assertEquals(12, ticket.heldBy(ticket.wordAcquire()));
        assertTrue(ticket.commitToIdle());
        assertEquals(WorkerTicket.IDLE, phase(ticket));
        assertEquals(3, count(ticket));
    }

    @Test
    void shouldAbandonTheTaskInHandNotTheOneAFailedMergedCommitWouldHaveBegun()
    {
        final WorkerTicket ticket = new WorkerTicket();
        assertTrue(ticket.begin(20));
        assertTrue(ticket.commitAndBegin(21));
        final long seenByHalt = ticket.wordAcquire();
        assertEquals(WorkerTicket.TASK_ABANDONED, ticket.freeze(null, SELF));
        assertFalse(ticket.commitAndBegin(22), "an abandoned worker neither counts its task nor begins another");
        assertEquals(21, ticket.heldBy(ticket.wordAcquire()), "the failed merge wrote the other parity's slot");
        assertEquals(1, count(ticket), "only task 20 counts");
        assertFalse(ticket.abandon(seenByHalt));
    }

    @Test
    void shouldNotLetAFrozenIdleWorkerBeginATask()
    {
        final WorkerTicket ticket = new WorkerTicket();
        assertTrue(ticket.begin(1));
        assertTrue(ticket.commitToIdle());
        assertEquals(WorkerTicket.NOTHING_HELD, ticket.freeze(null, SELF));
        assertEquals(WorkerTicket.FROZEN, phase(ticket));
        assertFalse(ticket.begin(2), "the halt owns every entry a frozen worker has not begun");
        assertEquals(1, count(ticket));
        assertEquals(WorkerTicket.NOTHING_HELD, ticket.freeze(null, SELF), "freezing twice changes nothing");
    }

    @Test
    void shouldDiscardATaskTheHaltAbandonsBeforeTheWorkerCommits()
    {
        final WorkerTicket ticket = new WorkerTicket();
        assertTrue(ticket.begin(1));
        assertTrue(ticket.commit());
        ticket.settle();
        assertTrue(ticket.begin(2));
        assertTrue(ticket.abandon(ticket.wordAcquire()));
        assertEquals(2, ticket.heldBy(ticket.wordAcquire()));
        assertEquals(WorkerTicket.ABANDONED, phase(ticket));
        assertFalse(ticket.commit(), "an abandoned worker cannot count its task");
        assertFalse(ticket.commitToIdle());
        assertFalse(ticket.cancelBegin());
        assertEquals(1, count(ticket), "only the first task counts");
    }

    @Test
    void shouldNotAbandonAnIdleOrCommittingWorker()
    {
        final WorkerTicket ticket = new WorkerTicket();
        assertFalse(ticket.abandon(ticket.wordAcquire()), "IDLE holds no task");
        assertTrue(ticket.begin(3));
        assertTrue(ticket.commit());
        assertEquals(WorkerTicket.COMMITTING, phase(ticket));
        assertFalse(ticket.abandon(ticket.wordAcquire()), "COMMITTING is waited for, not taken");
        assertEquals(WorkerTicket.WORKER_DIED, ticket.freeze(null, null),
            "a COMMITTING ticket of the caller's own thread cannot be waited for");
    }

    @Test
    void shouldLeaveCommittingByBeginningTheNextTask()
    {
        final WorkerTicket ticket = new WorkerTicket();
        assertTrue(ticket.begin(30));
        assertTrue(ticket.commit());
        assertEquals(30, ticket.heldBy(ticket.wordAcquire()), "COMMITTING is about the task just committed");
        ticket.settleAndBegin(31);
        assertEquals(WorkerTicket.BUSY, phase(ticket));
        assertEquals(31, ticket.heldBy(ticket.wordAcquire()));
        assertEquals(WorkerTicket.TASK_ABANDONED, ticket.freeze(null, SELF));
        assertEquals(1, count(ticket));
    }

    @Test
    void shouldGoBackToIdleWhenTheTakeOfASettledEntryFails()
    {
        final WorkerTicket ticket = new WorkerTicket();
        assertTrue(ticket.begin(5));
        assertTrue(ticket.cancelBegin());
        assertEquals(WorkerTicket.IDLE, phase(ticket));
        assertEquals(0, count(ticket));
    }

    @Test
    void shouldLetAHaltSeizeAnOutcomeWaitingForResultRoom()
    {
        final WorkerTicket ticket = new WorkerTicket();
        assertTrue(ticket.begin(4));
        assertTrue(ticket.commit());
        final Object result = new Object();
        ticket.awaitRoom(4, OutcomeStatus.EXPIRED, null, result);
        assertEquals(4, ticket.heldBy(ticket.wordAcquire()));
        assertEquals(WorkerTicket.OUTCOME_SEIZED, ticket.freeze(null, SELF));
        assertTrue(ticket.isSeized());
        assertEquals(OutcomeStatus.EXPIRED, ticket.pendingStatus);
        assertEquals(result, ticket.pendingResult);
        assertEquals(4, ticket.pendingSequence);
        assertFalse(ticket.resumeCommit(), "the worker found room too late: the halt owns the outcome");
        assertEquals(1, count(ticket), "counted once, by the halt's seizure");
    }

    @Test
    void shouldLetTheWorkerKeepAnOutcomeItFoundRoomForFirst()
    {
        final WorkerTicket ticket = new WorkerTicket();
        assertTrue(ticket.begin(4));
        assertTrue(ticket.commit());
        ticket.awaitRoom(4, OutcomeStatus.COMPLETED, null, new Object());
        assertTrue(ticket.resumeCommit());
        ticket.settle();
        assertEquals(WorkerTicket.NOTHING_HELD, ticket.freeze(null, SELF));
        assertEquals(1, count(ticket));
    }

    @Test
    void shouldSettleTheEntryOfATaskBegunButNotTakenInsteadOfAbandoningIt()
    {
        final WorkerTicket ticket = new WorkerTicket();
        assertTrue(ticket.begin(9));
        final List<Long> settled = new ArrayList<>();
        assertEquals(WorkerTicket.ENTRY_SETTLED, ticket.freeze(sequence -> settled.add(sequence), SELF),
            "a cancellable pool's halt won the entry: the task is returned, never abandoned");
        assertEquals(List.of(9L), settled);
        assertEquals(WorkerTicket.FROZEN, phase(ticket));
        assertFalse(ticket.cancelBegin(), "the worker's take failed and it finds its ticket frozen");
        assertFalse(ticket.commit());
    }

    @Test
    void shouldAbandonABegunTaskWhoseEntryTheWorkerTook()
    {
        final WorkerTicket ticket = new WorkerTicket();
        assertTrue(ticket.begin(9));
        assertEquals(WorkerTicket.TASK_ABANDONED, ticket.freeze(sequence -> false, SELF));
        assertFalse(ticket.commit());
    }
}
