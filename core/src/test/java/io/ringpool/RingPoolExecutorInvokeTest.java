package io.ringpool;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.ringpool.ExecutorFixtures.WAIT_S;
import static io.ringpool.ExecutorFixtures.await;
import static io.ringpool.ExecutorFixtures.executor;
import static io.ringpool.ExecutorFixtures.hold;
import static io.ringpool.ExecutorFixtures.join;
import static io.ringpool.ExecutorFixtures.terminate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RingPoolExecutor#invokeAll} and {@link RingPoolExecutor#invokeAny}, with and without timeouts.
 */
class RingPoolExecutorInvokeTest
{
    @Test
    void shouldRunAllTasksAndReturnTheirDoneFuturesInOrder() throws Exception
    {
        final RingPoolExecutor executor = executor("invoke-all", 2);
        try
        {
            final IOException failure = new IOException("third");
            final List<Callable<String>> tasks = List.of(() -> "first", () -> "second", () ->
            {
                throw failure;
            }, () -> "fourth");
            final List<Future<String>> futures = executor.invokeAll(tasks);
            assertEquals(4, futures.size());
            for (final Future<String> future : futures)
            {
                assertTrue(future.isDone());
            }
            assertEquals("first", futures.get(0).get());
            assertEquals("second", futures.get(1).get());
            assertEquals(failure, assertThrows(ExecutionException.class, () -> futures.get(2).get()).getCause());
            assertEquals("fourth", futures.get(3).get());
            assertTrue(executor.invokeAll(List.<Callable<String>>of()).isEmpty());
            assertTrue(executor.invokeAll(List.<Callable<String>>of(), 1L, TimeUnit.SECONDS).isEmpty());
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldReturnCompletedAndCancelledFuturesWhenInvokeAllTimesOut() throws Exception
    {
        final RingPoolExecutor executor = executor("invoke-all-timeout", 2);
        final CountDownLatch never = new CountDownLatch(1);
        try
        {
            final AtomicInteger interrupted = new AtomicInteger();
            final Callable<String> blocked = () ->
            {
                try
                {
                    hold(never);
                }
                catch (final InterruptedException ex)
                {
                    interrupted.incrementAndGet();
                }
                return "blocked";
            };
            final List<Future<String>> futures =
                executor.invokeAll(List.of(() -> "quick", blocked), 100L, TimeUnit.MILLISECONDS);
            assertEquals("quick", futures.get(0).get());
            assertTrue(futures.get(1).isDone());
            assertTrue(futures.get(1).isCancelled());
            assertThrows(CancellationException.class, () -> futures.get(1).get());
            Fixtures.awaitTrue("the timed-out task to be interrupted", () -> interrupted.get() == 1);

            final List<Future<String>> none = executor.invokeAll(List.of(() -> "late"), 0L, TimeUnit.SECONDS);
            assertEquals(1, none.size());
            assertTrue(none.get(0).isDone(), "a zero timeout still returns every future done");
        }
        finally
        {
            never.countDown();
            terminate(executor);
        }
    }

    @Test
    void shouldCancelEveryTaskWhenInvokeAllIsInterrupted() throws Exception
    {
        final RingPoolExecutor executor = executor("invoke-all-interrupted", 1);
        final CountDownLatch running = new CountDownLatch(1);
        try
        {
            final AtomicReference<Throwable> thrown = new AtomicReference<>();
            final AtomicReference<List<Callable<String>>> tasks = new AtomicReference<>();
            final AtomicInteger ranSecond = new AtomicInteger();
            tasks.set(List.of(() ->
            {
                running.countDown();
                hold(new CountDownLatch(1));
                return "never";
            }, () -> "" + ranSecond.incrementAndGet()));
            final Thread caller = new Thread(() ->
            {
                try
                {
                    executor.invokeAll(tasks.get());
                }
                catch (final Throwable ex)
                {
                    thrown.set(ex);
                }
            }, "invoker");
            caller.start();
            await(running, "the first task");
            caller.interrupt();
            join(caller);
            assertInstanceOf(InterruptedException.class, thrown.get());
            assertEquals("after", ExecutorFixtures.valueOf(executor.submit(() -> "after")));
            assertEquals(0, ranSecond.get(), "the cancelled, unstarted task never ran");
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldReturnOneSuccessAndCancelTheRest() throws Exception
    {
        final RingPoolExecutor executor = executor("invoke-any", 2);
        final CountDownLatch never = new CountDownLatch(1);
        try
        {
            final AtomicInteger interrupted = new AtomicInteger();
            final AtomicInteger started = new AtomicInteger();
            final Callable<String> blocked = () ->
            {
                started.incrementAndGet();
                try
                {
                    hold(never);
                }
                catch (final InterruptedException ex)
                {
                    interrupted.incrementAndGet();
                }
                return "blocked";
            };
            final List<Callable<String>> tasks = new ArrayList<>();
            tasks.add(blocked);
            tasks.add(() -> "winner");
            for (int i = 0; i < 5; i++)
            {
                tasks.add(blocked);
            }
            assertEquals("winner", executor.invokeAny(tasks));
            // Every blocked task that started was interrupted; the others never start.
            Fixtures.awaitTrue("the losers to be interrupted", () -> interrupted.get() == started.get());
            assertEquals("timed-winner", executor.invokeAny(List.of(blocked, () -> "timed-winner"), WAIT_S,
                TimeUnit.SECONDS));
            Fixtures.awaitTrue("the losers to be interrupted", () -> interrupted.get() == started.get());
            assertEquals("after", ExecutorFixtures.valueOf(executor.submit(() -> "after")));
        }
        finally
        {
            never.countDown();
            terminate(executor);
        }
    }

    @Test
    void shouldSkipFailuresAndReturnTheSuccess() throws Exception
    {
        final RingPoolExecutor executor = executor("invoke-any-mixed", 1);
        try
        {
            final List<Callable<Integer>> tasks = List.of(() ->
            {
                throw new IOException("one");
            }, () ->
            {
                throw new IllegalStateException("two");
            }, () -> 3);
            assertEquals(3, executor.invokeAny(tasks));
            assertEquals(3, executor.invokeAny(tasks, WAIT_S, TimeUnit.SECONDS));
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldThrowExecutionExceptionWhenEveryTaskFails()
    {
        final RingPoolExecutor executor = executor("invoke-any-fails", 2);
        try
        {
            final List<Throwable> thrown = Collections.synchronizedList(new ArrayList<>());
            final List<Callable<String>> tasks = List.of(() ->
            {
                final IOException ex = new IOException("one");
                thrown.add(ex);
                throw ex;
            }, () ->
            {
                final IllegalStateException ex = new IllegalStateException("two");
                thrown.add(ex);
                throw ex;
            });
            final ExecutionException untimed = assertThrows(ExecutionException.class, () -> executor.invokeAny(tasks));
            assertTrue(thrown.contains(untimed.getCause()), untimed::toString);
            final ExecutionException timed =
                assertThrows(ExecutionException.class, () -> executor.invokeAny(tasks, WAIT_S, TimeUnit.SECONDS));
            assertTrue(thrown.contains(timed.getCause()), timed::toString);
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldTimeOutAndCancelEveryTaskWhenNoneSucceedsInTime() throws Exception
    {
        final RingPoolExecutor executor = executor("invoke-any-timeout", 2);
        final CountDownLatch never = new CountDownLatch(1);
        try
        {
            final AtomicInteger interrupted = new AtomicInteger();
            final AtomicInteger started = new AtomicInteger();
            final Callable<String> blocked = () ->
            {
                started.incrementAndGet();
                try
                {
                    hold(never);
                }
                catch (final InterruptedException ex)
                {
                    interrupted.incrementAndGet();
                }
                return "blocked";
            };
            assertThrows(TimeoutException.class,
                () -> executor.invokeAny(List.of(blocked, blocked, blocked), 50L, TimeUnit.MILLISECONDS));
            Fixtures.awaitTrue("the tasks to be interrupted", () -> interrupted.get() == started.get());
            assertThrows(TimeoutException.class, () -> executor.invokeAny(List.of(blocked), 0L, TimeUnit.SECONDS));
            assertEquals("after", ExecutorFixtures.valueOf(executor.submit(() -> "after")));
        }
        finally
        {
            never.countDown();
            terminate(executor);
        }
    }

    @Test
    void shouldRejectAnEmptyCollectionInInvokeAny()
    {
        final RingPoolExecutor executor = executor("invoke-any-empty", 1);
        try
        {
            assertThrows(IllegalArgumentException.class, () -> executor.invokeAny(List.<Callable<String>>of()));
            assertThrows(IllegalArgumentException.class,
                () -> executor.invokeAny(List.<Callable<String>>of(), 1L, TimeUnit.SECONDS));
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldThrowInterruptedExceptionWhenInvokeAnyIsInterrupted() throws Exception
    {
        final RingPoolExecutor executor = executor("invoke-any-interrupted", 1);
        final CountDownLatch running = new CountDownLatch(1);
        try
        {
            final AtomicReference<Throwable> thrown = new AtomicReference<>();
            final AtomicInteger interrupted = new AtomicInteger();
            final Callable<String> blocked = () ->
            {
                running.countDown();
                try
                {
                    hold(new CountDownLatch(1));
                }
                catch (final InterruptedException ex)
                {
                    interrupted.incrementAndGet();
                }
                return "never";
            };
            final Thread caller = new Thread(() ->
            {
                try
                {
                    executor.invokeAny(List.of(blocked));
                }
                catch (final Throwable ex)
                {
                    thrown.set(ex);
                }
            }, "invoker");
            caller.start();
            await(running, "the task");
            caller.interrupt();
            join(caller);
            assertInstanceOf(InterruptedException.class, thrown.get());
            Fixtures.awaitTrue("the task to be interrupted", () -> interrupted.get() == 1);
            assertFalse(executor.isShutdown());
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldKeepTheTimeoutOfATimedInvokeWhileTheRingIsFull() throws Exception
    {
        // One worker holding the only entry of a ring of 1: every invoked task waits for room, and the offer timeout
        // (5 s) is far longer than the invoke's (100 ms): the invoke must end by its own timeout.
        final RingPoolExecutor executor = ExecutorFixtures.builder("invoke-full", 1)
            .ringSize(1)
            .offerTimeout(java.time.Duration.ofSeconds(5))
            .build();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch never = new CountDownLatch(1);
        try
        {
            executor.execute(() ->
            {
                started.countDown();
                try
                {
                    hold(never);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            });
            await(started, "the worker to hold the first task");
            final long begun = System.nanoTime();
            final List<Future<String>> futures =
                executor.invokeAll(List.of(() -> "a", () -> "b"), 100L, TimeUnit.MILLISECONDS);
            assertTrue(futures.stream().allMatch(Future::isCancelled), "none could be submitted in time");
            assertThrows(java.util.concurrent.TimeoutException.class,
                () -> executor.invokeAny(List.of(() -> "c"), 100L, TimeUnit.MILLISECONDS));
            final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
            assertTrue(tookMs < 4_000, "the invokes took " + tookMs + " ms: they waited out the offer timeout");
        }
        finally
        {
            never.countDown();
            terminate(executor);
        }
    }
}
