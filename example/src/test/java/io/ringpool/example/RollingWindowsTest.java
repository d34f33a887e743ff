package io.ringpool.example;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RollingWindowsTest
{
    private static final double EPSILON = 1e-9;

    @Test
    void shouldAverageOnlyTheQuotesInTheWindow()
    {
        final RollingWindows windows = new RollingWindows(2, 3);
        assertTrue(Double.isNaN(windows.rollingMid(0)));

        windows.add(0, 10.0, 100);
        windows.add(0, 20.0, 300);
        assertEquals(15.0, windows.rollingMid(0), EPSILON);
        assertEquals((10.0 * 100 + 20.0 * 300) / 400, windows.vwap(0), EPSILON);
        assertEquals(2, windows.fill(0));

        windows.add(0, 30.0, 100);
        windows.add(0, 40.0, 500);
        // 10.0 x 100 fell out: the window holds 20, 30 and 40.
        assertEquals(30.0, windows.rollingMid(0), EPSILON);
        assertEquals((20.0 * 300 + 30.0 * 100 + 40.0 * 500) / 900, windows.vwap(0), EPSILON);
        assertEquals(3, windows.fill(0));
    }

    @Test
    void shouldKeepInstrumentsApart()
    {
        final RollingWindows windows = new RollingWindows(2, 4);

        windows.add(0, 100.0, 1);
        windows.add(1, 50.0, 1);
        windows.add(1, 70.0, 3);

        assertEquals(100.0, windows.rollingMid(0), EPSILON);
        assertEquals(1, windows.fill(0));
        assertEquals(60.0, windows.rollingMid(1), EPSILON);
        assertEquals(65.0, windows.vwap(1), EPSILON);
    }

    @Test
    void shouldMatchAFreshSumAfterManyLaps()
    {
        final RollingWindows windows = new RollingWindows(1, 5);
        double mid = 100.0;
        final double[] lastMids = new double[5];
        final long[] lastSizes = new long[5];
        for (int i = 0; i < 1_000_003; i++)
        {
            mid += 0 == i % 2 ? 0.37 : -0.29;
            final long size = 100 + i % 7;
            windows.add(0, mid, size);
            lastMids[i % 5] = mid;
            lastSizes[i % 5] = size;
        }

        double sumMid = 0.0;
        double sumMidSize = 0.0;
        long sumSize = 0;
        for (int i = 0; i < 5; i++)
        {
            sumMid += lastMids[i];
            sumMidSize += lastMids[i] * lastSizes[i];
            sumSize += lastSizes[i];
        }
        assertEquals(sumMid / 5, windows.rollingMid(0), 1e-9);
        assertEquals(sumMidSize / sumSize, windows.vwap(0), 1e-9);
    }
}
