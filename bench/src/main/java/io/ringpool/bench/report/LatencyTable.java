package io.ringpool.bench.report;

import io.ringpool.bench.contender.Contender;
import io.ringpool.bench.latency.LatencyOutcome;
import io.ringpool.bench.latency.LatencyStatus;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latency half of a report: the outcomes grouped by worker count and rate, and per group a Markdown table of
 * every contender's percentiles, its plot, and the split of the latency into queue wait and service time.
 * <p>
 * <b>Thread safety:</b> immutable once made.
 */
final class LatencyTable
{
    /** The percentiles of the table, in percent. */
    static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9, 99.99};

    private final Map<String, List<LatencyOutcome>> groups = new LinkedHashMap<>();

    /**
     * The table of a suite's outcomes.
     *
     * @param outcomes the outcomes; may be empty.
     */
    LatencyTable(final List<LatencyOutcome> outcomes)
    {
        final List<LatencyOutcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(Comparator.comparingInt(LatencyOutcome::workers)
            .thenComparingLong(LatencyOutcome::ratePerSecond)
            .thenComparing(LatencyOutcome::contender));
        for (final LatencyOutcome outcome : sorted)
        {
            groups.computeIfAbsent(group(outcome.workers(), outcome.ratePerSecond()), g -> new ArrayList<>())
                .add(outcome);
        }
    }

    /**
     * Whether there are any outcomes.
     *
     * @return true if the suite produced none.
     */
    boolean isEmpty()
    {
        return groups.isEmpty();
    }

    /**
     * The groups: the outcomes of each worker count and rate, in order.
     *
     * @return the outcome lists.
     */
    List<List<LatencyOutcome>> groups()
    {
        return List.copyOf(groups.values());
    }

    /**
     * One contender's outcome.
     *
     * @param workers       its worker count.
     * @param ratePerSecond the rate.
     * @param contender     the contender.
     * @return the outcome, if the plan ran it.
     */
    Optional<LatencyOutcome> find(final int workers, final long ratePerSecond, final Contender contender)
    {
        return groups.getOrDefault(group(workers, ratePerSecond), List.of()).stream()
            .filter(outcome -> outcome.contender() == contender)
            .findFirst();
    }

    /**
     * The plot file of a group.
     *
     * @param workers       the worker count.
     * @param ratePerSecond the rate.
     * @return e.g. {@code latency-100k.png} for one worker, {@code latency-1P2W-100k.png} for more.
     */
    static String plotName(final int workers, final long ratePerSecond)
    {
        return "latency-" + (workers == 1 ? "" : "1P" + workers + "W-") + LatencyOutcome.rateLabel(ratePerSecond) +
            ".png";
    }

    /**
     * One section per group: percentiles, the plot (if it was drawn), and the queue-wait / service split.
     *
     * @param plots the plots, by file name: true if drawn.
     * @param notes why a plot is missing, by file name.
     * @return Markdown.
     */
    String markdown(final Map<String, Boolean> plots, final Map<String, String> notes)
    {
        final StringBuilder text = new StringBuilder();
        for (final List<LatencyOutcome> group : groups.values())
        {
            final LatencyOutcome first = group.get(0);
            text.append("### ").append(String.format("%,d", first.ratePerSecond())).append(" tasks/s, 1P→")
                .append(first.workers()).append("W\n\n");
            text.append("| contender | status | achieved tasks/s | samples | p50 | p90 | p99 | p99.9 | p99.99 | max " +
                "|\n");
            text.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (final LatencyOutcome outcome : group)
            {
                text.append("| ").append(outcome.contender().displayName())
                    .append(" | ").append(status(outcome))
                    .append(" | ").append(outcome.hasSamples() ? String.format("%,.0f", outcome.achievedPerSecond()) :
                        "-")
                    .append(" | ").append(outcome.hasSamples() ? String.format("%,d", outcome.measured()) : "-");
                for (final double percentile : PERCENTILES)
                {
                    text.append(" | ").append(outcome.hasSamples() ?
                        micros(outcome.latency().getValueAtPercentile(percentile)) : "-");
                }
                text.append(" | ").append(outcome.hasSamples() ? micros(outcome.latency().getMaxValue()) : "-")
                    .append(" |\n");
            }
            text.append("\nLatency in µs, from the intended send time to the result's arrival at the collector.\n");
            for (final LatencyOutcome outcome : group)
            {
                if (!outcome.message().isEmpty())
                {
                    text.append("- ").append(outcome.contender().displayName()).append(": ")
                        .append(outcome.message()).append('\n');
                }
            }
            final String plot = plotName(first.workers(), first.ratePerSecond());
            if (Boolean.TRUE.equals(plots.get(plot)))
            {
                text.append("\n![percentile plot at ").append(LatencyOutcome.rateLabel(first.ratePerSecond()))
                    .append(" tasks/s](").append(plot).append(")\n");
            }
            else if (notes.containsKey(plot))
            {
                text.append("\n(no plot: ").append(notes.get(plot)).append(")\n");
            }
            text.append('\n').append(split(group));
        }
        return text.toString();
    }

    private static String split(final List<LatencyOutcome> group)
    {
        final StringBuilder text = new StringBuilder();
        text.append("Where the time goes (µs): send lag = producer's send − intended (the harness's own share, " +
            "the same code for every contender); queue wait = worker start − intended (send lag and hand-off to " +
            "the worker); service = worker end − worker start; the rest of the latency is the result's hand-off " +
            "to the collector.\n\n");
        text.append("| contender | send lag p50 | p90 | p99 | queue wait p50 | p90 | p99 | service p50 | p90 | p99 " +
            "|\n");
        text.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final LatencyOutcome outcome : group)
        {
            if (!outcome.hasSamples())
            {
                continue;
            }
            text.append("| ").append(outcome.contender().displayName())
                .append(percentiles(outcome.sendLag())).append(percentiles(outcome.queueWait()))
                .append(percentiles(outcome.service())).append(" |\n");
        }
        return text.append('\n').toString();
    }

    private static String percentiles(final Histogram histogram)
    {
        return " | " + micros(histogram.getValueAtPercentile(50.0)) +
            " | " + micros(histogram.getValueAtPercentile(90.0)) +
            " | " + micros(histogram.getValueAtPercentile(99.0));
    }

    /**
     * A run's status as the tables show it.
     *
     * @param outcome the outcome.
     * @return {@code ok}, {@code FAILED: missed rate} or {@code FAILED: error}.
     */
    static String status(final LatencyOutcome outcome)
    {
        return outcome.status() == LatencyStatus.OK ? "ok" :
            outcome.status() == LatencyStatus.MISSED_RATE ? "**FAILED**: missed rate" : "**FAILED**: error";
    }

    /**
     * Nanoseconds as microseconds, with precision that suits the size.
     *
     * @param nanos a value in nanoseconds.
     * @return e.g. {@code 2.31}, {@code 45.6}, {@code 1,234}.
     */
    static String micros(final double nanos)
    {
        final double micros = nanos / 1e3;
        if (micros < 10.0)
        {
            return String.format("%.2f", micros);
        }
        if (micros < 1000.0)
        {
            return String.format("%.1f", micros);
        }
        return String.format("%,.0f", micros);
    }

    private static String group(final int workers, final long ratePerSecond)
    {
        return workers + "W " + ratePerSecond;
    }
}
