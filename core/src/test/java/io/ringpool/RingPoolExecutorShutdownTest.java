package io.ringpool;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static io.ringpool.ExecutorFixtures.WAIT_S;
import static io.ringpool.ExecutorFixtures.await;
import static io.ringpool.ExecutorFixtures.builder;
import static io.ringpool.ExecutorFixtures.executor;
import static io.ringpool.ExecutorFixtures.hold;
import static io.ringpool.ExecutorFixtures.join;
import static io.ringpool.ExecutorFixtures.terminate;
import static io.ringpool.ExecutorFixtures.valueOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link RingPoolExecutor}'s life cycle: shutdown (drain), shutdownNow (halt) and what it returns,
 * awaitTermination, isShutdown, isTerminated and close.
 */
class RingPoolExecutorShutdownTest
{
    @Test
    void shouldMoveFromRunningToShutdownToTerminated() throws Exception
    {
        final RingPoolExecutor executor = executor("life", 2);
        try
        {
            assertFalse(executor.isShutdown());
            assertFalse(executor.isTerminated());
            assertFalse(executor.awaitTermination(1L, TimeUnit.MILLISECONDS), "not shut down: cannot terminate");
            executor.shutdown();
            assertTrue(executor.isShutdown());
            assertTrue(executor.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertTrue(executor.isTerminated());
            assertTrue(executor.awaitTermination(0L, TimeUnit.SECONDS), "terminated: no wait needed");
            executor.shutdown();
            assertTrue(executor.shutdownNow().isEmpty(), "a drained executor has nothing to hand back");
            assertTrue(executor.isTerminated());
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldRunEveryAcceptedTaskOnShutdownWithoutWaitingForThem() throws Exception
    {
        final RingPoolExecutor executor = executor("drain", 2);
        final CountDownLatch release = new CountDownLatch(1);
        try
        {
            final AtomicInteger ran = new AtomicInteger();
            final List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++)
            {
                executor.execute(() ->
                {
                    holdQuietly(release);
                    ran.incrementAndGet();
                });
            }
            // 2 held + 60 queued: the 64-entry ring never fills.
            for (int i = 0; i < 30; i++)
            {
                final int value = i;
                executor.execute(ran::incrementAndGet);
                futures.add(executor.submit(() -> value));
            }
            executor.shutdown();
            // shutdown() returned while both workers are still held: it did not wait for the tasks.
            assertTrue(executor.isShutdown());
            assertFalse(executor.isTerminated());
            assertFalse(executor.awaitTermination(20L, TimeUnit.MILLISECONDS));
            release.countDown();
            assertTrue(executor.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertEquals(32, ran.get());
            for (int i = 0; i < futures.size(); i++)
            {
                assertEquals(i, valueOf(futures.get(i)));
            }
        }
        finally
        {
            release.countDown();
            terminate(executor);
        }
    }

    @Test
    void shouldDrainOnAThreadNamedAfterTheExecutor() throws Exception
    {
        final List<String> made = Collections.synchronizedList(new ArrayList<>());
        final RingPoolExecutor executor = builder("drainer", 1).threadFactory(body ->
        {
            final Thread thread = ExecutorFixtures.DAEMON.newThread(body);
            made.add(thread.getName());
            return thread;
        }).build();
        executor.shutdown();
        assertTrue(executor.awaitTermination(WAIT_S, TimeUnit.SECONDS));
        // The factory names nothing; the executor renames: one worker, one drainer.
        assertEquals(2, made.size(), made::toString);
        terminate(executor);
    }

    @Test
    void shouldDrainOnTheCallerWhenTheFactoryGivesNoThread() throws Exception
    {
        final AtomicInteger made = new AtomicInteger();
        final RingPoolExecutor executor = builder("no-drainer", 1).threadFactory(body ->
            made.incrementAndGet() == 1 ? ExecutorFixtures.DAEMON.newThread(body) : null).build();
        final AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 10; i++)
        {
            executor.execute(ran::incrementAndGet);
        }
        executor.shutdown();
        assertTrue(executor.awaitTermination(WAIT_S, TimeUnit.SECONDS));
        assertEquals(10, ran.get());
    }

    @Test
    void shouldReturnExactlyTheNeverStartedTasksFromShutdownNowAndInterruptTheRunningOnes() throws Exception
    {
        final RingPoolExecutor executor = executor("halt", 2);
        final CountDownLatch release = new CountDownLatch(1);
        try
        {
            final AtomicInteger interrupted = new AtomicInteger();
            final CountDownLatch bothRunning = new CountDownLatch(2);
            final Set<Runnable> started =
                Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
            for (int i = 0; i < 2; i++)
            {
                executor.execute(() ->
                {
                    bothRunning.countDown();
                    try
                    {
                        hold(release);
                    }
                    catch (final InterruptedException ex)
                    {
                        interrupted.incrementAndGet();
                    }
                });
            }
            await(bothRunning, "both workers to be held");
            final List<Runnable> submitted = new ArrayList<>();
            for (int i = 0; i < 30; i++)
            {
                final Runnable[] self = new Runnable[1];
                self[0] = () -> started.add(self[0]);
                executor.execute(self[0]);
                submitted.add(self[0]);
                final AtomicReference<Future<?>> future = new AtomicReference<>();
                final CountDownLatch known = new CountDownLatch(1);
                future.set(executor.submit(() ->
                {
                    await(known, "the future's own reference");
                    started.add((Runnable)future.get());
                }));
                known.countDown();
                submitted.add((Runnable)future.get());
            }
            final List<Runnable> returned = executor.shutdownNow();
            assertTrue(executor.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertEquals(2, interrupted.get(), "both running tasks were interrupted");
            assertEquals(submitted.size(), started.size() + returned.size(), "started + returned == submitted");
            for (final Runnable task : returned)
            {
                assertFalse(started.contains(task), "a returned task never started");
            }
            final Set<Runnable> all = Collections.newSetFromMap(new IdentityHashMap<>());
            all.addAll(started);
            all.addAll(returned);
            assertEquals(submitted.size(), all.size());
            assertTrue(all.containsAll(submitted));
            // Returned in the order they were accepted.
            int last = -1;
            for (final Runnable task : returned)
            {
                final int at = indexOfIdentity(submitted, task);
                assertTrue(at > last, "returned in acceptance order");
                last = at;
            }
            for (final Runnable task : returned)
            {
                if (task instanceof Future)
                {
                    assertFalse(((Future<?>)task).isDone(), "a returned future stays not done, as with a TPE");
                }
            }
            assertTrue(executor.shutdownNow().isEmpty(), "a second shutdownNow has nothing left to return");
        }
        finally
        {
            release.countDown();
            terminate(executor);
        }
    }

    @Test
    void shouldNotTerminateWhileATaskThatIgnoresInterruptsStillRuns() throws Exception
    {
        final RingPoolExecutor executor = builder("stubborn", 1).interruptGrace(Duration.ofMillis(10)).build();
        final AtomicBoolean release = new AtomicBoolean();
        final CountDownLatch running = new CountDownLatch(1);
        final AtomicBoolean sawInterrupt = new AtomicBoolean();
        try
        {
            executor.execute(() ->
            {
                running.countDown();
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
                while (!release.get() && System.nanoTime() - deadline < 0)
                {
                    if (Thread.interrupted())
                    {
                        sawInterrupt.set(true);
                    }
                    Thread.onSpinWait();
                }
            });
            await(running, "the stubborn task");
            assertTrue(executor.shutdownNow().isEmpty());
            assertFalse(executor.awaitTermination(50L, TimeUnit.MILLISECONDS), "the stubborn task still runs");
            assertFalse(executor.isTerminated());
            release.set(true);
            assertTrue(executor.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertTrue(executor.isTerminated());
            assertTrue(sawInterrupt.get(), "shutdownNow interrupted the running task");
        }
        finally
        {
            release.set(true);
            terminate(executor);
        }
    }

    @Test
    void shouldAccountForEveryTaskWhenShutdownNowRacesProducers() throws Exception
    {
        for (int round = 0; round < 20; round++)
        {
            final RingPoolExecutor executor = builder("race-" + round, 2).ringSize(8).build();
            final AtomicLong started = new AtomicLong();
            final AtomicLong accepted = new AtomicLong();
            final AtomicLong rejected = new AtomicLong();
            final Runnable counting = started::incrementAndGet;
            final CountDownLatch go = new CountDownLatch(1);
            final List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < 2; p++)
            {
                final boolean submits = p == 1;
                final Thread producer = new Thread(() ->
                {
                    await(go, "the start");
                    for (int i = 0; i < 5_000; i++)
                    {
                        try
                        {
                            if (submits)
                            {
                                executor.submit(counting);
                            }
                            else
                            {
                                executor.execute(counting);
                            }
                            accepted.incrementAndGet();
                        }
                        catch (final RejectedExecutionException ex)
                        {
                            rejected.incrementAndGet();
                        }
                    }
                }, "producer-" + p);
                producers.add(producer);
                producer.start();
            }
            go.countDown();
            while (started.get() < 100L * round)
            {
                Thread.onSpinWait();
            }
            final List<Runnable> returned = executor.shutdownNow();
            for (final Thread producer : producers)
            {
                join(producer);
            }
            assertTrue(executor.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertEquals(10_000L, accepted.get() + rejected.get());
            assertEquals(accepted.get(), started.get() + returned.size(),
                () -> "round: started + returned == accepted; accepted " + accepted + ", started " + started +
                    ", returned " + returned.size());
        }
    }

    @Test
    void shouldRunEveryAcceptedTaskAndJoinOnClose()
    {
        final RingPoolExecutor executor = executor("close", 2);
        final AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 100; i++)
        {
            executor.execute(ran::incrementAndGet);
        }
        try (executor)
        {
            executor.execute(ran::incrementAndGet);
        }
        assertEquals(101, ran.get());
        assertTrue(executor.isTerminated());
        executor.close();
        assertTrue(executor.isTerminated());
    }

    @Test
    void shouldHaltAndKeepTheInterruptWhenCloseIsInterrupted() throws Exception
    {
        final RingPoolExecutor executor = executor("close-interrupted", 1);
        final CountDownLatch running = new CountDownLatch(1);
        final AtomicBoolean taskInterrupted = new AtomicBoolean();
        final AtomicBoolean closerStillInterrupted = new AtomicBoolean();
        final AtomicReference<List<Runnable>> afterClose = new AtomicReference<>();
        try
        {
            executor.execute(() ->
            {
                running.countDown();
                try
                {
                    hold(new CountDownLatch(1));
                }
                catch (final InterruptedException ex)
                {
                    taskInterrupted.set(true);
                }
            });
            final AtomicInteger queuedRan = new AtomicInteger();
            executor.execute(queuedRan::incrementAndGet);
            await(running, "the task that close waits for");
            final Thread closer = new Thread(() ->
            {
                executor.close();
                closerStillInterrupted.set(Thread.currentThread().isInterrupted());
                afterClose.set(executor.shutdownNow());
            }, "closer");
            closer.start();
            Fixtures.awaitTrue("close to shut the executor down", executor::isShutdown);
            closer.interrupt();
            join(closer);
            assertTrue(taskInterrupted.get(), "close's shutdownNow interrupted the running task");
            assertTrue(closerStillInterrupted.get(), "close re-asserts the caller's interrupt");
            assertTrue(executor.isTerminated());
            assertEquals(0, queuedRan.get(), "shutdownNow returned the queued task instead of running it");
            assertTrue(afterClose.get().isEmpty());
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldOnlyShutDownWhenClosedFromItsOwnWorker() throws Exception
    {
        final RingPoolExecutor executor = executor("close-from-worker", 1);
        try
        {
            final Future<Boolean> closedFromInside = executor.submit(() ->
            {
                executor.close();
                return executor.isShutdown();
            });
            assertTrue(valueOf(closedFromInside));
            assertTrue(executor.awaitTermination(WAIT_S, TimeUnit.SECONDS));
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldStopFromInsideATaskWithShutdownNow() throws Exception
    {
        final RingPoolExecutor executor = executor("halt-from-worker", 1);
        try
        {
            final AtomicReference<List<Runnable>> returned = new AtomicReference<>();
            final CountDownLatch queued = new CountDownLatch(1);
            final Runnable later = () -> { };
            executor.execute(() ->
            {
                await(queued, "the queued task");
                returned.set(executor.shutdownNow());
            });
            executor.execute(later);
            queued.countDown();
            assertTrue(executor.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertEquals(1, returned.get().size());
            assertSame(later, returned.get().get(0));
        }
        finally
        {
            terminate(executor);
        }
    }

    private static int indexOfIdentity(final List<Runnable> list, final Runnable task)
    {
        for (int i = 0; i < list.size(); i++)
        {
            if (list.get(i) == task)
            {
                return i;
            }
        }
        return -1;
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

    @Test
    void shouldCancelTheFuturesOfTasksAFailedPoolCouldNotRunWhenItIsShutDown() throws Exception
    {
        final RingPoolExecutor executor = ExecutorFixtures.builder("failed-then-closed", 1)
            .failureListener(new FailureListener<>()
            {
                @Override
                public void onTaskFailure(final Runnable task, final long sequence, final int workerId,
                    final Throwable cause)
                {
                }
            })
            .build();
        final CountDownLatch release = new CountDownLatch(1);
        executor.execute(() ->
        {
            try
            {
                hold(release);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            throw new InternalError("[expected in tests] fails the pool");
        });
        final Future<String> behind = executor.submit(() -> "never runs");
        release.countDown();
        executor.close();
        assertTrue(executor.isTerminated());
        assertThrows(CancellationException.class, () -> behind.get(WAIT_S, TimeUnit.SECONDS),
            "a task the failed pool could not run ends cancelled, not waited for for ever");
        assertTrue(behind.isCancelled());
    }
}
