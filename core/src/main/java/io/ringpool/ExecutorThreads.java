package io.ringpool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The thread factory a {@link RingPoolExecutor} gives its pool: makes each thread with the user's factory and keeps
 * it, so the executor can tell when every thread it ever ran a task on has ended. That, not the pool's report, is
 * what termination means: a halt may give up on a task that ignores its interrupt (the task is reported abandoned),
 * but the task still runs until its worker thread returns.
 * <p>
 * <b>Thread safety:</b> safe for concurrent use.
 */
final class ExecutorThreads implements ThreadFactory
{
    /** The default factory: platform threads, not daemon, as {@link RingPoolBuilder#threadFactory}'s default. */
    static final ThreadFactory PLATFORM = RingPoolBuilder.PlatformThreads.INSTANCE;

    private final ThreadFactory factory;
    private final List<Thread> made = new ArrayList<>();

    ExecutorThreads(final ThreadFactory factory)
    {
        this.factory = factory;
    }

    @Override
    public Thread newThread(final Runnable body)
    {
        final Thread thread = factory.newThread(body);
        if (null != thread)
        {
            synchronized (made)
            {
                made.add(thread);
            }
        }
        return thread;
    }

    /**
     * A thread made by the user's factory but not kept: the one that drains the pool after {@code shutdown()}.
     *
     * @param body what it runs.
     * @param name its name.
     * @return the thread, not started; or null if the factory refused.
     */
    Thread newUnkeptThread(final Runnable body, final String name)
    {
        final Thread thread = factory.newThread(body);
        if (null != thread)
        {
            thread.setName(name);
        }
        return thread;
    }

    /**
     * Whether the caller is one of the pool's threads.
     *
     * @return true if the calling thread was made by this factory.
     */
    boolean isPoolThread()
    {
        final Thread caller = Thread.currentThread();
        synchronized (made)
        {
            return made.contains(caller);
        }
    }

    /**
     * Whether every thread made so far has ended.
     *
     * @return true if none is alive.
     */
    boolean allEnded()
    {
        for (final Thread thread : snapshot())
        {
            if (thread.isAlive())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits for every thread made so far to end.
     *
     * @param deadline a {@link System#nanoTime()} deadline.
     * @return true if all ended by the deadline.
     * @throws InterruptedException if the caller is interrupted while it waits.
     */
    boolean joinAll(final long deadline) throws InterruptedException
    {
        for (final Thread thread : snapshot())
        {
            // timedJoin waits only for a positive timeout (join(0) would wait for ever).
            TimeUnit.NANOSECONDS.timedJoin(thread, deadline - System.nanoTime());
            if (thread.isAlive())
            {
                return false;
            }
        }
        return true;
    }

    private Thread[] snapshot()
    {
        synchronized (made)
        {
            return made.toArray(new Thread[0]);
        }
    }
}
