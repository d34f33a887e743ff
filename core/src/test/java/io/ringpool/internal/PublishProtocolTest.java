package io.ringpool.internal;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.concurrent.RejectedExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The publish protocol driven step by step, without worker threads: the interleavings that a stress run hits
 * only by luck are forced here.
 */
class PublishProtocolTest
{
    private final RunState runState = new RunState();

    /** A cancellable pool's ring: entries are marked PUBLISHED and taken by CAS. */
    private TaskRing<long[]> ring(final ProducerType producerType)
    {
        return ring(producerType, true);
    }

    private TaskRing<long[]> ring(final ProducerType producerType, final boolean cancellable)
    {
        runState.compareAndExchange(RunState.NEW, RunState.RUNNING);
        return new TaskRing<>(() -> new long[1], 8, producerType, new BlockingWaitStrategy(), 1, null, cancellable);
    }

    /** The publish side over a ring; it keeps no state of its own, so one per call is the same as one per ring. */
    private Publisher<long[]> publisher(final TaskRing<long[]> tasks)
    {
        return new Publisher<>(tasks, null, runState, new PoolThreads(), "protocol", false);
    }

    private static ProducerGate gate(final ProducerType producerType, final TaskRing<long[]> tasks)
    {
        return producerType == ProducerType.SINGLE ?
            ProducerGate.single(BusySpinIdleStrategy::new, tasks) :
            ProducerGate.multi(BusySpinIdleStrategy::new, tasks);
    }

    private static long stateOf(final TaskRing<long[]> tasks, final long sequence)
    {
        return tasks.ring().get(sequence).stateAcquire();
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void shouldAcceptAPublishThatCommitsWhileRunning(final ProducerType producerType)
    {
        final TaskRing<long[]> tasks = ring(producerType);
        final ProducerGate gate = gate(producerType, tasks);
        final ProducerCell cell = gate.cell();
        final long hi = publisher(tasks).claim(cell, 1, 0);
        tasks.task(hi)[0] = 42;
        assertEquals(hi, publisher(tasks).commit(cell, hi, 1));
        assertEquals(TaskState.pack(hi, TaskState.PUBLISHED), stateOf(tasks, hi));
        assertEquals(ProducerCell.OPEN, cell.stateAcquire());
        assertEquals(1, gate.acceptedTotal());
        assertTrue(tasks.ring().isAvailable(hi));
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void shouldRejectAPublishWhoseShutdownBeganAfterItsClaim(final ProducerType producerType)
    {
        final TaskRing<long[]> tasks = ring(producerType);
        final ProducerGate gate = gate(producerType, tasks);
        final ProducerCell cell = gate.cell();
        final long hi = publisher(tasks).claim(cell, 2, 0);

        // The shutdown's first step lands between the claim and the commit.
        assertEquals(RunState.DRAINING, runState.leaveRunning(false));

        assertThrows(RejectedExecutionException.class, () -> publisher(tasks).commit(cell, hi, 2));
        assertEquals(TaskState.pack(hi - 1, TaskState.VOID), stateOf(tasks, hi - 1));
        assertEquals(TaskState.pack(hi, TaskState.VOID), stateOf(tasks, hi));
        assertTrue(tasks.ring().isAvailable(hi), "a rejected claim is still published, as void, so no worker stalls");
        assertEquals(ProducerCell.OPEN, cell.stateAcquire());
        assertEquals(0, gate.acceptedTotal());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void shouldNotWaitForATranslatingPublishButRejectIt(final ProducerType producerType)
    {
        final TaskRing<long[]> tasks = ring(producerType);
        final ProducerGate gate = gate(producerType, tasks);
        final ProducerCell cell = gate.cell();
        final long hi = publisher(tasks).claim(cell, 1, 0);

        // The shutdown starts while the translator runs: closing the cells does not wait for the translator.
        runState.leaveRunning(false);
        assertTrue(gate.closeAll(Thread.currentThread()).isEmpty());
        assertEquals(ProducerCell.CLOSED, cell.stateAcquire());

        assertThrows(RejectedExecutionException.class, () -> publisher(tasks).commit(cell, hi, 1));
        assertEquals(TaskState.pack(hi, TaskState.VOID), stateOf(tasks, hi));
        assertTrue(tasks.ring().isAvailable(hi), "the rejected slot is published");
        assertEquals(0, gate.acceptedTotal());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void shouldRejectAPublishThatWonItsCellAfterTheRunStateChanged(final ProducerType producerType)
    {
        final TaskRing<long[]> tasks = ring(producerType);
        final ProducerGate gate = gate(producerType, tasks);
        final ProducerCell cell = gate.cell();
        final long hi = publisher(tasks).claim(cell, 1, 0);
        runState.leaveRunning(true);
        // The cell is still open (the shutdown has not closed it yet), but the pool no longer runs.
        assertThrows(RejectedExecutionException.class, () -> publisher(tasks).commit(cell, hi, 1));
        assertEquals(ProducerCell.OPEN, cell.stateAcquire(), "the accepting window was left");
        assertEquals(0, gate.acceptedTotal());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void shouldWaitForAnAcceptingWindowWhateverTheDeadline(final ProducerType producerType) throws Exception
    {
        final ProducerGate gate = gate(producerType, ring(producerType));
        final ProducerCell cell = gate.cell();
        assertTrue(cell.tryAccept(), "the producer wins its cell: from here it runs engine code only");
        final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        final Thread shutdown = new Thread(() ->
        {
            gate.closeAll(Thread.currentThread());
            closed.set(true);
        });
        shutdown.start();
        shutdown.join(50);
        assertTrue(shutdown.isAlive() && !closed.get(), "the shutdown waits for the window");
        cell.acceptDone();
        shutdown.join(10_000);
        assertTrue(closed.get());
        assertEquals(ProducerCell.CLOSED, cell.stateAcquire());
        assertTrue(!cell.tryAccept(), "a closed cell accepts nothing");
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void shouldBearNewCellsClosedAfterTheShutdownClosedTheGate(final ProducerType producerType) throws Exception
    {
        final ProducerGate gate = gate(producerType, ring(producerType));
        gate.closeAll(Thread.currentThread());
        final ProducerCell[] late = new ProducerCell[1];
        final Thread producer = new Thread(() -> late[0] = gate.cell());
        producer.start();
        producer.join(10_000);
        assertEquals(ProducerCell.CLOSED, late[0].stateAcquire());
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void shouldCountAPublishAcceptedBeforeTheShutdown(final ProducerType producerType)
    {
        final TaskRing<long[]> tasks = ring(producerType);
        final ProducerGate gate = gate(producerType, tasks);
        final ProducerCell cell = gate.cell();
        publisher(tasks).commit(cell, publisher(tasks).claim(cell, 2, 0), 2);
        runState.leaveRunning(true);
        assertTrue(gate.closeAll(Thread.currentThread()).isEmpty());
        assertEquals(2, gate.acceptedTotal());
        assertThrows(RejectedExecutionException.class, () -> publisher(tasks).claim(cell, 1, 0), "no claim after the shutdown");
    }

    @Test
    void shouldPublishAsVoidWhenTheTranslatorFails()
    {
        final TaskRing<long[]> tasks = ring(ProducerType.SINGLE);
        final ProducerGate gate = gate(ProducerType.SINGLE, tasks);
        final ProducerCell cell = gate.cell();
        final long hi = publisher(tasks).claim(cell, 3, 0);
        publisher(tasks).abort(hi, 3);
        for (long s = hi - 2; s <= hi; s++)
        {
            assertEquals(TaskState.pack(s, TaskState.VOID), stateOf(tasks, s));
        }
        assertEquals(ProducerCell.OPEN, cell.stateAcquire());
        assertEquals(0, gate.acceptedTotal());
    }

    @Test
    void shouldReturnOnlyPublishedEntriesThatNoWorkerMarkedOrHoldsAndLetExactlyOneSideWinEach()
    {
        final TaskRing<long[]> tasks = ring(ProducerType.SINGLE);
        final ProducerGate gate = gate(ProducerType.SINGLE, tasks);
        final ProducerCell cell = gate.cell();
        for (int i = 0; i < 4; i++)
        {
            publisher(tasks).commit(cell, publisher(tasks).claim(cell, 1, 0), 1);
        }
        final TaskSlot<long[]> started = tasks.ring().get(1);
        assertTrue(started.casState(TaskState.pack(1, TaskState.PUBLISHED), TaskState.pack(1, TaskState.STARTED)));

        final java.util.List<io.ringpool.ReturnedTask<long[]>> returned = new java.util.ArrayList<>();
        final java.util.List<Long> cancelled = new java.util.ArrayList<>();
        tasks.settleUntaken(-1, tasks.ring().getCursor(), new long[]{ 3L }, returned, cancelled);
        assertTrue(cancelled.isEmpty());
        assertEquals(java.util.List.of(0L, 2L), returned.stream().map(io.ringpool.ReturnedTask::sequence).toList());

        final TaskSlot<long[]> lost = tasks.ring().get(2);
        assertTrue(!lost.casState(TaskState.pack(2, TaskState.PUBLISHED), TaskState.pack(2, TaskState.STARTED)),
            "a worker cannot start an entry the halt returned");
        assertTrue(tasks.isStarted(1));
    }

    @Test
    void shouldReturnEveryUnmarkedUnheldEntryOfAPoolWithoutCancellation()
    {
        final TaskRing<long[]> tasks = ring(ProducerType.SINGLE, false);
        final ProducerGate gate = gate(ProducerType.SINGLE, tasks);
        final ProducerCell cell = gate.cell();
        for (int i = 0; i < 5; i++)
        {
            publisher(tasks).commit(cell, publisher(tasks).claim(cell, 1, 0), 1);
        }
        publisher(tasks).abort(publisher(tasks).claim(cell, 1, 0), 1);
        assertEquals(TaskState.EMPTY, TaskState.statusOf(stateOf(tasks, 0)), "the producer leaves the entry alone");
        tasks.ring().get(1).markStarted(1);

        final java.util.List<io.ringpool.ReturnedTask<long[]>> returned = new java.util.ArrayList<>();
        final java.util.List<Long> cancelled = new java.util.ArrayList<>();
        tasks.settleUntaken(-1, tasks.ring().getCursor(), new long[]{ -1L, 4L }, returned, cancelled);
        assertEquals(java.util.List.of(0L, 2L, 3L), returned.stream().map(io.ringpool.ReturnedTask::sequence).toList(),
            "1 was marked, 4 is held by a frozen ticket, 5 is void");
        assertEquals(TaskState.pack(2, TaskState.RETURNED), stateOf(tasks, 2));
        returned.clear();
        tasks.settleUntaken(-1, tasks.ring().getCursor(), new long[0], returned, cancelled);
        assertEquals(java.util.List.of(4L), returned.stream().map(io.ringpool.ReturnedTask::sequence).toList(),
            "a second pass returns nothing twice");
        assertTrue(cancelled.isEmpty());
    }

    @Test
    void shouldNotLetAStaleSequenceChangeTheNewerTaskInTheSameSlot()
    {
        final TaskRing<long[]> tasks = ring(ProducerType.SINGLE);
        final ProducerGate gate = gate(ProducerType.SINGLE, tasks);
        final ProducerCell cell = gate.cell();
        // Fill one lap, consume it, then publish sequence 8 into slot 0.
        final com.lmax.disruptor.Sequence consumer = new com.lmax.disruptor.Sequence();
        tasks.ring().addGatingSequences(consumer);
        for (int i = 0; i < 9; i++)
        {
            consumer.set(i - 1);
            publisher(tasks).commit(cell, publisher(tasks).claim(cell, 1, 0), 1);
        }
        final TaskSlot<long[]> slot = tasks.ring().get(0);
        assertEquals(TaskState.pack(8, TaskState.PUBLISHED), slot.stateAcquire());
        assertTrue(!slot.casState(TaskState.pack(0, TaskState.PUBLISHED), TaskState.pack(0, TaskState.STARTED)),
            "sequence 0's handle must not start sequence 8");
        assertTrue(!tasks.isStarted(0));
    }
}
