package io.ringpool.example;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.ringpool.RingPool;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The paced producer: publishes a fixed number of quotes at a fixed rate, open loop.
 * <p>
 * Quote {@code i} is due at {@code start + i / rate} and carries that <em>intended</em> send time, whatever time it
 * is actually sent. If the feed falls behind (the pool pushes back, or the thread is descheduled) it sends the
 * overdue quotes at once, without stretching the schedule, so the delay counts in every late quote's latency
 * instead of being hidden (no coordinated omission).
 * <p>
 * <b>Pacing:</b> parks when the next quote is well ahead, yields when it is close, never spins: on a 2-core machine
 * a spinning producer takes the core the workers and the collector need.
 * <p>
 * <b>Threading:</b> {@link #run()} runs on one thread, the pool's single producer. The figures it leaves behind are
 * plain fields: read them after joining that thread.
 */
public final class QuoteFeed implements Runnable
{
    /** Further ahead than this, the feed parks; closer, it yields (a park overshoots by tens of microseconds). */
    private static final long PARK_ABOVE_NS = TimeUnit.MICROSECONDS.toNanos(200);
    private static final long PARK_MARGIN_NS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    // Non-capturing, so one instance for the whole run: publishing allocates nothing.
    private static final EventTranslatorOneArg<Quote, QuoteFeed> FILL = (quote, sequence, feed) -> feed.fill(quote);

    private final RingPool<Quote, EnrichedQuote> pool;
    private final QuoteGenerator generator;
    private final long ratePerSecond;
    private final long quotes;

    private long nextIndex;
    private long nextIntendedNs;

    private long startNs;
    private long endNs;
    private long published;
    private long maxLagNs;
    private long finalLagNs;
    private RuntimeException failure;

    /**
     * A feed that has not run yet.
     *
     * @param pool          the pool to publish to.
     * @param generator     where the quotes come from.
     * @param ratePerSecond the target rate, at least 1.
     * @param quotes        how many quotes to publish, at least 1.
     */
    public QuoteFeed(
        final RingPool<Quote, EnrichedQuote> pool, final QuoteGenerator generator, final long ratePerSecond,
        final long quotes)
    {
        if (ratePerSecond < 1 || quotes < 1)
        {
            throw new IllegalArgumentException(
                "ratePerSecond and quotes must be >= 1; were " + ratePerSecond + " and " + quotes);
        }
        this.pool = pool;
        this.generator = generator;
        this.ratePerSecond = ratePerSecond;
        this.quotes = quotes;
    }

    /**
     * When quote {@code index} is due, relative to the start of the schedule: exact, and without overflow for any
     * run this example allows.
     *
     * @param index         the quote's index in the schedule.
     * @param ratePerSecond the rate.
     * @return the offset in nanoseconds.
     */
    static long scheduleOffsetNs(final long index, final long ratePerSecond)
    {
        return (index / ratePerSecond) * NANOS_PER_SECOND + (index % ratePerSecond) * NANOS_PER_SECOND / ratePerSecond;
    }

    @Override
    public void run()
    {
        startNs = System.nanoTime();
        try
        {
            for (long i = 0; i < quotes; i++)
            {
                final long intendedNs = startNs + scheduleOffsetNs(i, ratePerSecond);
                awaitTime(intendedNs);
                nextIndex = i;
                nextIntendedNs = intendedNs;
                pool.publish(FILL, this);
                published++;
                maxLagNs = Math.max(maxLagNs, System.nanoTime() - intendedNs);
            }
        }
        catch (final RejectedExecutionException | IllegalStateException ex)
        {
            failure = ex;
        }
        endNs = System.nanoTime();
        finalLagNs = endNs - (startNs + scheduleOffsetNs(Math.max(0, published - 1), ratePerSecond));
    }

    private void fill(final Quote quote)
    {
        generator.next(quote);
        quote.scheduleIndex = nextIndex;
        quote.intendedSendNs = nextIntendedNs;
    }

    private static void awaitTime(final long deadlineNs)
    {
        long remainingNs;
        while ((remainingNs = deadlineNs - System.nanoTime()) > 0)
        {
            if (remainingNs > PARK_ABOVE_NS)
            {
                LockSupport.parkNanos(remainingNs - PARK_MARGIN_NS);
            }
            else
            {
                Thread.yield();
            }
        }
    }

    /**
     * When the schedule started ({@link System#nanoTime()}).
     *
     * @return the start time.
     */
    public long startNs()
    {
        return startNs;
    }

    /**
     * When the last publish returned.
     *
     * @return the end time.
     */
    public long endNs()
    {
        return endNs;
    }

    /**
     * Quotes the pool accepted.
     *
     * @return the count.
     */
    public long published()
    {
        return published;
    }

    /**
     * Quotes the schedule called for.
     *
     * @return the count.
     */
    public long scheduled()
    {
        return quotes;
    }

    /**
     * The furthest any publish returned after its quote's intended send time.
     *
     * @return the lag in nanoseconds.
     */
    public long maxLagNs()
    {
        return maxLagNs;
    }

    /**
     * How far behind schedule the feed finished: end time minus the last published quote's intended send time.
     *
     * @return the lag in nanoseconds.
     */
    public long finalLagNs()
    {
        return finalLagNs;
    }

    /**
     * Why the feed stopped early: the pool refused a quote (it stopped running, or saw a second producer).
     *
     * @return the exception, or null if every scheduled quote was published.
     */
    public RuntimeException failure()
    {
        return failure;
    }
}
