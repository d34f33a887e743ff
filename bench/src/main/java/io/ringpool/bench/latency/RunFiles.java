package io.ringpool.bench.latency;

import io.ringpool.bench.contender.Contender;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The files of one latency run, in the latency folder: {@code <base>.hlog} (the interval log, written while it runs),
 * {@code <base>.hgrm} (the end-to-end percentile distribution, in microseconds) and {@code <base>.properties} (how it
 * ended). A fork writes them; the report reads the outcome back from the .properties and the .hlog.
 * <p>
 * <b>Thread safety:</b> stateless.
 */
final class RunFiles
{
    private static final String STATUS = "status";
    private static final String ACHIEVED = "achievedPerSecond";
    private static final String MEASURED = "measured";
    private static final String MAX_LAG = "maxLagNs";
    private static final String MESSAGE = "message";

    private RunFiles()
    {
    }

    /**
     * The interval log of a run.
     *
     * @param folder the latency folder.
     * @param base   the run's {@link LatencyOutcome#baseName}.
     * @return its path.
     */
    static Path hlog(final Path folder, final String base)
    {
        return folder.resolve(base + ".hlog");
    }

    /**
     * The percentile distribution of a run.
     *
     * @param folder the latency folder.
     * @param base   the run's {@link LatencyOutcome#baseName}.
     * @return its path.
     */
    static Path hgrm(final Path folder, final String base)
    {
        return folder.resolve(base + ".hgrm");
    }

    /**
     * The outcome file of a run.
     *
     * @param folder the latency folder.
     * @param base   the run's {@link LatencyOutcome#baseName}.
     * @return its path.
     */
    static Path properties(final Path folder, final String base)
    {
        return folder.resolve(base + ".properties");
    }

    /**
     * Writes how a run ended.
     *
     * @param folder  the latency folder.
     * @param outcome the outcome; its histograms are not written here.
     * @throws IOException if the file cannot be written.
     */
    static void writeOutcome(final Path folder, final LatencyOutcome outcome) throws IOException
    {
        final Properties properties = new Properties();
        properties.setProperty("contender", outcome.contender().label());
        properties.setProperty("workers", Integer.toString(outcome.workers()));
        properties.setProperty("ratePerSecond", Long.toString(outcome.ratePerSecond()));
        properties.setProperty(STATUS, outcome.status().name());
        properties.setProperty(ACHIEVED, Double.toString(outcome.achievedPerSecond()));
        properties.setProperty(MEASURED, Long.toString(outcome.measured()));
        properties.setProperty(MAX_LAG, Long.toString(outcome.maxLagNs()));
        properties.setProperty(MESSAGE, outcome.message());
        try (Writer out = Files.newBufferedWriter(properties(folder, outcome.baseName()), StandardCharsets.UTF_8))
        {
            properties.store(out, "ringpool latency run");
        }
    }

    /**
     * Reads a run's outcome back: its .properties and the sums of its .hlog's four streams.
     *
     * @param folder        the latency folder.
     * @param contender     the contender.
     * @param workers       its worker threads.
     * @param ratePerSecond the target rate.
     * @return the outcome; {@link LatencyStatus#ERROR} with empty histograms if the run left no .properties.
     * @throws IOException if a file exists but cannot be read.
     */
    static LatencyOutcome readOutcome(
        final Path folder, final Contender contender, final int workers, final long ratePerSecond)
        throws IOException
    {
        final String base = LatencyOutcome.baseName(contender, workers, ratePerSecond);
        final Path file = properties(folder, base);
        if (!Files.exists(file))
        {
            return failed(contender, workers, ratePerSecond, "the run left no outcome (its fork failed before it)");
        }
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(in);
        }
        final LatencyStatus status = LatencyStatus.valueOf(properties.getProperty(STATUS));
        final Histogram[] totals = {newHistogram(), newHistogram(), newHistogram(), newHistogram()};
        if (status != LatencyStatus.ERROR)
        {
            readIntervals(hlog(folder, base), totals);
        }
        return new LatencyOutcome(
            contender, workers, ratePerSecond, status,
            Double.parseDouble(properties.getProperty(ACHIEVED, "0")),
            Long.parseLong(properties.getProperty(MEASURED, "0")),
            Long.parseLong(properties.getProperty(MAX_LAG, "0")),
            properties.getProperty(MESSAGE, ""),
            totals[0], totals[1], totals[2], totals[3], base);
    }

    /**
     * An outcome for a run that threw or never ran.
     *
     * @param contender     the contender.
     * @param workers       its worker threads.
     * @param ratePerSecond the target rate.
     * @param message       what went wrong.
     * @return an {@link LatencyStatus#ERROR} outcome with empty histograms.
     */
    static LatencyOutcome failed(
        final Contender contender, final int workers, final long ratePerSecond, final String message)
    {
        return new LatencyOutcome(contender, workers, ratePerSecond, LatencyStatus.ERROR, 0.0, 0L, 0L, message,
            newHistogram(), newHistogram(), newHistogram(), newHistogram(),
            LatencyOutcome.baseName(contender, workers, ratePerSecond));
    }

    private static void readIntervals(final Path hlog, final Histogram[] totals) throws FileNotFoundException
    {
        final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        EncodableHistogram interval;
        while (null != (interval = reader.nextIntervalHistogram()))
        {
            totals[stream(interval.getTag())].add((Histogram)interval);
        }
    }

    private static int stream(final String tag)
    {
        if (null == tag)
        {
            return 0;
        }
        switch (tag)
        {
            case IntervalLogger.QUEUE_WAIT_TAG:
                return 1;
            case IntervalLogger.SERVICE_TAG:
                return 2;
            case IntervalLogger.SEND_LAG_TAG:
                return 3;
            default:
                throw new IllegalStateException("unknown tag in a latency log: " + tag);
        }
    }

    /**
     * A histogram as every latency histogram is: 1 ns to a minute, 3 significant digits.
     *
     * @return a new, empty histogram.
     */
    static Histogram newHistogram()
    {
        return new Histogram(1L, LatencyRecorder.HIGHEST_TRACKABLE_NS, LatencyRecorder.SIGNIFICANT_DIGITS);
    }
}
