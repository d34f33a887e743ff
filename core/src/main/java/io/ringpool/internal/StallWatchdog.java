package io.ringpool.internal;

import io.ringpool.StallListener;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples every worker's {@link WorkerTicket} a few times per stall threshold and reports a worker that has held one
 * task for the whole threshold (BUSY in its handler, or AWAITING_ROOM with its outcome waiting for a full result
 * ring) while the task ring has moved past that task.
 * <p>
 * It reads only what workers already write for their own protocol (the ticket word changes on every task), so
 * detection costs the workers nothing: no clock read, no extra store per task. The watchdog's own clock reads happen
 * on its thread, four times per threshold.
 */
final class StallWatchdog implements Runnable
{
    private static final System.Logger LOG = System.getLogger("io.ringpool");

    private final List<? extends Worker<?, ?>> workers;
    private final TaskRing<?> tasks;
    private final long thresholdNs;
    private final StallListener listener;
    private final AtomicLong stalls = new AtomicLong();
    private volatile boolean running = true;
    private volatile Thread thread;

    StallWatchdog(
        final List<? extends Worker<?, ?>> workers,
        final TaskRing<?> tasks,
        final long thresholdNs,
        final StallListener listener)
    {
        this.workers = workers;
        this.tasks = tasks;
        this.thresholdNs = thresholdNs;
        this.listener = listener;
    }

    long stalls()
    {
        return stalls.get();
    }

    void stop()
    {
        running = false;
        final Thread sampler = thread;
        if (null != sampler)
        {
            LockSupport.unpark(sampler);
        }
    }

    @Override
    public void run()
    {
        thread = Thread.currentThread();
        final int count = workers.size();
        final long[] lastWord = new long[count];
        final long[] lastTask = new long[count];
        final long[] since = new long[count];
        final boolean[] reported = new boolean[count];
        final long period = Math.max(1_000_000L, thresholdNs / 4);
        while (running)
        {
            LockSupport.parkNanos(this, period);
            final long now = System.nanoTime();
            final long cursor = tasks.ring().getCursor();
            for (int i = 0; i < count; i++)
            {
                final WorkerTicket ticket = workers.get(i).ticket();
                final long word = ticket.wordAcquire();
                final long task = ticket.heldBy(word);
                if (!holdsTask(word) || word != lastWord[i] || task != lastTask[i])
                {
                    lastWord[i] = word;
                    lastTask[i] = task;
                    since[i] = now;
                    reported[i] = false;
                }
                else if (!reported[i] && now - since[i] >= thresholdNs && cursor > task)
                {
                    reported[i] = true;
                    stalls.incrementAndGet();
                    report(i, task, now - since[i]);
                }
            }
        }
    }

    /** BUSY (its handler runs) or AWAITING_ROOM (its outcome waits for a full result ring): the task is held. */
    private static boolean holdsTask(final long word)
    {
        final int phase = WorkerTicket.phaseOf(word);
        return phase == WorkerTicket.BUSY || phase == WorkerTicket.AWAITING_ROOM;
    }

    private void report(final int workerId, final long task, final long stalledNs)
    {
        try
        {
            listener.onStall(workerId, task, stalledNs);
        }
        catch (final Throwable ex)
        {
            LOG.log(System.Logger.Level.WARNING, "stallListener threw; ignored", ex);
        }
    }
}
