package io.ringpool.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The pool's own threads: made by the user's (or the default) {@link ThreadFactory}, named after their role, and
 * known to the pool so that a call from one of them which would wait on itself is answered differently.
 */
final class PoolThreads
{
    private static final long JOIN_SLICE_MS = 1L;

    private volatile Thread[] threads = new Thread[0];

    /**
     * Makes a thread and registers it; does not start it.
     *
     * @param factory the thread factory.
     * @param name    the thread's name.
     * @param task    what it runs.
     * @return the new thread.
     * @throws IllegalStateException if the factory throws or returns null.
     */
    public synchronized Thread create(final ThreadFactory factory, final String name, final Runnable task)
    {
        final Thread thread;
        try
        {
            thread = factory.newThread(task);
        }
        catch (final RuntimeException | Error ex)
        {
            throw new IllegalStateException("threadFactory threw while making thread '" + name + "'", ex);
        }
        if (null == thread)
        {
            throw new IllegalStateException("threadFactory returned null for thread '" + name + "'");
        }
        thread.setName(name);
        final Thread[] grown = java.util.Arrays.copyOf(threads, threads.length + 1);
        grown[threads.length] = thread;
        threads = grown;
        return thread;
    }

    /**
     * Whether a thread is one of the pool's.
     *
     * @param thread a thread.
     * @return true for a pool thread.
     */
    public boolean contains(final Thread thread)
    {
        for (final Thread t : threads)
        {
            if (t == thread)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until the given threads have ended, except {@code caller}, which cannot wait for itself.
     *
     * @param which      the threads to wait for.
     * @param caller     the calling thread.
     * @param deadlineNs the {@link System#nanoTime()} to give up at.
     * @param giveUp     checked between waits: true abandons the wait early (a halt overtook a drain).
     * @return true if all of them ended.
     */
    static boolean awaitExit(
        final List<Thread> which, final Thread caller, final long deadlineNs, final BooleanSupplier giveUp)
    {
        boolean interrupted = false;
        try
        {
            for (final Thread thread : which)
            {
                while (thread != caller && thread.isAlive())
                {
                    if (System.nanoTime() - deadlineNs >= 0 || giveUp.getAsBoolean())
                    {
                        return false;
                    }
                    try
                    {
                        final long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
                        thread.join(Math.max(1L, Math.min(JOIN_SLICE_MS, leftMs)));
                    }
                    catch (final InterruptedException ex)
                    {
                        // A shutdown is bounded anyway: finish it, and give the caller its interrupt back after.
                        interrupted = true;
                    }
                }
            }
            return true;
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Interrupts each of the given threads that is still alive, except the caller.
     *
     * @param which  the threads.
     * @param caller the calling thread.
     * @return the names of the threads interrupted.
     */
    static List<String> interruptLive(final List<Thread> which, final Thread caller)
    {
        final List<String> names = new ArrayList<>();
        for (final Thread thread : which)
        {
            if (thread != caller && thread.isAlive())
            {
                thread.interrupt();
                names.add(thread.getName());
            }
        }
        return names;
    }
}
