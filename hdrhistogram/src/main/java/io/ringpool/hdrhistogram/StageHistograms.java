package io.ringpool.hdrhistogram;

import io.ringpool.Outcome;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Where each task's time went, for a pool built with {@code RingPoolBuilder.timeStages()}: four HdrHistograms, one
 * per {@link Stage}, fed from the stamps every outcome carries.
 * <pre>
 *   publish ──queue wait──► worker starts ──service──► worker ends ──result wait──► consumer records
 *      └──────────────────────────────── end to end ─────────────────────────────────────┘
 * </pre>
 * Call {@link #record(Outcome)} from the pool's {@code ResultHandler} (on the collector thread) or after a
 * {@code ResultPoller} hands over an outcome: the consumer's own clock read closes the result wait.
 * <p>
 * <b>Allocation:</b> none per record. The histograms are sized up front for values up to
 * {@code highestTrackableNs}; a longer value is recorded as that bound and counted in {@link #clipped()}, never
 * resized. Outcomes without stamps (a pool without {@code timeStages()}, or an outcome a halt made for a task no
 * worker reached) are counted in {@link #untimed()} and not recorded.
 * <p>
 * <b>Thread safety:</b> one writer. Read the histograms, print or export them only when the writer's writes are
 * visible to the reader and it records no more: on the consumer's own thread, or after the pool's {@code drain} or
 * {@code halt} has returned (which joins the collector thread).
 */
public final class StageHistograms
{
    /** The stages of a task's life that the histograms separate. */
    public enum Stage
    {
        /** From the producer's publish to the moment a worker starts the task: time spent in the task ring. */
        QUEUE_WAIT("queue wait"),
        /** From the moment a worker starts the task to the moment its handler returns or throws. */
        SERVICE("service"),
        /** From the handler's end to the consumer's record: time spent in the result ring. */
        RESULT_WAIT("result wait"),
        /** From the producer's publish to the consumer's record: the sum of the three others. */
        END_TO_END("end to end");

        private final String label;

        Stage(final String label)
        {
            this.label = label;
        }

        /**
         * The stage's name as printed.
         *
         * @return a short lower-case label, such as {@code "queue wait"}.
         */
        public String label()
        {
            return label;
        }

        /**
         * The stage's name in a file name.
         *
         * @return the label with dashes for spaces, such as {@code "queue-wait"}.
         */
        public String fileLabel()
        {
            return label.replace(' ', '-');
        }
    }

    /** The default bound on a recorded value: a minute. */
    public static final long DEFAULT_HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(1);
    /** The default precision: three significant digits. */
    public static final int DEFAULT_SIGNIFICANT_DIGITS = 3;
    /** The ratio that turns recorded nanoseconds into the microseconds printed and exported. */
    public static final double NANOS_PER_MICRO = 1_000.0;

    private static final Stage[] STAGES = Stage.values();
    private static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9};
    private static final String[] PERCENTILE_LABELS = {"p50", "p90", "p99", "p99.9"};

    private final long highestTrackableNs;
    private final Histogram[] histograms = new Histogram[STAGES.length];
    private long untimed;
    private long clipped;

    /**
     * Histograms for values up to {@link #DEFAULT_HIGHEST_TRACKABLE_NS}, with {@link #DEFAULT_SIGNIFICANT_DIGITS}.
     */
    public StageHistograms()
    {
        this(DEFAULT_HIGHEST_TRACKABLE_NS, DEFAULT_SIGNIFICANT_DIGITS);
    }

    /**
     * Histograms sized for values up to a bound.
     *
     * @param highestTrackableNs the longest value recorded as itself, in nanoseconds: 2 or more.
     * @param significantDigits  the histograms' precision: 0 to 5.
     * @throws IllegalArgumentException if a parameter is out of its range.
     */
    public StageHistograms(final long highestTrackableNs, final int significantDigits)
    {
        if (highestTrackableNs < 2)
        {
            throw new IllegalArgumentException("highestTrackableNs must be 2 or more: " + highestTrackableNs);
        }
        if (significantDigits < 0 || significantDigits > 5)
        {
            throw new IllegalArgumentException("significantDigits must be 0 to 5: " + significantDigits);
        }
        this.highestTrackableNs = highestTrackableNs;
        for (int i = 0; i < histograms.length; i++)
        {
            histograms[i] = new Histogram(highestTrackableNs, significantDigits);
        }
    }

    /**
     * Records an outcome's stages, reading the consumer's clock now.
     *
     * @param outcome the outcome, inside the callback that received it.
     * @return true if it was recorded, false if it carried no stamps.
     */
    public boolean record(final Outcome<?> outcome)
    {
        return record(outcome, System.nanoTime());
    }

    /**
     * Records an outcome's stages against a clock reading the consumer already took.
     *
     * @param outcome       the outcome, inside the callback that received it.
     * @param consumedNanos when the consumer took the outcome ({@link System#nanoTime()}).
     * @return true if it was recorded, false if it carried no stamps.
     */
    public boolean record(final Outcome<?> outcome, final long consumedNanos)
    {
        final long publishedNanos = outcome.publishedNanos();
        final long startedNanos = outcome.startedNanos();
        final long endedNanos = outcome.endedNanos();
        if (0L == publishedNanos || 0L == startedNanos || 0L == endedNanos)
        {
            untimed++;
            return false;
        }
        recordValue(Stage.QUEUE_WAIT, startedNanos - publishedNanos);
        recordValue(Stage.SERVICE, endedNanos - startedNanos);
        recordValue(Stage.RESULT_WAIT, consumedNanos - endedNanos);
        recordValue(Stage.END_TO_END, consumedNanos - publishedNanos);
        return true;
    }

    private void recordValue(final Stage stage, final long nanos)
    {
        // The stamps come from one monotonic clock, so a negative difference can only be a caller's stale reading.
        long value = Math.max(0L, nanos);
        if (value > highestTrackableNs)
        {
            clipped++;
            value = highestTrackableNs;
        }
        histograms[stage.ordinal()].recordValue(value);
    }

    /**
     * One stage's histogram, in nanoseconds.
     *
     * @param stage the stage.
     * @return the histogram itself, not a copy.
     */
    public Histogram histogram(final Stage stage)
    {
        return histograms[stage.ordinal()];
    }

    /**
     * Outcomes recorded: those that carried stamps.
     *
     * @return the count.
     */
    public long recorded()
    {
        return histograms[Stage.END_TO_END.ordinal()].getTotalCount();
    }

    /**
     * Outcomes passed to {@link #record} that carried no stamps and so were not recorded.
     *
     * @return the count.
     */
    public long untimed()
    {
        return untimed;
    }

    /**
     * Values above the histograms' bound, recorded as the bound (one outcome may count up to twice: its end to end
     * and the stage that was long).
     *
     * @return the count.
     */
    public long clipped()
    {
        return clipped;
    }

    /**
     * Empties the histograms and the counts, keeping their memory, to start a new interval.
     */
    public void reset()
    {
        for (final Histogram histogram : histograms)
        {
            histogram.reset();
        }
        untimed = 0;
        clipped = 0;
    }

    /**
     * Prints a table of the four stages in microseconds: p50, p90, p99, p99.9, max and count, one line a stage.
     *
     * @param out where to print.
     */
    public void printPercentiles(final PrintStream out)
    {
        final StringBuilder line = new StringBuilder(128);
        line.append(String.format(Locale.ROOT, "  %-12s", "stage, us"));
        for (final String label : PERCENTILE_LABELS)
        {
            line.append(String.format(Locale.ROOT, " %11s", label));
        }
        line.append(String.format(Locale.ROOT, " %11s %11s", "max", "count"));
        out.println(line);
        for (final Stage stage : STAGES)
        {
            final Histogram histogram = histogram(stage);
            line.setLength(0);
            line.append(String.format(Locale.ROOT, "  %-12s", stage.label()));
            for (final double percentile : PERCENTILES)
            {
                line.append(String.format(Locale.ROOT, " %,11.1f",
                    histogram.getValueAtPercentile(percentile) / NANOS_PER_MICRO));
            }
            line.append(String.format(Locale.ROOT, " %,11.1f %,11d",
                histogram.getMaxValue() / NANOS_PER_MICRO, histogram.getTotalCount()));
            out.println(line);
        }
        if (0 != untimed || 0 != clipped)
        {
            out.printf(Locale.ROOT, "  (%,d outcomes without stamps not recorded; %,d values over %,d us clipped)%n",
                untimed, clipped, highestTrackableNs / 1_000);
        }
    }

    /**
     * Writes one stage's percentile distribution in HdrHistogram's {@code .hgrm} text form, values in microseconds,
     * as HdrHistogram's plotter reads it.
     *
     * @param stage the stage.
     * @param out   where to write.
     */
    public void outputPercentileDistribution(final Stage stage, final PrintStream out)
    {
        histogram(stage).outputPercentileDistribution(out, NANOS_PER_MICRO);
    }

    /**
     * Writes the four stages' percentile distributions as {@code .hgrm} files, values in microseconds:
     * {@code <prefix>-queue-wait.hgrm}, {@code <prefix>-service.hgrm}, {@code <prefix>-result-wait.hgrm} and
     * {@code <prefix>-end-to-end.hgrm}, each overwritten if it exists.
     *
     * @param directory where to write; made if missing.
     * @param prefix    the start of each file's name.
     * @return the four files, in {@link Stage} order.
     * @throws IOException if a file cannot be written.
     */
    public Path[] exportHgrm(final Path directory, final String prefix) throws IOException
    {
        Files.createDirectories(directory);
        final Path[] files = new Path[STAGES.length];
        for (final Stage stage : STAGES)
        {
            final Path file = directory.resolve(prefix + "-" + stage.fileLabel() + ".hgrm");
            try (OutputStream stream = Files.newOutputStream(file);
                PrintStream out = new PrintStream(stream, false, StandardCharsets.UTF_8))
            {
                outputPercentileDistribution(stage, out);
                if (out.checkError())
                {
                    throw new IOException("cannot write " + file);
                }
            }
            files[stage.ordinal()] = file;
        }
        return files;
    }
}
