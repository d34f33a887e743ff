package io.ringpool.example;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RunReportTest
{
    private static final Flags DEFAULTS = Flags.defaults();

    @Test
    void shouldCallARunThatKeptUpOk()
    {
        assertNull(RunReport.fellBehind(800_000, 2_600L, TimeUnit.MICROSECONDS.toNanos(1_013), 3, DEFAULTS));
        assertNull(RunReport.fellBehind(800_000, 2_600L, TimeUnit.MILLISECONDS.toNanos(50), 5_000, DEFAULTS),
            "both bounds are inclusive");
    }

    @Test
    void shouldSayWhyARunFellBehindWhenItsTailIsOverTheBound()
    {
        // The trial that was called OK: rate met, p50 186 ms, p90 383 ms.
        assertEquals("p50 186.0 ms, p99 412.3 ms (bound 50 ms); 0 quotes still undelivered when the feed ended " +
                "(bound 5,000)",
            RunReport.fellBehind(
                1_200_000, TimeUnit.MILLISECONDS.toNanos(186), 412_300_000L, 0, DEFAULTS));
    }

    @Test
    void shouldSayWhyARunFellBehindWhenTheBacklogPiledUp()
    {
        assertEquals("p50 3.1 us, p99 900.0 us (bound 50 ms); 1,200,000 quotes still undelivered when the feed " +
                "ended (bound 5,000)",
            RunReport.fellBehind(10, 3_100L, 900_000L, 1_200_000, DEFAULTS));
    }

    @Test
    void shouldNotJudgeTheTailOfARunWithoutLatencySamples()
    {
        assertNull(RunReport.fellBehind(0, 0L, 0L, -1, DEFAULTS), "nothing recorded, backlog unknown");
    }
}
