package io.ringpool.internal;

import io.ringpool.StallListener;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The pool's sampler thread ({@code <name>-watchdog}). It samples every worker's {@link WorkerTicket} once per period
 * (a quarter of the stall threshold, or the counters file's period if that is shorter), reports a worker that has held
 * one task for the whole threshold (BUSY in its handler, or AWAITING_ROOM with its outcome waiting for a full result
 * ring) while the task ring has moved past that task, keeps when each worker began holding its task (for the
 * metrics' held time), and refreshes the counters file if the pool has one.
 * <p>
 * It reads only what workers already write for their own protocol (the ticket word changes on every task), so
 * detection costs the workers nothing: no clock read, no extra store per task. The watchdog's own clock reads happen
 * on its thread, four times per threshold.
 */
final class StallWatchdog implements Runnable
{
    private static final System.Logger LOG = System.getLogger("io.ringpool");
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(long[].class);

    private final List<? extends Worker<?, ?>> workers;
    private final TaskRing<?> tasks;
    private final long thresholdNs;
    private final StallListener listener;
    private final long periodNs;
    private final AtomicLong stalls = new AtomicLong();
    /** Per worker: the ticket word the sampler last saw, and when it first saw it; written only by the sampler. */
    private final long[] lastWord;
    private final long[] since;
    private volatile CountersFile countersFile;
    private final String poolName;
    private final ProducerGate gate;
    /** The sampler's own scratch for the rejected-publishes event, and the counts it saw last. */
    private final long[] producerCounts = new long[Sample.POOL_LENGTH];
    private long lastNotRunning;
    private long lastInterrupted;
    private long lastTranslatorFailures;
    private long lastRejectedAt;
    private volatile boolean running = true;
    private volatile Thread thread;

    StallWatchdog(
        final List<? extends Worker<?, ?>> workers,
        final TaskRing<?> tasks,
        final long thresholdNs,
        final StallListener listener,
        final long periodNs,
        final String poolName,
        final ProducerGate gate)
    {
        this.poolName = poolName;
        this.gate = gate;
        this.workers = workers;
        this.tasks = tasks;
        this.thresholdNs = thresholdNs;
        this.listener = listener;
        this.periodNs = periodNs;
        this.lastWord = new long[workers.size()];
        this.since = new long[workers.size()];
        java.util.Arrays.fill(lastWord, -1L);
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
        final long[] lastTask = new long[count];
        final boolean[] reported = new boolean[count];
        while (running)
        {
            LockSupport.parkNanos(this, periodNs);
            final long now = System.nanoTime();
            final long cursor = tasks.ring().getCursor();
            for (int i = 0; i < count; i++)
            {
                final WorkerTicket ticket = workers.get(i).ticket();
                final long word = ticket.wordAcquire();
                final long task = ticket.heldBy(word);
                if (!holdsTask(word) || word != (long)ELEMENT.getOpaque(lastWord, i) || task != lastTask[i])
                {
                    ELEMENT.setOpaque(since, i, now);
                    ELEMENT.setRelease(lastWord, i, word);
                    lastTask[i] = task;
                    reported[i] = false;
                }
                else if (thresholdNs > 0 && !reported[i] && now - (long)ELEMENT.getOpaque(since, i) >= thresholdNs &&
                    cursor > task)
                {
                    reported[i] = true;
                    stalls.incrementAndGet();
                    report(i, task, now - (long)ELEMENT.getOpaque(since, i));
                    PoolEvents.stall(poolName, i, task, now - (long)ELEMENT.getOpaque(since, i));
                }
            }
            final CountersFile file = countersFile;
            if (null != file)
            {
                file.update();
            }
            if (PoolEvents.rejectedEnabled())
            {
                rejectedBurst(now);
            }
        }
    }

    /**
     * How long a worker has held the task of a ticket word, as this sampler saw it: from the first sample that saw
     * the word.
     *
     * @param workerId the worker.
     * @param word     the worker's ticket word, read by the caller.
     * @param now      a {@link System#nanoTime()} reading.
     * @return nanoseconds; 0 if no sample has seen the word yet.
     */
    long heldNanos(final int workerId, final long word, final long now)
    {
        if ((long)ELEMENT.getAcquire(lastWord, workerId) != word)
        {
            return 0L;
        }
        return Math.max(0L, now - (long)ELEMENT.getOpaque(since, workerId));
    }

    /**
     * Attaches the counters file this sampler refreshes on every sample.
     *
     * @param file the file, or null.
     */
    void countersFile(final CountersFile file)
    {
        this.countersFile = file;
    }

    /** Emits a JFR event if publishes were refused since the last sample; only while that event is enabled. */
    private void rejectedBurst(final long now)
    {
        java.util.Arrays.fill(producerCounts, 0L);
        gate.addCountsTo(producerCounts);
        final long notRunning = producerCounts[Sample.REJECTED_NOT_RUNNING];
        final long interrupted = producerCounts[Sample.REJECTED_INTERRUPTED];
        final long translator = producerCounts[Sample.TRANSLATOR_FAILURES];
        if (lastRejectedAt != 0 && (notRunning > lastNotRunning || interrupted > lastInterrupted ||
            translator > lastTranslatorFailures))
        {
            PoolEvents.rejected(poolName, notRunning - lastNotRunning, interrupted - lastInterrupted,
                translator - lastTranslatorFailures, now - lastRejectedAt);
        }
        lastNotRunning = notRunning;
        lastInterrupted = interrupted;
        lastTranslatorFailures = translator;
        lastRejectedAt = now;
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
