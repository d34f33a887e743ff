package io.ringpool;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link RingPoolExecutor}: running tasks, null arguments, rejection, backpressure, failures, memory consistency,
 * the builder, and what {@code execute} allocates.
 */
class RingPoolExecutorTest
{
    @Test
    void shouldRunAnExecutedTask()
    {
        final RingPoolExecutor executor = executor("execute", 2);
        try
        {
            final CountDownLatch ran = new CountDownLatch(1);
            executor.execute(ran::countDown);
            await(ran, "the executed task");
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldCompleteSubmittedFuturesWithTheirResults() throws Exception
    {
        final RingPoolExecutor executor = executor("submit", 2);
        try
        {
            final Future<String> callable = executor.submit(() -> "called");
            final Future<?> runnable = executor.submit(() -> { });
            final Future<Integer> withResult = executor.submit(() -> { }, 42);
            assertEquals("called", valueOf(callable));
            assertNull(valueOf(runnable));
            assertEquals(42, valueOf(withResult));
            for (final Future<?> future : List.of(callable, runnable, withResult))
            {
                assertTrue(future.isDone());
                assertFalse(future.isCancelled());
                assertFalse(future.cancel(true), "a completed future cannot be cancelled");
                assertFalse(future.isCancelled());
            }
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldThrowNullPointerExceptionOnEveryNullArgument()
    {
        final RingPoolExecutor executor = executor("nulls", 1);
        final RingPoolExecutor keyed = builder("nulls-keyed", 1).keyed().build();
        try
        {
            final AtomicInteger ran = new AtomicInteger();
            final Callable<Integer> counting = ran::incrementAndGet;
            final List<Callable<Integer>> withNull = Arrays.asList(counting, null, counting);

            assertThrows(NullPointerException.class, () -> executor.execute(null));
            assertThrows(NullPointerException.class, () -> executor.submit((Runnable)null));
            assertThrows(NullPointerException.class, () -> executor.submit((Runnable)null, 1));
            assertThrows(NullPointerException.class, () -> executor.submit((Callable<Integer>)null));
            assertThrows(NullPointerException.class, () -> executor.invokeAll(null));
            assertThrows(NullPointerException.class, () -> executor.invokeAll(null, 1L, TimeUnit.SECONDS));
            assertThrows(NullPointerException.class, () -> executor.invokeAll(withNull));
            assertThrows(NullPointerException.class, () -> executor.invokeAll(withNull, WAIT_S, TimeUnit.SECONDS));
            assertThrows(NullPointerException.class, () -> executor.invokeAll(List.of(counting), 1L, null));
            assertThrows(NullPointerException.class, () -> executor.invokeAny(null));
            assertThrows(NullPointerException.class, () -> executor.invokeAny(null, 1L, TimeUnit.SECONDS));
            assertThrows(NullPointerException.class, () -> executor.invokeAny(withNull));
            assertThrows(NullPointerException.class, () -> executor.invokeAny(withNull, WAIT_S, TimeUnit.SECONDS));
            assertThrows(NullPointerException.class, () -> executor.invokeAny(List.of(counting), 1L, null));
            assertThrows(NullPointerException.class, () -> executor.awaitTermination(1L, null));
            assertThrows(NullPointerException.class, () -> keyed.execute(1L, null));
            assertThrows(NullPointerException.class, () -> keyed.submit(1L, (Callable<Integer>)null));
            final Future<Integer> future = executor.submit(counting);
            assertThrows(NullPointerException.class, () -> future.get(1L, null));

            executor.shutdown();
            assertTrue(executor.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            assertEquals(1, ran.get(), "a collection holding null must submit none of its tasks");
        }
        catch (final InterruptedException ex)
        {
            throw new AssertionError(ex);
        }
        finally
        {
            terminate(executor);
            terminate(keyed);
        }
    }

    @Test
    void shouldRejectEveryKindOfTaskAfterShutdown()
    {
        final RingPoolExecutor executor = builder("after-shutdown", 1).keyed().build();
        executor.shutdown();
        assertRejectsEverything(executor);
        terminate(executor);
        assertRejectsEverything(executor);
    }

    @Test
    void shouldRejectEveryKindOfTaskAfterShutdownNow()
    {
        final RingPoolExecutor executor = builder("after-shutdown-now", 1).keyed().build();
        executor.shutdownNow();
        assertRejectsEverything(executor);
        terminate(executor);
    }

    private static void assertRejectsEverything(final RingPoolExecutor executor)
    {
        final Callable<Integer> task = () -> 1;
        final RejectedExecutionException ex =
            assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
        assertTrue(ex.getMessage().contains("shut down"), ex::getMessage);
        assertThrows(RejectedExecutionException.class, () -> executor.execute(1L, () -> { }));
        assertThrows(RejectedExecutionException.class, () -> executor.submit(task));
        assertThrows(RejectedExecutionException.class, () -> executor.submit(1L, task));
        assertThrows(RejectedExecutionException.class, () -> executor.submit(() -> { }));
        assertThrows(RejectedExecutionException.class, () -> executor.submit(() -> { }, 1));
        assertThrows(RejectedExecutionException.class, () -> executor.invokeAll(List.of(task)));
        assertThrows(RejectedExecutionException.class, () -> executor.invokeAll(List.of(task), 1L, TimeUnit.SECONDS));
        assertThrows(RejectedExecutionException.class, () -> executor.invokeAny(List.of(task)));
        assertThrows(RejectedExecutionException.class, () -> executor.invokeAny(List.of(task), 1L, TimeUnit.SECONDS));
    }

    @Test
    void shouldRejectWhenTheRingStaysFullForTheOfferTimeout()
    {
        final RingPoolExecutor waiting =
            builder("full-ring", 1).ringSize(1).offerTimeout(Duration.ofMillis(50)).build();
        final RingPoolExecutor immediate = builder("full-ring-now", 1).ringSize(1).offerTimeout(Duration.ZERO).build();
        final CountDownLatch release = new CountDownLatch(1);
        try
        {
            for (final RingPoolExecutor executor : List.of(waiting, immediate))
            {
                final CountDownLatch started = new CountDownLatch(1);
                executor.execute(() ->
                {
                    started.countDown();
                    holdQuietly(release);
                });
                await(started, "the blocking task");
                // The running task still holds the ring's one entry.
                final RejectedExecutionException ex =
                    assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
                assertTrue(ex.getMessage().contains("stayed full"), ex::getMessage);
                assertThrows(RejectedExecutionException.class, () -> executor.submit(() -> 1));
                assertFalse(executor.isShutdown(), "a full ring rejects the task, not the executor");
            }
        }
        finally
        {
            release.countDown();
            terminate(waiting);
            terminate(immediate);
        }
    }

    @Test
    void shouldWaitForRoomWhileTheRingIsFull() throws Exception
    {
        final RingPoolExecutor executor = builder("backpressure", 1).ringSize(1).build();
        final CountDownLatch release = new CountDownLatch(1);
        try
        {
            final CountDownLatch started = new CountDownLatch(1);
            executor.execute(() ->
            {
                started.countDown();
                holdQuietly(release);
            });
            await(started, "the blocking task");
            final AtomicReference<Future<String>> second = new AtomicReference<>();
            final Thread producer = new Thread(() -> second.set(executor.submit(() -> "second")), "producer");
            producer.start();
            release.countDown();
            join(producer);
            assertEquals("second", valueOf(second.get()));
        }
        finally
        {
            release.countDown();
            terminate(executor);
        }
    }

    @Test
    void shouldRejectATaskWhoseProducerIsInterruptedWhileWaitingForRoom()
    {
        final RingPoolExecutor executor = builder("interrupted-producer", 1).ringSize(1).build();
        final CountDownLatch release = new CountDownLatch(1);
        try
        {
            final CountDownLatch started = new CountDownLatch(1);
            executor.execute(() ->
            {
                started.countDown();
                holdQuietly(release);
            });
            await(started, "the blocking task");
            Thread.currentThread().interrupt();
            assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
            assertTrue(Thread.interrupted(), "the producer's interrupt status stays set");
        }
        finally
        {
            release.countDown();
            terminate(executor);
        }
    }

    @Test
    void shouldKeepTheWorkerAliveAndTellTheListenerWhenAnExecutedTaskThrows()
    {
        final List<Runnable> failedTasks = Collections.synchronizedList(new ArrayList<>());
        final List<Throwable> causes = Collections.synchronizedList(new ArrayList<>());
        final FailureListener<Runnable> listener = (task, sequence, workerId, cause) ->
        {
            failedTasks.add(task);
            causes.add(cause);
        };
        final RingPoolExecutor executor = builder("throwing", 1).failureListener(listener).build();
        try
        {
            final IllegalStateException exception = new IllegalStateException("boom");
            final AssertionError error = new AssertionError("an Error from a task");
            final Runnable throwsException = () ->
            {
                throw exception;
            };
            final Runnable throwsError = () ->
            {
                throw error;
            };
            final AtomicReference<Thread> first = new AtomicReference<>();
            final AtomicReference<Thread> last = new AtomicReference<>();
            executor.execute(() -> first.set(Thread.currentThread()));
            executor.execute(throwsException);
            executor.execute(throwsError);
            final CountDownLatch ran = new CountDownLatch(1);
            executor.execute(() ->
            {
                last.set(Thread.currentThread());
                ran.countDown();
            });
            await(ran, "the task after the failures");
            assertSame(first.get(), last.get(), "the same worker thread ran the tasks before and after the failures");
            assertEquals(List.of(throwsException, throwsError), failedTasks);
            assertEquals(List.of(exception, error), causes);
            assertFalse(executor.isShutdown());
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldReportASubmittedTasksFailureThroughItsFutureOnly() throws Exception
    {
        final AtomicInteger listened = new AtomicInteger();
        final RingPoolExecutor executor =
            builder("failing-future", 1).failureListener((t, s, w, c) -> listened.incrementAndGet()).build();
        try
        {
            final IOException thrown = new IOException("checked");
            final Future<Object> future = executor.submit(() ->
            {
                throw thrown;
            });
            final ExecutionException ex = assertThrows(ExecutionException.class, () -> valueOf(future));
            assertSame(thrown, ex.getCause());
            assertTrue(future.isDone());
            assertFalse(future.isCancelled());
            final Future<?> errorFuture = executor.submit((Runnable)() ->
            {
                throw new AssertionError("error");
            });
            assertInstanceOf(AssertionError.class,
                assertThrows(ExecutionException.class, () -> valueOf(errorFuture)).getCause());
            assertEquals("after", valueOf(executor.submit(() -> "after")));
            assertEquals(0, listened.get(), "a submitted task's failure belongs to its future");
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldTimeOutAndBeInterruptedInGet() throws Exception
    {
        final RingPoolExecutor executor = executor("get-waits", 1);
        final CountDownLatch release = new CountDownLatch(1);
        try
        {
            final Future<String> future = executor.submit(() ->
            {
                hold(release);
                return "done";
            });
            assertThrows(TimeoutException.class, () -> future.get(0L, TimeUnit.SECONDS));
            assertThrows(TimeoutException.class, () -> future.get(10L, TimeUnit.MILLISECONDS));
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, future::get);
            assertFalse(Thread.currentThread().isInterrupted(), "InterruptedException clears the status");
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> future.get(WAIT_S, TimeUnit.SECONDS));
            assertFalse(future.isDone());
            release.countDown();
            assertEquals("done", valueOf(future));
        }
        finally
        {
            release.countDown();
            terminate(executor);
        }
    }

    @Test
    void shouldWakeEveryThreadWaitingInGet() throws Exception
    {
        final RingPoolExecutor executor = executor("many-waiters", 1);
        final CountDownLatch release = new CountDownLatch(1);
        try
        {
            final Future<String> future = executor.submit(() ->
            {
                hold(release);
                return "done";
            });
            final List<String> seen = Collections.synchronizedList(new ArrayList<>());
            final List<Thread> waiters = new ArrayList<>();
            for (int i = 0; i < 4; i++)
            {
                final boolean timed = i % 2 == 0;
                final Thread waiter = new Thread(() ->
                {
                    try
                    {
                        seen.add(timed ? future.get(WAIT_S, TimeUnit.SECONDS) : future.get());
                    }
                    catch (final Exception ex)
                    {
                        seen.add(ex.toString());
                    }
                }, "waiter-" + i);
                waiters.add(waiter);
                waiter.start();
            }
            release.countDown();
            for (final Thread waiter : waiters)
            {
                join(waiter);
            }
            assertEquals(List.of("done", "done", "done", "done"), seen);
        }
        finally
        {
            release.countDown();
            terminate(executor);
        }
    }

    /** Plain fields, written and read without synchronization of their own. */
    private static final class Box
    {
        int before;
        int seenInTask;
        int writtenInTask;
    }

    @Test
    void shouldOrderActionsBeforeSubmitBeforeTheTaskAndTheTaskBeforeGet() throws Exception
    {
        final RingPoolExecutor executor = executor("memory", 2);
        try
        {
            for (int i = 1; i <= 20_000; i++)
            {
                final Box box = new Box();
                box.before = i;
                final Future<Box> future = executor.submit(() ->
                {
                    box.seenInTask = box.before;
                    box.writtenInTask = box.before + 1;
                    return box;
                });
                final Box done = valueOf(future);
                assertEquals(i, done.seenInTask, "the task saw the write made before submit");
                assertEquals(i + 1, box.writtenInTask, "get() saw the task's write");
            }
            final Box executed = new Box();
            final CountDownLatch ran = new CountDownLatch(1);
            executed.before = 7;
            executor.execute(() ->
            {
                executed.seenInTask = executed.before;
                ran.countDown();
            });
            await(ran, "the executed task");
            assertEquals(7, executed.seenInTask);
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldHaveTheDocumentedDefaults()
    {
        final RingPoolExecutor executor = RingPoolExecutor.builder().threadFactory(ExecutorFixtures.DAEMON).build();
        try
        {
            assertEquals("ringpool-executor", executor.name());
            assertEquals(Runtime.getRuntime().availableProcessors(), executor.workers());
            assertEquals(1024, executor.ringSize());
            assertFalse(executor.isKeyed());
            assertFalse(executor.isShutdown());
            assertFalse(executor.isTerminated());
            assertTrue(executor.toString().contains("ringpool-executor"), executor::toString);
            final IllegalStateException ex =
                assertThrows(IllegalStateException.class, () -> executor.execute(1L, () -> { }));
            assertTrue(ex.getMessage().contains("keyed()"), ex::getMessage);
            assertThrows(IllegalStateException.class, () -> executor.workerFor(1L));
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldNameItsThreads() throws Exception
    {
        final RingPoolExecutor executor = executor("named", 2);
        try
        {
            final String worker = valueOf(executor.submit(() -> Thread.currentThread().getName()));
            assertTrue(worker.startsWith("named-worker-"), worker);
        }
        finally
        {
            terminate(executor);
        }
    }

    @Test
    void shouldRejectAnInvalidConfigurationNamingEachParameter()
    {
        final IllegalArgumentException own = assertThrows(IllegalArgumentException.class, () ->
            RingPoolExecutor.builder().offerTimeout(Duration.ofSeconds(-1)).threadFactory(null)
                .failureListener(null).build());
        assertTrue(own.getMessage().contains("offerTimeout"), own::getMessage);
        assertTrue(own.getMessage().contains("threadFactory"), own::getMessage);
        assertTrue(own.getMessage().contains("failureListener"), own::getMessage);

        final IllegalArgumentException pools = assertThrows(IllegalArgumentException.class, () ->
            RingPoolExecutor.builder().workers(0).ringSize(3).name(" ").threadFactory(ExecutorFixtures.DAEMON).build());
        assertTrue(pools.getMessage().contains("workers"), pools::getMessage);
        assertTrue(pools.getMessage().contains("ringSize"), pools::getMessage);
        assertTrue(pools.getMessage().contains("name"), pools::getMessage);

        final IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () ->
            RingPoolExecutor.builder().keyed().maxClaimBatch(4).threadFactory(ExecutorFixtures.DAEMON).build());
        assertTrue(batch.getMessage().contains("maxClaimBatch"), batch::getMessage);
    }

    @Test
    void shouldAllocateNothingInExecute() throws Exception
    {
        // Through reflection: the tests compile inside the io.ringpool module, which does not read java.management.
        final Object threads = Class.forName("java.lang.management.ManagementFactory")
            .getMethod("getThreadMXBean").invoke(null);
        final Class<?> allocationCounters = Class.forName("com.sun.management.ThreadMXBean");
        assumeTrue(allocationCounters.isInstance(threads), "needs per-thread allocation counters");
        assumeTrue((Boolean)allocationCounters.getMethod("isThreadAllocatedMemoryEnabled").invoke(threads));
        final Method allocated = allocationCounters.getMethod("getThreadAllocatedBytes", long.class);
        final RingPoolExecutor executor = builder("no-allocation", 1).keyed().ringSize(1024).build();
        try
        {
            final AtomicInteger ran = new AtomicInteger();
            final Runnable task = ran::incrementAndGet;
            final long self = Thread.currentThread().getId();
            final int rounds = 20_000;
            long perPlain = Long.MAX_VALUE;
            long perKeyed = Long.MAX_VALUE;
            // The first round warms up (class loading, JIT, the producer's cell and keyed argument); then the best of
            // a few rounds, since a deoptimization or the counter's own call may allocate once in a while.
            for (int attempt = 0; attempt < 6; attempt++)
            {
                final long start = (Long)allocated.invoke(threads, self);
                for (int i = 0; i < rounds; i++)
                {
                    executor.execute(task);
                }
                final long middle = (Long)allocated.invoke(threads, self);
                for (int i = 0; i < rounds; i++)
                {
                    executor.execute(i & 7, task);
                }
                final long end = (Long)allocated.invoke(threads, self);
                if (attempt > 0)
                {
                    perPlain = Math.min(perPlain, (middle - start) / rounds);
                    perKeyed = Math.min(perKeyed, (end - middle) / rounds);
                }
            }
            assertEquals(0L, perPlain, "bytes allocated per execute(Runnable)");
            assertEquals(0L, perKeyed, "bytes allocated per execute(key, Runnable)");
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
