package io.ringpool;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Executors, bounded waits and blocking tasks shared by the {@link RingPoolExecutor} tests. Every wait is bounded by
 * {@link #WAIT_S}; a test that hits the bound fails instead of hanging.
 */
final class ExecutorFixtures
{
    /** The bound of every wait in the executor tests, in seconds: generous, for a noisy 2-core machine. */
    static final long WAIT_S = 20L;

    /** Daemon threads, so a failed test that leaves an executor running cannot keep the test JVM alive. */
    static final ThreadFactory DAEMON = body ->
    {
        final Thread thread = new Thread(body);
        thread.setDaemon(true);
        return thread;
    };

    private ExecutorFixtures()
    {
    }

    /** A builder with the test defaults: daemon threads, a 64-entry ring, the default (blocking) waits. */
    static RingPoolExecutorBuilder builder(final String name, final int workers)
    {
        return RingPoolExecutor.builder().name(name).workers(workers).ringSize(64).threadFactory(DAEMON);
    }

    static RingPoolExecutor executor(final String name, final int workers)
    {
        return builder(name, workers).build();
    }

    /** Stops the executor (halt) and checks that it terminates in time: the clean-up of every test. */
    static void terminate(final RingPoolExecutor executor)
    {
        executor.shutdownNow();
        try
        {
            assertTrue(executor.awaitTermination(WAIT_S, TimeUnit.SECONDS), () -> executor + " did not terminate");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            fail("interrupted while terminating " + executor);
        }
    }

    /** Waits for a latch with the bound; fails the test if it is not released in time. */
    static void await(final CountDownLatch latch, final String what)
    {
        try
        {
            if (!latch.await(WAIT_S, TimeUnit.SECONDS))
            {
                fail("timed out after " + WAIT_S + " s waiting for " + what);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            fail("interrupted waiting for " + what);
        }
    }

    /**
     * Inside a task: waits for the latch with the bound, so no task can block for ever.
     *
     * @throws InterruptedException if the task's thread is interrupted meanwhile.
     */
    static void hold(final CountDownLatch release) throws InterruptedException
    {
        if (!release.await(WAIT_S, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("a test task was never released");
        }
    }

    /** A future's value, waiting with the bound. */
    static <T> T valueOf(final Future<T> future) throws ExecutionException, InterruptedException
    {
        try
        {
            return future.get(WAIT_S, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new AssertionError("a future did not complete within " + WAIT_S + " s", ex);
        }
    }

    /** Joins a thread with the bound; fails if it does not end. */
    static void join(final Thread thread)
    {
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(WAIT_S));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive())
        {
            fail("thread " + thread.getName() + " did not end within " + WAIT_S + " s");
        }
    }
}
