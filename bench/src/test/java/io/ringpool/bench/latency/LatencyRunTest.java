package io.ringpool.bench.latency;

import io.ringpool.bench.TaskShape;
import io.ringpool.bench.contender.Contender;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every contender through one short, slow run in this JVM: every task comes back once (the workload's check of the
 * count and checksum), and what the run wrote reads back as what it measured.
 */
class LatencyRunTest
{
    private static final LatencyPlan SHORT = new LatencyPlan(
        "test", List.of(20_000L), List.of(1), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(100),
        1024, TaskShape.TINY, Contender.handingOff(), LatencyPlan.MIN_RATE_RATIO);

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(Contender.class)
    @Timeout(30)
    void shouldBringEveryTaskBackAndReadBackWhatItWrote(final Contender contender) throws IOException
    {
        final ByteArrayOutputStream progress = new ByteArrayOutputStream();

        final LatencyOutcome outcome = LatencyRun.run(SHORT, contender, 1, 20_000L, folder,
            new PrintStream(progress, true, StandardCharsets.UTF_8));
        final LatencyOutcome readBack = RunFiles.readOutcome(folder, contender, 1, 20_000L);

        assertNotEquals(LatencyStatus.ERROR, outcome.status());
        assertEquals(4_000L, outcome.measured());
        assertEquals(4_000L, outcome.latency().getTotalCount());
        assertEquals(4_000L, outcome.sendLag().getTotalCount());
        assertEquals(outcome.status(), readBack.status());
        assertEquals(outcome.latency(), readBack.latency());
        assertEquals(outcome.queueWait(), readBack.queueWait());
        assertEquals(outcome.service(), readBack.service());
        assertEquals(outcome.sendLag(), readBack.sendLag());
        assertTrue(Files.size(RunFiles.hgrm(folder, outcome.baseName())) > 0);
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains(contender.label()));
    }
}
