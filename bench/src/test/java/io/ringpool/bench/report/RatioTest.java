package io.ringpool.bench.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RatioTest
{
    @Test
    void shouldAddRelativeErrorsInQuadrature()
    {
        final Ratio ratio = Ratio.of(30.0, 3.0, 10.0, 0.75);

        assertEquals(3.0, ratio.value(), 1e-12);
        assertEquals(3.0 * Math.sqrt(0.1 * 0.1 + 0.075 * 0.075), ratio.error(), 1e-12);
        assertEquals("3.00 ± 0.38", ratio.text());
    }

    @Test
    void shouldSayWhenTheTargetLiesWithinTheErrorBound()
    {
        final Ratio ratio = Ratio.of(14.0, 1.0, 10.0, 1.0);

        assertTrue(ratio.straddles(1.5));
        assertFalse(ratio.straddles(1.0));
    }

    @Test
    void shouldLeaveTheErrorOutWhenThereIsNone()
    {
        final Ratio ratio = Ratio.of(1.0, Double.NaN, 40.0, 2.0);

        assertEquals("0.0250", ratio.text());
        assertFalse(ratio.straddles(0.025));
    }
}
