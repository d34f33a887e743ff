package io.ringpool;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ringpool.ExecutorFixtures.WAIT_S;
import static io.ringpool.ExecutorFixtures.await;
import static io.ringpool.ExecutorFixtures.executor;
import static io.ringpool.ExecutorFixtures.hold;
import static io.ringpool.ExecutorFixtures.terminate;
import static io.ringpool.ExecutorFixtures.valueOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cancelling {@link RingPoolExecutor} futures: before start (the pool's own cancel: the task never runs), while
 * running (cancel(false) lets it finish, cancel(true) interrupts it and nothing else), and the worker's interrupt
 * status between tasks.
 */
class RingPoolExecutorCancelTest
{
    @Test
    void shouldNeverRunATaskCancelledBeforeItStarted() throws Exception
    {
        final RingPoolExecutor executor = executor("cancel-unstarted", 1);
        final CountDownLatch release = new CountDownLatch(1);
        try
        {
            final CountDownLatch running = new CountDownLatch(1);
            executor.execute(() ->
            {
                running.countDown();
                holdQuietly(release);
            });
            await(running, "the task holding the only worker");
            final AtomicInteger ran = new AtomicInteger();
            final Future<Integer> cancelledQuietly = executor.submit(ran::incrementAndGet);
            final Future<Integer> cancelledLoudly = executor.submit(ran::incrementAndGet);
            final Future<String> after = executor.submit(() -> "after");
            assertTrue(cancelledQuietly.cancel(false));
            assertTrue(cancelledLoudly.cancel(true));
            for (final Future<Integer> future : List.of(cancelledQuietly, cancelledLoudly))
            {
                assertTrue(future.isCancelled());
                assertTrue(future.isDone());
                assertThrows(CancellationException.class, future::get);
                assertThrows(CancellationException.class, () -> future.get(1L, TimeUnit.SECONDS));
                assertFalse(future.cancel(false), "cancelling twice");
                assertFalse(future.cancel(true), "cancelling twice");
            }
            release.countDown();
            assertEquals("after", valueOf(after));
            executor.shutdown();
            assertTrue(executor.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertEquals(0, ran.get(), "a task cancelled before it started never runs");
        }
        finally
        {
            release.countDown();
            terminate(executor);
        }
    }

    @Test
    void shouldNotHandBackACancelledTaskOnShutdownNow()
    {
        final RingPoolExecutor executor = executor("cancel-then-halt", 1);
        final CountDownLatch release = new CountDownLatch(1);
        try
        {
            final CountDownLatch running = new CountDownLatch(1);
            executor.execute(() ->
            {
                running.countDown();
                holdQuietly(release);
            });
            await(running, "the task holding the only worker");
            final Future<?> cancelled = executor.submit(() -> { });
            final Future<?> kept = executor.submit(() -> { });
            assertTrue(cancelled.cancel(false));
            final List<Runnable> returned = executor.shutdownNow();
            assertEquals(1, returned.size(), returned::toString);
            assertSame(kept, returned.get(0));
        }
        finally
        {
            release.countDown();
            terminate(executor);
        }
    }

    @Test
    void shouldLetARunningTaskFinishUninterruptedOnCancelFalse() throws Exception
    {
        final RingPoolExecutor executor = executor("cancel-running-quietly", 1);
        final CountDownLatch release = new CountDownLatch(1);
        try
        {
            final CountDownLatch running = new CountDownLatch(1);
            final AtomicBoolean finished = new AtomicBoolean();
            final AtomicBoolean interrupted = new AtomicBoolean();
            final Future<String> future = executor.submit(() ->
            {
                running.countDown();
                try
                {
                    hold(release);
                    finished.set(true);
                }
                catch (final InterruptedException ex)
                {
                    interrupted.set(true);
                }
                return "dropped";
            });
            await(running, "the running task");
            assertTrue(future.cancel(false));
            assertTrue(future.isCancelled());
            assertTrue(future.isDone());
            assertThrows(CancellationException.class, future::get);
            release.countDown();
            assertEquals("next", valueOf(executor.submit(() -> "next")));
            assertTrue(finished.get(), "cancel(false) let the task run on");
            assertFalse(interrupted.get(), "cancel(false) never interrupts");
            assertThrows(CancellationException.class, future::get);
        }
        finally
        {
            release.countDown();
            terminate(executor);
        }
    }

    @Test
    void shouldInterruptOnlyTheCancelledTaskAndNotTheNextOneOnItsWorker() throws Exception
    {
        final RingPoolExecutor executor = executor("cancel-running-loudly", 1);
        try
        {
            final CountDownLatch running = new CountDownLatch(1);
            final AtomicBoolean interrupted = new AtomicBoolean();
            final Future<String> future = executor.submit(() ->
            {
                running.countDown();
                try
                {
                    hold(new CountDownLatch(1));
                }
                catch (final InterruptedException ex)
                {
                    interrupted.set(true);
                }
                return "dropped";
            });
            final Future<Boolean> next = executor.submit(() -> Thread.currentThread().isInterrupted());
            await(running, "the running task");
            assertTrue(future.cancel(true));
            assertTrue(future.isCancelled());
            assertThrows(CancellationException.class, future::get);
            assertFalse(valueOf(next), "the next task on the same worker sees no interrupt");
            assertTrue(interrupted.get(), "cancel(true) interrupted the running task");
        }
        finally
        {
            terminate(executor);
        }
    }

    /**
     * The race the runner-state protocol exists for: {@code cancel(true)} lands as the task ends, while the next task
     * is already queued behind it. However it falls, the next task on that worker must not see the interrupt.
     */
    @Test
    void shouldNeverLeaveACancellationInterruptForTheNextTask() throws Exception
    {
        final RingPoolExecutor executor = executor("cancel-race", 1);
        try
        {
            int interruptedNext = 0;
            int cancelled = 0;
            for (int i = 0; i < 3_000; i++)
            {
                final int taskSpins = i % 256;
                final AtomicBoolean started = new AtomicBoolean();
                final Future<?> racing = executor.submit(() ->
                {
                    started.set(true);
                    for (int s = 0; s < taskSpins; s++)
                    {
                        Thread.onSpinWait();
                    }
                });
                final Future<Boolean> next = executor.submit(() -> Thread.currentThread().isInterrupted());
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
                while (!started.get())
                {
                    assertTrue(System.nanoTime() - deadline < 0, "the racing task did not start");
                    Thread.onSpinWait();
                }
                for (int s = 0; s < (i * 7) % 256; s++)
                {
                    Thread.onSpinWait();
                }
                if (racing.cancel(true))
                {
                    cancelled++;
                }
                if (valueOf(next))
                {
                    interruptedNext++;
                }
            }
            assertEquals(0, interruptedNext, "next tasks that saw a stray interrupt (of " + cancelled +
                " cancels that won against a running task)");
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldClearAnInterruptATaskLeftBehind() throws Exception
    {
        final RingPoolExecutor executor = executor("self-interrupt", 1);
        final CountDownLatch release = new CountDownLatch(1);
        try
        {
            // Queue everything behind a held worker, so each check runs straight after the task before it,
            // without the wait for a new task in between (which could swallow the interrupt by itself).
            final CountDownLatch running = new CountDownLatch(1);
            executor.execute(() ->
            {
                running.countDown();
                holdQuietly(release);
            });
            await(running, "the task holding the only worker");
            executor.execute(() -> Thread.currentThread().interrupt());
            final Future<Boolean> afterExecuted = executor.submit(() -> Thread.currentThread().isInterrupted());
            executor.submit(() -> Thread.currentThread().interrupt());
            final Future<Boolean> afterSubmitted = executor.submit(() -> Thread.currentThread().isInterrupted());
            release.countDown();
            assertFalse(valueOf(afterExecuted), "an executed task's leftover interrupt reached the next task");
            assertFalse(valueOf(afterSubmitted), "a submitted task's leftover interrupt reached the next task");
        }
        finally
        {
            release.countDown();
            terminate(executor);
        }
    }

    @Test
    void shouldKeepCancelledFuturesConsistentUnderConcurrentCancels() throws Exception
    {
        final RingPoolExecutor executor = executor("cancel-concurrent", 2);
        try
        {
            for (int i = 0; i < 500; i++)
            {
                final AtomicInteger ran = new AtomicInteger();
                final Future<Integer> future = executor.submit(ran::incrementAndGet);
                final AtomicInteger wins = new AtomicInteger();
                final Thread other = new Thread(() ->
                {
                    if (future.cancel(true))
                    {
                        wins.incrementAndGet();
                    }
                });
                other.start();
                if (future.cancel(false))
                {
                    wins.incrementAndGet();
                }
                ExecutorFixtures.join(other);
                assertTrue(future.isDone());
                if (future.isCancelled())
                {
                    assertEquals(1, wins.get(), "exactly one cancel wins");
                    assertThrows(CancellationException.class, () -> valueOf(future));
                }
                else
                {
                    assertEquals(0, wins.get());
                    assertEquals(1, valueOf(future));
                }
            }
        }
        finally
        {
            terminate(executor);
        }
    }

    private static void holdQuietly(final CountDownLatch release)
    {
        try
        {
            hold(release);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
