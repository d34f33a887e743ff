package io.ringpool.bench.contender;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Makes the named daemon threads of one contender and remembers them, so that its stop can check they all ended.
 * Daemon, because a run that fails mid-burst must not keep its forked JVM alive.
 * <p>
 * Also an {@link Executor} that runs each command on a new such thread: what Disruptor 3's {@code WorkerPool.start}
 * wants. Public for the fire-and-forget benchmark, whose two pools make their threads the same way.
 * <p>
 * <b>Thread safety:</b> safe for concurrent use; {@link #joinAll} is meant for after the threads were told to stop.
 */
public final class DaemonThreads implements ThreadFactory, Executor
{
    private final String prefix;
    private final List<Thread> threads = new ArrayList<>();

    /**
     * A factory whose threads are named {@code prefix-0}, {@code prefix-1}, ...
     *
     * @param prefix the name prefix.
     */
    public DaemonThreads(final String prefix)
    {
        this.prefix = prefix;
    }

    @Override
    public synchronized Thread newThread(final Runnable task)
    {
        final Thread thread = new Thread(task, prefix + '-' + threads.size());
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    @Override
    public void execute(final Runnable command)
    {
        newThread(command).start();
    }

    /**
     * Waits for every thread made so far to end.
     *
     * @param timeoutNs how long to wait for all of them together.
     * @throws IllegalStateException if one is still alive at the deadline, or the caller is interrupted.
     */
    public void joinAll(final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        final List<Thread> made;
        synchronized (this)
        {
            made = new ArrayList<>(threads);
        }
        for (final Thread thread : made)
        {
            try
            {
                TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1L, deadlineNs - System.nanoTime()));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while joining " + thread.getName(), ex);
            }
            if (thread.isAlive())
            {
                throw new IllegalStateException(thread.getName() + " did not stop within " +
                    timeoutNs / 1_000_000L + " ms");
            }
        }
    }
}
