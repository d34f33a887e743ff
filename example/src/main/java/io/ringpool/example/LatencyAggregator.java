package io.ringpool.example;

import io.ringpool.Outcome;
import io.ringpool.OutcomeStatus;
import io.ringpool.ResultHandler;
import io.ringpool.hdrhistogram.StageHistograms;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * Consumes enriched quotes on the pool's collector thread: records end-to-end latency (arrival here minus the
 * quote's intended send time) in an HdrHistogram, and where that time went (queue wait, service, result wait, from
 * the stamps of a pool built with {@code timeStages()}) in {@link StageHistograms}; counts risk breaches and keeps a
 * few aggregates.
 * <p>
 * Quotes scheduled within the warm-up period (the first {@code warmupQuotes} of the schedule) are counted but their
 * latency is not recorded: it would measure the JIT, not the pool.
 * <p>
 * <b>Threading:</b> written only on the collector thread. Read the figures after the pool's drain has returned: the
 * drain joins the collector thread, which makes every write visible to the caller.
 * <p>
 * <b>Allocation:</b> none per outcome; the histograms are sized up front for latencies up to a minute, and anything
 * longer is recorded as a minute and counted in {@link #clipped()} (or, for a stage, in
 * {@link StageHistograms#clipped()}).
 */
public final class LatencyAggregator implements ResultHandler<EnrichedQuote>
{
    private static final long HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(1);
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final java.lang.invoke.VarHandle DELIVERED;

    static
    {
        try
        {
            DELIVERED = java.lang.invoke.MethodHandles.lookup()
                .findVarHandle(LatencyAggregator.class, "delivered", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Histogram latencyNs = new Histogram(HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    private final StageHistograms stages = new StageHistograms(HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    private final long warmupQuotes;
    private final long[] byWorker;
    private final long[] breachesByFlag = new long[RiskLimits.FLAG_COUNT];

    private long completed;
    private long failed;
    private long breachedQuotes;
    private long clipped;
    private double sumSpreadBps;
    private double maxSpreadBps = Double.NEGATIVE_INFINITY;
    private double maxNotional;
    private double sumVwapDeviationBps;
    private long lastResultNs;
    /** Every outcome handed over so far, warm-up included; read by other threads while the run goes on. */
    private long delivered;

    /**
     * An aggregator with nothing recorded.
     *
     * @param warmupQuotes the number of quotes at the start of the schedule whose latency is not recorded.
     * @param workers      the pool's number of workers.
     */
    public LatencyAggregator(final long warmupQuotes, final int workers)
    {
        this.warmupQuotes = warmupQuotes;
        this.byWorker = new long[workers];
    }

    @Override
    public void onResult(final Outcome<EnrichedQuote> outcome, final boolean endOfBatch)
    {
        final long nowNs = System.nanoTime();
        lastResultNs = nowNs;
        DELIVERED.setOpaque(this, delivered + 1);
        byWorker[outcome.workerId()]++;
        if (OutcomeStatus.COMPLETED != outcome.status())
        {
            failed++;
            return;
        }
        completed++;

        final EnrichedQuote quote = outcome.result();
        if (quote.scheduleIndex >= warmupQuotes)
        {
            record(nowNs - quote.intendedSendNs);
            stages.record(outcome, nowNs);
        }
        sumSpreadBps += quote.spreadBps;
        maxSpreadBps = Math.max(maxSpreadBps, quote.spreadBps);
        maxNotional = Math.max(maxNotional, quote.notional);
        sumVwapDeviationBps += Math.abs(quote.mid - quote.vwap) / quote.vwap * 10_000.0;
        if (0 != quote.riskFlags)
        {
            breachedQuotes++;
            countFlags(quote.riskFlags);
        }
    }

    private void record(final long latencyNs)
    {
        if (latencyNs > HIGHEST_TRACKABLE_NS)
        {
            clipped++;
            this.latencyNs.recordValue(HIGHEST_TRACKABLE_NS);
        }
        else
        {
            this.latencyNs.recordValue(Math.max(0L, latencyNs));
        }
    }

    private void countFlags(final int flags)
    {
        for (int bit = 0; bit < RiskLimits.FLAG_COUNT; bit++)
        {
            if (0 != (flags & (1 << bit)))
            {
                breachesByFlag[bit]++;
            }
        }
    }

    /**
     * The recorded end-to-end latencies, in nanoseconds.
     *
     * @return the histogram itself (not a copy).
     */
    public Histogram latencyNs()
    {
        return latencyNs;
    }

    /**
     * The recorded stage latencies (queue wait, service, result wait, and end to end from the publish), in
     * nanoseconds, of the same quotes as {@link #latencyNs()}.
     *
     * @return the histograms themselves (not copies).
     */
    public StageHistograms stages()
    {
        return stages;
    }

    /**
     * Every outcome handed over so far, warm-up included: readable from any thread while the run goes on (an
     * opaque read of the collector's own count, so the collector pays no fence for it).
     *
     * @return the number of outcomes delivered so far.
     */
    public long deliveredSoFar()
    {
        return (long)DELIVERED.getOpaque(this);
    }

    /**
     * Outcomes whose enrichment completed.
     *
     * @return the count.
     */
    public long completed()
    {
        return completed;
    }

    /**
     * Outcomes whose enrichment threw.
     *
     * @return the count.
     */
    public long failed()
    {
        return failed;
    }

    /**
     * Outcomes delivered from one worker.
     *
     * @param workerId the worker.
     * @return the count.
     */
    public long deliveredBy(final int workerId)
    {
        return byWorker[workerId];
    }

    /**
     * Quotes that raised at least one risk flag.
     *
     * @return the count.
     */
    public long breachedQuotes()
    {
        return breachedQuotes;
    }

    /**
     * Quotes that raised one flag.
     *
     * @param bit the flag's bit index, 0 to {@link RiskLimits#FLAG_COUNT}-1.
     * @return the count.
     */
    public long breaches(final int bit)
    {
        return breachesByFlag[bit];
    }

    /**
     * Latencies above a minute, recorded as a minute.
     *
     * @return the count.
     */
    public long clipped()
    {
        return clipped;
    }

    /**
     * The mean spread over completed quotes.
     *
     * @return basis points, or NaN if none completed.
     */
    public double meanSpreadBps()
    {
        return 0 == completed ? Double.NaN : sumSpreadBps / completed;
    }

    /**
     * The widest spread seen.
     *
     * @return basis points, or NaN if none completed.
     */
    public double maxSpreadBps()
    {
        return 0 == completed ? Double.NaN : maxSpreadBps;
    }

    /**
     * The largest notional seen.
     *
     * @return the notional.
     */
    public double maxNotional()
    {
        return maxNotional;
    }

    /**
     * The mean distance of a quote's mid from its rolling VWAP.
     *
     * @return basis points, or NaN if none completed.
     */
    public double meanVwapDeviationBps()
    {
        return 0 == completed ? Double.NaN : sumVwapDeviationBps / completed;
    }

    /**
     * When the last outcome arrived ({@link System#nanoTime()}).
     *
     * @return the time, or 0 if none arrived.
     */
    public long lastResultNs()
    {
        return lastResultNs;
    }
}
