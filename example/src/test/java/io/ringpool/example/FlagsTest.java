package io.ringpool.example;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlagsTest
{
    @Test
    void shouldUseDefaultsWhenNoFlagIsGiven()
    {
        final Flags flags = Flags.parse();

        assertEquals(Flags.defaults(), flags);
        assertEquals(100_000L, flags.ratePerSecond());
        assertEquals(10, flags.durationSeconds());
        assertEquals(2, flags.warmupSeconds());
        assertEquals(2, flags.workers());
        assertEquals(4096, flags.ringSize());
        assertEquals(WaitMode.YIELDING, flags.waitMode());
        assertEquals(50L, flags.maxP99Millis());
        assertEquals(5_000L, flags.backlogBound(), "100,000 quotes/s for 50 ms");
        assertFalse(flags.help());
    }

    @Test
    void shouldParseEveryFlag()
    {
        final Flags flags = Flags.parse(
            "--rate=50000", "--duration=5", "--warmup=1", "--workers=3", "--ring-size=1024", "--wait=blocking",
            "--dispatch=sequenced", "--max-p99=10");

        assertEquals(
            new Flags(50_000L, 5, 1, 3, 1024, WaitMode.BLOCKING, io.ringpool.Dispatch.ID_SEQUENCED, 10L, false), flags);
        assertEquals(1024L, flags.backlogBound(), "50,000 quotes/s for 10 ms is 500, less than one ring");
        assertEquals(250_000L, flags.scheduledQuotes());
        assertEquals(50_000L, flags.warmupQuotes());
        assertTrue(Flags.parse("--help").help());
    }

    @Test
    void shouldTakeACountersFileForRingPoolStat()
    {
        assertEquals(java.nio.file.Path.of("target", "enrichment.counters"),
            Flags.parse("--counters-file=target/enrichment.counters").countersFile());
        assertEquals(null, Flags.defaults().countersFile());
        assertMessage("--counters-file needs a file path; was empty", "--counters-file=");
    }

    @Test
    void shouldRejectBadInputNamingTheFlagAndItsAllowedValues()
    {
        assertMessage("--rate must be a whole number from 1 to 10000000; was 'fast'", "--rate=fast");
        assertMessage("--rate must be from 1 to 10000000; was 0", "--rate=0");
        assertMessage("--wait must be one of yielding, blocking, sleeping; was 'spin'", "--wait=spin");
        assertMessage("--dispatch must be one of keyed, stealing, sequenced; was 'random'", "--dispatch=random");
        assertMessage("--max-p99 must be from 1 to 600000; was 0", "--max-p99=0");
        assertMessage("--ring-size must be a power of two from 1 to 2^30 (e.g. 1024, 4096); was 1000",
            "--ring-size=1000");
        assertMessage("--warmup must be less than --duration (3 s); was 3", "--duration=3", "--warmup=3");
        assertMessage("--workers must be at most --ring-size (2); was 4", "--workers=4", "--ring-size=2");
        assertMessage("flag --rate needs a value, as --rate=value (see --help)", "--rate");
        assertMessage("flag --rate is given more than once", "--rate=1", "--rate=2");
        assertTrue(message("--speed=1").startsWith("unknown flag '--speed=1'; known flags: --rate, --duration"));
    }

    private static void assertMessage(final String expected, final String... args)
    {
        assertEquals(expected, message(args));
    }

    private static String message(final String... args)
    {
        return assertThrows(IllegalArgumentException.class, () -> Flags.parse(args)).getMessage();
    }
}
