package io.ringpool.example;

import io.ringpool.TaskContext;
import io.ringpool.WorkHandler;

/**
 * The enrichment step, run on a pool worker: mid, rolling mid, rolling VWAP, spread and notional of a quote, and
 * the risk check on them.
 * <p>
 * <b>Threading:</b> one enricher per worker (made by the pool's handler factory), called only on that worker's
 * thread, so its windows need no synchronisation. With the default dispatch, keyed by instrument, every quote of an
 * instrument reaches the same worker in publish order, so each window is the instrument's true rolling window. With
 * work stealing or ID-sequenced dispatch any worker may get any instrument: the figures are then per
 * worker × instrument, each over the quotes of that instrument that this worker happened to take.
 * <p>
 * <b>Allocation:</b> none per quote; every field of the result is rewritten, since the result object is reused.
 */
public final class Enricher implements WorkHandler<Quote, EnrichedQuote>
{
    private final RollingWindows windows;
    private final RiskLimits limits;

    /**
     * An enricher with empty windows.
     *
     * @param instruments the number of instruments in the feed.
     * @param window      the number of quotes in each rolling window.
     * @param limits      the risk limits to check.
     */
    public Enricher(final int instruments, final int window, final RiskLimits limits)
    {
        this.windows = new RollingWindows(instruments, window);
        this.limits = limits;
    }

    @Override
    public void onTask(final Quote quote, final EnrichedQuote result, final TaskContext context)
    {
        enrich(quote, result);
    }

    /**
     * Enriches one quote into {@code result}, updating this enricher's windows.
     *
     * @param quote  the quote.
     * @param result written in full.
     */
    void enrich(final Quote quote, final EnrichedQuote result)
    {
        final int instrument = quote.instrumentId;
        final double mid = (quote.bid + quote.ask) * 0.5;
        windows.add(instrument, mid, quote.bidSize + quote.askSize);

        result.instrumentId = instrument;
        result.scheduleIndex = quote.scheduleIndex;
        result.intendedSendNs = quote.intendedSendNs;
        result.mid = mid;
        result.rollingMid = windows.rollingMid(instrument);
        result.vwap = windows.vwap(instrument);
        result.spreadBps = (quote.ask - quote.bid) / mid * 10_000.0;
        result.notional = mid * Math.max(quote.bidSize, quote.askSize);
        result.riskFlags = limits.check(result);
    }
}
