package io.ringpool.bench.latency;

import io.ringpool.bench.contender.Contender;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LatencyPlanTest
{
    @Test
    void shouldPassToAForkUnchanged()
    {
        final LatencyPlan plan = LatencyPlan.FULL.withContenders(List.of(Contender.FORK_JOIN_POOL));
        final List<String> arguments = plan.arguments();
        final Map<String, String> options = new HashMap<>();
        for (int i = 0; i < arguments.size(); i += 2)
        {
            options.put(arguments.get(i).substring(2), arguments.get(i + 1));
        }

        assertEquals(plan, LatencyPlan.fromArguments(options, Contender.FORK_JOIN_POOL));
    }

    @Test
    void shouldRejectARateOfZero()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> LatencyPlan.QUICK.withRates(List.of(0L)));

        assertEquals("ratesPerSecond must be 1 to 100000000; was 0", ex.getMessage());
    }

    @Test
    void shouldEstimateAForkFromItsRuns()
    {
        assertEquals(Duration.ofSeconds(24), LatencyPlan.DEFAULT.forkDuration());
    }

    @Test
    void shouldLabelRatesShortly()
    {
        assertEquals("20k", LatencyOutcome.rateLabel(20_000L));
        assertEquals("1M", LatencyOutcome.rateLabel(1_000_000L));
        assertEquals("1500", LatencyOutcome.rateLabel(1_500L));
        assertEquals("1P2W-ringPool-KEYED-500k",
            LatencyOutcome.baseName(Contender.RING_POOL_KEYED, 2, 500_000L));
    }
}
