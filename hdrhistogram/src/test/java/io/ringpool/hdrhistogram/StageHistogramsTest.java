package io.ringpool.hdrhistogram;

import io.ringpool.Outcome;
import io.ringpool.OutcomeStatus;
import io.ringpool.RingPool;
import io.ringpool.ShutdownReport;
import io.ringpool.WaitPolicy;
import io.ringpool.hdrhistogram.StageHistograms.Stage;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageHistogramsTest
{
    private static final long US = 1_000L;

    @Test
    void shouldRecordEachStageFromAnOutcomesStamps()
    {
        final StageHistograms stages = new StageHistograms();
        final Stamped outcome = new Stamped();
        outcome.stamp(1_000_000L, 1_000_000L + 20 * US, 1_000_000L + 70 * US);

        assertTrue(stages.record(outcome, 1_000_000L + 100 * US));

        assertSingle(20 * US, stages.histogram(Stage.QUEUE_WAIT));
        assertSingle(50 * US, stages.histogram(Stage.SERVICE));
        assertSingle(30 * US, stages.histogram(Stage.RESULT_WAIT));
        assertSingle(100 * US, stages.histogram(Stage.END_TO_END));
        assertEquals(1, stages.recorded());
        assertEquals(0, stages.untimed());
    }

    @Test
    void shouldIgnoreOutcomesWithoutStamps()
    {
        final StageHistograms stages = new StageHistograms();
        final Stamped outcome = new Stamped();
        assertFalse(stages.record(outcome));
        outcome.stamp(0L, 5L, 9L);
        assertFalse(stages.record(outcome), "a halt's outcome for a task no worker reached has no publish stamp");

        assertEquals(2, stages.untimed());
        assertEquals(0, stages.recorded());
        for (final Stage stage : Stage.values())
        {
            assertEquals(0, stages.histogram(stage).getTotalCount(), stage.label());
        }
    }

    @Test
    void shouldClipValuesOverTheBoundAndCountThem()
    {
        final StageHistograms stages = new StageHistograms(TimeUnit.MILLISECONDS.toNanos(1), 2);
        final Stamped outcome = new Stamped();
        outcome.stamp(1L, 2L, 2L + TimeUnit.MILLISECONDS.toNanos(5));

        assertTrue(stages.record(outcome, 3L + TimeUnit.MILLISECONDS.toNanos(5)));

        assertEquals(2, stages.clipped(), "service and end to end");
        assertTrue(stages.histogram(Stage.SERVICE).valuesAreEquivalent(
            TimeUnit.MILLISECONDS.toNanos(1), stages.histogram(Stage.SERVICE).getMaxValue()));
        stages.reset();
        assertEquals(0, stages.clipped());
        assertEquals(0, stages.recorded());
    }

    @Test
    void shouldRefuseABoundOrPrecisionOutOfRange()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StageHistograms(1, 3))
            .getMessage().contains("highestTrackableNs"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new StageHistograms(1_000, 6))
            .getMessage().contains("significantDigits"));
    }

    @Test
    void shouldRecordWithoutAllocating()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final StageHistograms stages = new StageHistograms();
        final Stamped outcome = new Stamped();
        final long threadId = Thread.currentThread().getId();
        recordMany(stages, outcome, 20_000);

        final long before = threads.getThreadAllocatedBytes(threadId);
        recordMany(stages, outcome, 200_000);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertEquals(220_000, stages.recorded());
        // The measurement itself may allocate a few hundred bytes; one object per record would be megabytes.
        assertTrue(allocated < 10_000, allocated + " bytes allocated for 200,000 records");
    }

    @Test
    void shouldRecordEveryOutcomeOfATimedPool()
    {
        final StageHistograms stages = new StageHistograms();
        final long[] stageSumMismatches = new long[1];
        final RingPool<long[], long[]> pool = RingPool.builder(() -> new long[1], () -> new long[1])
            .name("timed")
            .workers(2)
            .ringSize(256)
            .waitPolicy(WaitPolicy.YIELDING)
            .timeStages()
            .handler((task, result, context) -> result[0] = task[0] * 2)
            .resultHandler((outcome, endOfBatch) ->
            {
                final long now = System.nanoTime();
                stages.record(outcome, now);
                final long parts = (outcome.startedNanos() - outcome.publishedNanos()) +
                    (outcome.endedNanos() - outcome.startedNanos()) + (now - outcome.endedNanos());
                stageSumMismatches[0] += parts == now - outcome.publishedNanos() ? 0 : 1;
            })
            .build();
        pool.start();
        for (long i = 0; i < 10_000; i++)
        {
            pool.publish((task, sequence, value) -> task[0] = value, i);
        }
        final ShutdownReport<long[], long[]> report = pool.drain(Duration.ofSeconds(20));

        assertTrue(report.isBalanced() && report.completed() == 10_000, report.toString());
        assertEquals(10_000, stages.recorded());
        assertEquals(0, stages.untimed());
        assertEquals(0, stageSumMismatches[0]);
        for (final Stage stage : Stage.values())
        {
            assertEquals(10_000, stages.histogram(stage).getTotalCount(), stage.label());
        }
        final Histogram endToEnd = stages.histogram(Stage.END_TO_END);
        assertTrue(endToEnd.getMaxValue() >= stages.histogram(Stage.SERVICE).getMaxValue());
        assertTrue(endToEnd.getMinNonZeroValue() > 0, "stamps are real clock readings");
    }

    @Test
    void shouldPrintTheFourStagesInMicroseconds()
    {
        final StageHistograms stages = new StageHistograms();
        final Stamped outcome = new Stamped();
        outcome.stamp(1L, 1L + 2 * US, 1L + 5 * US);
        stages.record(outcome, 1L + 9 * US);
        stages.record(new Stamped());

        final String printed = print(stages::printPercentiles);

        final String[] lines = printed.split("\\R");
        assertEquals(6, lines.length, printed);
        assertTrue(lines[0].matches("\\s+stage, us\\s+p50\\s+p90\\s+p99\\s+p99\\.9\\s+max\\s+count"), lines[0]);
        assertTrue(lines[1].matches("\\s+queue wait\\s+2\\.0\\s+2\\.0\\s+2\\.0\\s+2\\.0\\s+2\\.0\\s+1"), lines[1]);
        assertTrue(lines[2].matches("\\s+service\\s+3\\.0(\\s+3\\.0){4}\\s+1"), lines[2]);
        assertTrue(lines[3].matches("\\s+result wait\\s+4\\.0(\\s+4\\.0){4}\\s+1"), lines[3]);
        assertTrue(lines[4].matches("\\s+end to end\\s+9\\.0(\\s+9\\.0){4}\\s+1"), lines[4]);
        assertTrue(lines[5].contains("1 outcomes without stamps not recorded"), lines[5]);
    }

    @Test
    void shouldExportOneHgrmFilePerStage() throws Exception
    {
        final StageHistograms stages = new StageHistograms();
        final Stamped outcome = new Stamped();
        for (int i = 1; i <= 100; i++)
        {
            outcome.stamp(1L, 1L + i * US, 1L + 2 * i * US);
            stages.record(outcome, 1L + 3 * i * US);
        }

        final Path[] files = stages.exportHgrm(Path.of("target", "hgrm-test"), "run");

        assertEquals(4, files.length);
        assertEquals("run-queue-wait.hgrm", files[0].getFileName().toString());
        assertEquals("run-end-to-end.hgrm", files[3].getFileName().toString());
        final String serviceFile = Files.readString(files[1]);
        assertTrue(serviceFile.contains("Value     Percentile TotalCount 1/(1-Percentile)"), serviceFile);
        assertTrue(serviceFile.contains("#[Max     =      100.031, Total count    =          100]"), serviceFile);
        assertEquals(print(out -> stages.outputPercentileDistribution(Stage.SERVICE, out)), serviceFile);
    }

    private static void recordMany(final StageHistograms stages, final Stamped outcome, final int count)
    {
        for (int i = 1; i <= count; i++)
        {
            final long published = i * 1_000L;
            outcome.stamp(published, published + (i & 1023), published + 2 * (i & 1023) + 17);
            stages.record(outcome, published + 3 * (i & 1023) + 99);
        }
    }

    private static void assertSingle(final long expectedNs, final Histogram histogram)
    {
        assertEquals(1, histogram.getTotalCount());
        assertTrue(histogram.valuesAreEquivalent(expectedNs, histogram.getMaxValue()),
            expectedNs + " ns, recorded as " + histogram.getMaxValue());
    }

    private static String print(final java.util.function.Consumer<PrintStream> printer)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            printer.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** An outcome with stamps set by the test; its other parts are never read. */
    private static final class Stamped implements Outcome<Void>
    {
        private long publishedNanos;
        private long startedNanos;
        private long endedNanos;

        void stamp(final long published, final long started, final long ended)
        {
            this.publishedNanos = published;
            this.startedNanos = started;
            this.endedNanos = ended;
        }

        @Override
        public Void result()
        {
            return null;
        }

        @Override
        public long taskSequence()
        {
            return 0;
        }

        @Override
        public int workerId()
        {
            return 0;
        }

        @Override
        public OutcomeStatus status()
        {
            return OutcomeStatus.COMPLETED;
        }

        @Override
        public Throwable failure()
        {
            return null;
        }

        @Override
        public long publishedNanos()
        {
            return publishedNanos;
        }

        @Override
        public long startedNanos()
        {
            return startedNanos;
        }

        @Override
        public long endedNanos()
        {
            return endedNanos;
        }
    }
}
