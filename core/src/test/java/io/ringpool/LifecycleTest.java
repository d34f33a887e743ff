package io.ringpool;

import io.ringpool.Fixtures.Result;
import io.ringpool.Fixtures.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.ringpool.Fixtures.VALUE;
import static io.ringpool.Fixtures.assertBalanced;
import static io.ringpool.Fixtures.awaitTrue;
import static io.ringpool.Fixtures.join;
import static io.ringpool.Fixtures.yielding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleTest
{
    private static RingPool<Task, Result> doubling(final String name, final int workers)
    {
        return yielding(name, workers, 64)
            .handler((task, result, context) -> result.value = task.value * 2)
            .pollResults()
            .build();
    }

    @Test
    void shouldMoveFromNewToRunningToTerminatedOnDrain()
    {
        final RingPool<Task, Result> pool = doubling("lifecycle", 2);
        assertEquals(PoolState.NEW, pool.state());
        pool.start();
        assertEquals(PoolState.RUNNING, pool.state());
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(10));
        assertEquals(PoolState.TERMINATED, pool.state());
        assertEquals(PoolState.TERMINATED, report.finalState());
        assertTrue(report.drained());
        assertSame(report, pool.report().orElseThrow());
    }

    @Test
    void shouldRejectASecondStart()
    {
        final RingPool<Task, Result> pool = doubling("twice", 1);
        pool.start();
        try
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class, pool::start);
            assertTrue(ex.getMessage().contains("already started"), ex::getMessage);
        }
        finally
        {
            pool.halt(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldRejectStartAfterTermination()
    {
        final RingPool<Task, Result> pool = doubling("restart", 1);
        pool.start();
        pool.drain(Duration.ofSeconds(5));
        final IllegalStateException ex = assertThrows(IllegalStateException.class, pool::start);
        assertTrue(ex.getMessage().contains("cannot be restarted"), ex::getMessage);
    }

    @Test
    void shouldTerminateCleanlyWhenHaltedBeforeStart()
    {
        final RingPool<Task, Result> pool = doubling("never-started", 2);
        final ShutdownReport<Task, Result> report = pool.halt(Duration.ZERO);
        assertEquals(PoolState.TERMINATED, pool.state());
        assertEquals(0, report.published());
        assertBalanced(report);
        assertThrows(IllegalStateException.class, pool::start);
        assertThrows(RejectedExecutionException.class, () -> pool.publish(VALUE, 1L));
    }

    @Test
    void shouldRejectPublishingBeforeStart()
    {
        final RingPool<Task, Result> pool = doubling("not-yet", 1);
        final RejectedExecutionException ex =
            assertThrows(RejectedExecutionException.class, () -> pool.publish(VALUE, 1L));
        assertTrue(ex.getMessage().contains("NEW"), ex::getMessage);
        pool.halt(Duration.ZERO);
    }

    @Test
    void shouldRejectPublishingAfterShutdown()
    {
        final RingPool<Task, Result> pool = doubling("after", 1);
        pool.start();
        pool.drain(Duration.ofSeconds(5));
        final RejectedExecutionException ex =
            assertThrows(RejectedExecutionException.class, () -> pool.tryPublish(VALUE, 1L));
        assertTrue(ex.getMessage().contains("TERMINATED"), ex::getMessage);
    }

    @Test
    void shouldReturnTheSameReportToRepeatedCallers()
    {
        final RingPool<Task, Result> pool = doubling("repeat", 1);
        pool.start();
        final ShutdownReport<Task, Result> first = pool.drain(Duration.ofSeconds(5));
        assertSame(first, pool.halt(Duration.ofSeconds(5)));
        assertSame(first, pool.drain(Duration.ZERO));
        pool.close();
        assertSame(first, pool.report().orElseThrow());
    }

    @Test
    void shouldReturnTheSameReportToConcurrentCallers() throws Exception
    {
        final RingPool<Task, Result> pool = yielding("concurrent", 2, 64)
            .handler((task, result, context) -> result.value = task.value * 2)
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .build();
        pool.start();
        for (int i = 0; i < 100; i++)
        {
            pool.publish(VALUE, (long)i);
        }
        final int callers = 4;
        final CyclicBarrier go = new CyclicBarrier(callers);
        final List<Thread> threads = new ArrayList<>();
        final AtomicReference<ShutdownReport<Task, Result>>[] seen = newReferences(callers);
        for (int i = 0; i < callers; i++)
        {
            final int index = i;
            final Thread thread = new Thread(() ->
            {
                try
                {
                    go.await(10, TimeUnit.SECONDS);
                    seen[index].set(index % 2 == 0 ? pool.drain(Duration.ofSeconds(10)) :
                        pool.halt(Duration.ofSeconds(10)));
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
            });
            threads.add(thread);
            thread.start();
        }
        threads.forEach(Fixtures::join);
        for (int i = 1; i < callers; i++)
        {
            assertSame(seen[0].get(), seen[i].get());
        }
        assertBalanced(seen[0].get());
        assertEquals(100, seen[0].get().published());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <V> AtomicReference<V>[] newReferences(final int count)
    {
        final AtomicReference<V>[] references = new AtomicReference[count];
        for (int i = 0; i < count; i++)
        {
            references[i] = new AtomicReference<>();
        }
        return references;
    }

    @Test
    void shouldLetAHaltOvertakeALongDrain() throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        final RingPool<Task, Result> pool = yielding("overtake", 1, 16)
            .handler((task, result, context) -> release.await(30, TimeUnit.SECONDS))
            .pollResults()
            .build();
        pool.start();
        for (int i = 0; i < 8; i++)
        {
            pool.publish(VALUE, (long)i);
        }
        final AtomicReference<ShutdownReport<Task, Result>> drained = new AtomicReference<>();
        final Thread drainer = new Thread(() -> drained.set(pool.drain(Duration.ofSeconds(30))));
        drainer.start();
        awaitTrue("drain in progress", () -> pool.state() == PoolState.DRAINING);

        final long started = System.nanoTime();
        final ShutdownReport<Task, Result> halted = pool.halt(Duration.ofMillis(50));
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        join(drainer);

        assertSame(halted, drained.get());
        assertFalse(halted.drained());
        assertTrue(tookMs < 10_000, "halt took " + tookMs + " ms, the drain's 30 s should not apply");
        assertTrue(halted.returned() > 0, halted::toString);
        assertBalanced(halted);
        release.countDown();
    }

    @Test
    void shouldDrainWithCloseUsingTheCloseTimeout()
    {
        final AtomicInteger done = new AtomicInteger();
        final RingPool<Task, Result> pool = yielding("close", 2, 64)
            .handler((task, result, context) -> done.incrementAndGet())
            .pollResults()
            .closeTimeout(Duration.ofSeconds(10))
            .build();
        pool.start();
        final AtomicInteger polled = new AtomicInteger();
        for (int i = 0; i < 500; i++)
        {
            pool.publish(VALUE, (long)i);
            pool.resultPoller().poll((outcome, endOfBatch) -> polled.incrementAndGet() > 0);
        }
        awaitTrue("every outcome polled", () ->
        {
            pool.resultPoller().poll((outcome, endOfBatch) -> polled.incrementAndGet() > 0);
            return polled.get() == 500;
        });
        pool.close();
        assertEquals(500, done.get());
        final ShutdownReport<Task, Result> report = pool.report().orElseThrow();
        assertTrue(report.drained());
        assertEquals(500, report.completed());
    }

    @Test
    void shouldThrowFromCloseWithTheReportWhenTheDrainFallsBackToAHalt()
    {
        final CountDownLatch release = new CountDownLatch(1);
        final RingPool<Task, Result> pool = yielding("close-late", 1, 16)
            .handler((task, result, context) -> release.await(10, TimeUnit.SECONDS))
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .closeTimeout(Duration.ofMillis(50))
            .interruptGrace(Duration.ofMillis(50))
            .build();
        pool.start();
        for (long i = 0; i < 4; i++)
        {
            pool.publish(VALUE, i);
        }
        final IncompleteShutdownException thrown = assertThrows(IncompleteShutdownException.class, pool::close);
        release.countDown();
        final ShutdownReport<?, ?> report = thrown.report();
        assertSame(pool.report().orElseThrow(), report);
        assertFalse(report.drained());
        assertEquals(4, report.published());
        assertTrue(report.returned() > 0, report::toString);
        assertBalanced(report);
        assertTrue(thrown.getMessage().contains("did not finish in time"), thrown.getMessage());
    }

    @Test
    void shouldCloseQuietlyWithAZeroCloseTimeoutWhenNothingIsLeft()
    {
        final AtomicInteger delivered = new AtomicInteger();
        final RingPool<Task, Result> pool = yielding("close-zero", 2, 16)
            .handler((task, result, context) -> result.value = task.value)
            .resultHandler((outcome, endOfBatch) -> delivered.incrementAndGet())
            .closeTimeout(Duration.ZERO)
            .interruptGrace(Duration.ZERO)
            .build();
        pool.start();
        for (long i = 0; i < 5; i++)
        {
            pool.publish(VALUE, i);
        }
        awaitTrue("every outcome delivered", () -> delivered.get() == 5);
        pool.close();
        final ShutdownReport<Task, Result> report = pool.report().orElseThrow();
        assertEquals(5, report.completed());
        assertEquals(0, report.returned() + report.abandoned() + report.undelivered(), report::toString);
        assertBalanced(report);
    }

    @Test
    void shouldThrowFromCloseWhenOutcomesAreLeftUndelivered()
    {
        final RingPool<Task, Result> pool = yielding("close-unread", 1, 16)
            .handler((task, result, context) -> result.value = task.value)
            .pollResults()
            .build();
        pool.start();
        for (long i = 0; i < 3; i++)
        {
            pool.publish(VALUE, i);
        }
        final IncompleteShutdownException thrown = assertThrows(IncompleteShutdownException.class, pool::close);
        assertTrue(thrown.report().drained(), "every task ran");
        assertEquals(3, thrown.report().undelivered(), "nobody polled: the outcomes are listed, not lost");
    }

    @Test
    void shouldCloseQuietlyAfterAnExplicitHaltOrDrain()
    {
        final RingPool<Task, Result> halted = yielding("close-after-halt", 1, 16)
            .handler((task, result, context) ->
            {
            })
            .pollResults()
            .build();
        halted.start();
        halted.publish(VALUE, 1L);
        final ShutdownReport<Task, Result> report = halted.halt(Duration.ZERO);
        halted.close();
        assertSame(report, halted.report().orElseThrow());

        final RingPool<Task, Result> neverStarted = yielding("close-new", 1, 16)
            .handler((task, result, context) ->
            {
            })
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .build();
        neverStarted.close();
        assertEquals(PoolState.TERMINATED, neverStarted.state());
    }

    @Test
    void shouldThrowFromCloseWhenThePoolFailed()
    {
        final RingPool<Task, Result> pool = yielding("close-failed", 1, 16)
            .handler((task, result, context) ->
            {
                throw new OutOfMemoryError("injected: expected by this test");
            })
            .failureListener(new Fixtures.RecordingListener())
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .build();
        pool.start();
        pool.publish(VALUE, 1L);
        awaitTrue("the pool fails", () -> pool.state() == PoolState.FAILED);
        final IncompleteShutdownException thrown = assertThrows(IncompleteShutdownException.class, pool::close);
        assertEquals(PoolState.FAILED, thrown.report().finalState());
        assertInstanceOf(OutOfMemoryError.class, thrown.getCause());
    }

    @Test
    void shouldRejectANegativeOrNullTimeout()
    {
        final RingPool<Task, Result> pool = doubling("timeouts", 1);
        assertThrows(IllegalArgumentException.class, () -> pool.drain(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> pool.halt(null));
        assertEquals(PoolState.NEW, pool.state());
        pool.halt(Duration.ZERO);
    }

    @Test
    void shouldJoinEveryPoolThreadOnDrain()
    {
        final List<Thread> made = new ArrayList<>();
        final RingPool<Task, Result> pool = yielding("joined", 3, 16)
            .handler((task, result, context) -> result.value = task.value)
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .threadFactory(task ->
            {
                final Thread thread = new Thread(task);
                synchronized (made)
                {
                    made.add(thread);
                }
                return thread;
            })
            .build();
        pool.start();
        pool.publish(VALUE, 1L);
        pool.drain(Duration.ofSeconds(10));
        assertEquals(5, made.size());
        for (final Thread thread : made)
        {
            assertFalse(thread.isAlive(), thread.getName());
        }
        assertEquals(
            List.of("joined-worker-0", "joined-worker-1", "joined-worker-2", "joined-results", "joined-watchdog"),
            made.stream().map(Thread::getName).toList());
    }
}
