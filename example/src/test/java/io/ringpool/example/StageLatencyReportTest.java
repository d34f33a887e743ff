package io.ringpool.example;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short run of the whole example: its latency section shows each stage beside end to end, for the same quotes.
 */
class StageLatencyReportTest
{
    private static final String NUMBER = "\\s+([\\d,]+\\.\\d)";

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldPrintEachStagesPercentilesBesideEndToEnd() throws InterruptedException
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final int exit = MarketDataEnrichment.run(new String[] {"--rate=5000", "--duration=2", "--warmup=1"},
            new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        final String printed = out.toString(StandardCharsets.UTF_8);

        assertTrue(exit == MarketDataEnrichment.EXIT_OK || exit == MarketDataEnrichment.EXIT_RATE_MISSED ||
            exit == MarketDataEnrichment.EXIT_FELL_BEHIND, "the run balanced (a loaded machine may miss the rate): " +
            printed);
        assertTrue(Pattern.compile("(?m)^\\s+end to end\\s+queue wait\\s+service\\s+result wait$").matcher(printed)
            .find(), printed);
        for (final String row : new String[] {"p50", "p90", "p99", "p99.9", "max"})
        {
            assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(row) + "\\s" + NUMBER.repeat(4) + "$")
                .matcher(printed).find(), row + ": " + printed);
        }
        final Matcher count = Pattern.compile("(?m)^  count\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)")
            .matcher(printed);
        assertTrue(count.find(), printed);
        assertEquals("5,000", count.group(1), "the quotes after the warm-up second");
        for (int column = 2; column <= 4; column++)
        {
            assertEquals(count.group(1), count.group(column), "every stage times the same quotes: " + printed);
        }
    }
}
