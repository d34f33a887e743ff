package io.ringpool.internal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ticket that decides, for a task in hand when a halt gives up, whether the worker or the halt owns its
 * outcome: exactly one of them, whichever CAS lands first.
 */
class WorkerTicketTest
{
    @Test
    void shouldCountATaskTheWorkerCommitsBeforeTheHaltTriesToAbandonIt()
    {
        final WorkerTicket ticket = new WorkerTicket();
        ticket.begin(7);
        final long seenByHalt = ticket.wordAcquire();
        assertTrue(ticket.commit());
        assertFalse(ticket.abandon(seenByHalt), "the halt read BUSY, but the worker committed first");
        ticket.settle(io.ringpool.OutcomeStatus.FAILED);
        assertEquals(WorkerTicket.IDLE, WorkerTicket.phaseOf(ticket.wordAcquire()));
        assertEquals(1, WorkerTicket.processedOf(ticket.wordAcquire()));
        assertEquals(1, ticket.failedAcquire());
    }

    @Test
    void shouldDiscardATaskTheHaltAbandonsBeforeTheWorkerCommits()
    {
        final WorkerTicket ticket = new WorkerTicket();
        ticket.begin(1);
        assertTrue(ticket.commit());
        ticket.settle(io.ringpool.OutcomeStatus.COMPLETED);
        ticket.begin(2);
        assertTrue(ticket.abandon(ticket.wordAcquire()));
        assertEquals(2, ticket.currentAcquire());
        assertEquals(WorkerTicket.ABANDONED, WorkerTicket.phaseOf(ticket.wordAcquire()));
        assertFalse(ticket.commit(), "an abandoned worker cannot count its task");
        assertFalse(ticket.cancelBegin());
        assertEquals(1, WorkerTicket.processedOf(ticket.wordAcquire()), "only the first task counts");
    }

    @Test
    void shouldNotAbandonAnIdleOrCommittingWorker()
    {
        final WorkerTicket ticket = new WorkerTicket();
        assertFalse(ticket.abandon(ticket.wordAcquire()), "IDLE holds no task");
        ticket.begin(3);
        assertTrue(ticket.commit());
        assertEquals(WorkerTicket.COMMITTING, WorkerTicket.phaseOf(ticket.wordAcquire()));
        assertFalse(ticket.abandon(ticket.wordAcquire()), "COMMITTING is waited for, not taken");
    }

    @Test
    void shouldGoBackToIdleWhenTheStartOfAReturnedEntryFails()
    {
        final WorkerTicket ticket = new WorkerTicket();
        ticket.begin(5);
        assertTrue(ticket.cancelBegin());
        assertEquals(WorkerTicket.IDLE, WorkerTicket.phaseOf(ticket.wordAcquire()));
        assertEquals(0, WorkerTicket.processedOf(ticket.wordAcquire()));
    }

    @Test
    void shouldLetAHaltSeizeAnOutcomeWaitingForResultRoom()
    {
        final WorkerTicket ticket = new WorkerTicket();
        ticket.begin(4);
        assertTrue(ticket.commit());
        final Object result = new Object();
        ticket.awaitRoom(io.ringpool.OutcomeStatus.EXPIRED, null, result);
        assertEquals(WorkerTicket.OUTCOME_SEIZED, ticket.settleForHalt(sequence -> true, Thread.currentThread()));
        assertTrue(ticket.isSeized());
        assertEquals(io.ringpool.OutcomeStatus.EXPIRED, ticket.pendingStatus);
        assertEquals(result, ticket.pendingResult);
        assertEquals(4, ticket.currentAcquire());
        assertFalse(ticket.resumeCommit(), "the worker found room too late: the halt owns the outcome");
        assertEquals(1, WorkerTicket.processedOf(ticket.wordAcquire()), "counted once, by the halt's seizure");
    }

    @Test
    void shouldLetTheWorkerKeepAnOutcomeItFoundRoomForFirst()
    {
        final WorkerTicket ticket = new WorkerTicket();
        ticket.begin(4);
        assertTrue(ticket.commit());
        ticket.awaitRoom(io.ringpool.OutcomeStatus.COMPLETED, null, new Object());
        assertTrue(ticket.resumeCommit());
        ticket.settle(io.ringpool.OutcomeStatus.COMPLETED);
        assertEquals(WorkerTicket.NOTHING_HELD, ticket.settleForHalt(sequence -> true, Thread.currentThread()));
        assertEquals(1, WorkerTicket.processedOf(ticket.wordAcquire()));
    }

    @Test
    void shouldAbandonOnlyAStartedTaskWhoseHandlerRuns()
    {
        final WorkerTicket ticket = new WorkerTicket();
        ticket.begin(9);
        assertEquals(WorkerTicket.NOTHING_HELD, ticket.settleForHalt(sequence -> false, Thread.currentThread()),
            "an entry the halt returned was never started");
        assertEquals(WorkerTicket.TASK_ABANDONED, ticket.settleForHalt(sequence -> true, Thread.currentThread()));
        assertFalse(ticket.commit());
    }
}
