package io.ringpool.example;

/**
 * One market-data quote: the task of the enrichment pool.
 * <p>
 * <b>Lifetime:</b> a quote is a pre-allocated task-ring entry, filled in place by the {@link QuoteFeed}'s translator
 * and reused once a worker has enriched it; nothing is allocated per quote.
 */
public final class Quote
{
    /** The instrument, 0 to instruments-1. */
    int instrumentId;
    /** The best bid price. */
    double bid;
    /** The best ask price. */
    double ask;
    /** The quantity bid at the best bid. */
    long bidSize;
    /** The quantity offered at the best ask. */
    long askSize;
    /** The quote's position in the feed's schedule, from 0. */
    long scheduleIndex;
    /** When the schedule meant this quote to be sent ({@link System#nanoTime()}), not when it actually was. */
    long intendedSendNs;

    void set(
        final int instrumentId, final double bid, final double ask, final long bidSize, final long askSize)
    {
        this.instrumentId = instrumentId;
        this.bid = bid;
        this.ask = ask;
        this.bidSize = bidSize;
        this.askSize = askSize;
    }

    @Override
    public String toString()
    {
        return "Quote{instrument=" + instrumentId + ", bid=" + bid + 'x' + bidSize + ", ask=" + ask + 'x' + askSize +
            ", index=" + scheduleIndex + '}';
    }
}
