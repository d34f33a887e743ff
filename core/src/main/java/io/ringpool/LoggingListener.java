package io.ringpool;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The default failure and stall listener of a pool: {@code System.Logger} "io.ringpool" at WARNING, rate-limited.
 * <p>
 * Task failures and result-handler failures are limited separately: the first {@value #LOGGED_IN_FULL} of each kind
 * are logged with their stack traces; after that, at most one record per {@value #SUMMARY_INTERVAL_SECONDS} s counts
 * the failures not logged since the previous record and names the latest (without a stack trace). The record is
 * written by the failure that finds the interval over, so a count is held back until the next failure of that kind;
 * the shutdown report's counts are exact in any case. Lifecycle failures and stalls are rare and always logged.
 * <p>
 * Workers call it concurrently: the limiter is two atomic counters and a CAS on the next record's time, and reads
 * the clock only once the first {@value #LOGGED_IN_FULL} failures are spent.
 *
 * @param <T> the task type.
 */
final class LoggingListener<T> implements FailureListener<T>, StallListener
{
    /** Failures of each kind logged with their stack traces before the limiter takes over. */
    static final int LOGGED_IN_FULL = 10;
    /** The shortest time between two summary records of one kind. */
    static final int SUMMARY_INTERVAL_SECONDS = 10;

    private static final System.Logger LOG = System.getLogger("io.ringpool");

    private final String poolName;
    private final Limiter taskFailures = new Limiter();
    private final Limiter resultFailures = new Limiter();

    LoggingListener(final String poolName)
    {
        this.poolName = poolName;
    }

    @Override
    public void onTaskFailure(final T task, final long sequence, final int workerId, final Throwable cause)
    {
        final long count = taskFailures.count();
        if (count <= LOGGED_IN_FULL)
        {
            LOG.log(System.Logger.Level.WARNING, poolName + ": task " + sequence + " failed on worker " + workerId +
                (count == LOGGED_IN_FULL ? fullLogSpent("task") : ""), cause);
            return;
        }
        final long notLogged = taskFailures.summaryDue();
        if (notLogged > 0)
        {
            LOG.log(System.Logger.Level.WARNING, poolName + ": " + notLogged + " task failures not logged since the " +
                "last record; latest: task " + sequence + " on worker " + workerId + ": " + cause);
        }
    }

    @Override
    public void onResultFailure(final long taskSequence, final Throwable cause)
    {
        final long count = resultFailures.count();
        if (count <= LOGGED_IN_FULL)
        {
            LOG.log(System.Logger.Level.WARNING, poolName + ": result handler failed on the outcome of task " +
                taskSequence + (count == LOGGED_IN_FULL ? fullLogSpent("result handler") : ""), cause);
            return;
        }
        final long notLogged = resultFailures.summaryDue();
        if (notLogged > 0)
        {
            LOG.log(System.Logger.Level.WARNING, poolName + ": " + notLogged + " result handler failures not logged " +
                "since the last record; latest: on the outcome of task " + taskSequence + ": " + cause);
        }
    }

    @Override
    public void onLifecycleFailure(final String threadName, final Throwable cause)
    {
        LOG.log(System.Logger.Level.WARNING, poolName + ": lifecycle callback failed on " + threadName, cause);
    }

    @Override
    public void onStall(final int workerId, final long sequence, final long stalledNanos)
    {
        LOG.log(System.Logger.Level.WARNING, () -> poolName + ": worker " + workerId + " has held task " + sequence +
            " for " + stalledNanos / 1_000_000 + " ms while later tasks wait");
    }

    private static String fullLogSpent(final String kind)
    {
        return " (the last " + kind + " failure logged in full; from now on at most one summary record per " +
            SUMMARY_INTERVAL_SECONDS + " s)";
    }

    /** Counts failures of one kind and decides when a summary record is due. */
    static final class Limiter
    {
        private static final long INTERVAL_NS = TimeUnit.SECONDS.toNanos(SUMMARY_INTERVAL_SECONDS);

        private final AtomicLong failures = new AtomicLong();
        private final AtomicLong notLogged = new AtomicLong();
        private final AtomicLong nextSummaryNs = new AtomicLong(System.nanoTime());

        /**
         * Counts one failure.
         *
         * @return the failure's number, from 1.
         */
        long count()
        {
            return failures.incrementAndGet();
        }

        /**
         * Counts one failure that was not logged in full and says whether this caller writes the summary record.
         *
         * @return the failures to report in the summary (this one included), or 0 if no record is due.
         */
        long summaryDue()
        {
            notLogged.incrementAndGet();
            final long now = System.nanoTime();
            final long next = nextSummaryNs.get();
            if (now - next >= 0 && nextSummaryNs.compareAndSet(next, now + INTERVAL_NS))
            {
                return notLogged.getAndSet(0);
            }
            return 0;
        }
    }
}
