package io.ringpool.example;

/**
 * What a worker makes of one {@link Quote}: the result of the enrichment pool.
 * <p>
 * <b>Lifetime:</b> a pre-allocated result object (a result-ring entry or a worker's spare), rewritten in full by
 * the {@link Enricher} for every quote and read by the {@link LatencyAggregator} on the collector thread.
 */
public final class EnrichedQuote
{
    /** The instrument, copied from the quote. */
    int instrumentId;
    /** The quote's position in the feed's schedule. */
    long scheduleIndex;
    /** When the quote was meant to be sent, copied from the quote. */
    long intendedSendNs;
    /** (bid + ask) / 2 of this quote. */
    double mid;
    /** The mean mid over the rolling window, this quote included. */
    double rollingMid;
    /** The size-weighted mean mid over the rolling window, this quote included. */
    double vwap;
    /** (ask - bid) / mid, in basis points. */
    double spreadBps;
    /** mid × the larger of the two sizes. */
    double notional;
    /** The {@link RiskLimits} flags this quote raised; 0 when within every limit. */
    int riskFlags;
}
