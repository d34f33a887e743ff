package io.ringpool.example;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EnricherTest
{
    private static final double EPSILON = 1e-9;

    private final RiskLimits limits = new RiskLimits(1_000_000.0, 20.0, 50.0);
    private final Enricher enricher = new Enricher(4, 8, limits);
    private final EnrichedQuote result = new EnrichedQuote();

    @Test
    void shouldComputeMidSpreadAndNotional()
    {
        enrich(2, 99.99, 100.01, 300, 500);

        assertEquals(2, result.instrumentId);
        assertEquals(100.0, result.mid, EPSILON);
        assertEquals(2.0, result.spreadBps, 1e-6);
        assertEquals(50_000.0, result.notional, EPSILON);
        assertEquals(0, result.riskFlags);
        assertEquals(7L, result.scheduleIndex);
        assertEquals(1_234L, result.intendedSendNs);
    }

    @Test
    void shouldFlagEachRiskBreach()
    {
        assertEquals(RiskLimits.NOTIONAL, enrich(0, 99.99, 100.01, 20_000, 100));
        assertEquals(RiskLimits.WIDE_SPREAD, enrich(1, 99.5, 100.5, 100, 100));
        assertEquals(RiskLimits.CROSSED, enrich(2, 100.01, 99.99, 100, 100));

        enrich(3, 99.99, 100.01, 100, 100);
        // The first quote at 100 keeps the rolling mid near 100 when the next one is 2% away.
        assertEquals(RiskLimits.MID_JUMP, enrich(3, 101.99, 102.01, 100, 100) & RiskLimits.MID_JUMP);
        assertEquals(RiskLimits.NOTIONAL | RiskLimits.WIDE_SPREAD, enrich(0, 99.0, 101.0, 100, 50_000));
    }

    @Test
    void shouldRejectLimitsThatAreNotPositive()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> new RiskLimits(1.0, 0.0, 1.0));
        assertEquals("maxSpreadBps must be > 0; was 0.0", ex.getMessage());
    }

    private int enrich(final int instrument, final double bid, final double ask, final long bidSize,
        final long askSize)
    {
        final Quote quote = new Quote();
        quote.set(instrument, bid, ask, bidSize, askSize);
        quote.scheduleIndex = 7L;
        quote.intendedSendNs = 1_234L;
        enricher.enrich(quote, result);
        return result.riskFlags;
    }
}
