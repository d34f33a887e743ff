package io.ringpool.bench;

import io.ringpool.bench.contender.Contender;
import io.ringpool.bench.contender.Topology;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the results of a round-trip grid into two Markdown tables: every contender's throughput and allocation per
 * cell (topology, task shape, ring size), and, per cell and dispatch mode, ringpool's throughput as a ratio to each
 * other contender's. Contenders are named and ordered as {@link Contender} names and orders them. Ratios are only
 * quoted within one run: between runs the noise here is 10-40%.
 * <p>
 * <b>Thread safety:</b> stateless.
 */
public final class GridSummary
{
    private GridSummary()
    {
    }

    /**
     * Both tables.
     *
     * @param results the results of one grid run.
     * @return Markdown text.
     */
    public static String render(final Collection<RunResult> results)
    {
        final Map<String, Map<Contender, RunResult>> cells = cells(results);
        final List<Contender> rivals = new ArrayList<>();
        for (final Contender contender : Contender.values())
        {
            if (!contender.isRingPool())
            {
                rivals.add(contender);
            }
        }
        final StringBuilder text = new StringBuilder();
        text.append("| topology | shape | ring | contender | M ops/s | ± error | B/op |\n");
        text.append("|---|---|---:|---|---:|---:|---:|\n");
        cells.forEach((cell, contenders) -> contenders.forEach((contender, result) ->
        {
            final Result<?> primary = result.getPrimaryResult();
            text.append("| ").append(cell.replace(" ", " | ")).append(" | ").append(contender.displayName())
                .append(" | ").append(millions(primary.getScore()))
                .append(" | ").append(millions(primary.getScoreError()))
                .append(" | ").append(bytesPerOp(result)).append(" |\n");
        }));

        text.append("\n| topology | shape | ring | ringpool dispatch | M ops/s |");
        rivals.forEach(rival -> text.append(" ÷ ").append(rival.displayName()).append(" |"));
        text.append("\n|---|---|---:|---|---:|");
        rivals.forEach(rival -> text.append("---:|"));
        text.append('\n');
        cells.forEach((cell, contenders) -> contenders.forEach((contender, result) ->
        {
            if (!contender.isRingPool())
            {
                return;
            }
            final double score = result.getPrimaryResult().getScore();
            text.append("| ").append(cell.replace(" ", " | ")).append(" | ").append(contender.mode())
                .append(" | ").append(millions(score)).append(" |");
            rivals.forEach(rival ->
            {
                final RunResult other = contenders.get(rival);
                text.append(' ').append(null == other ? "-" : ratio(score / other.getPrimaryResult().getScore()))
                    .append(" |");
            });
            text.append('\n');
        }));
        return text.toString();
    }

    private static String millions(final double opsPerSecond)
    {
        return Double.isNaN(opsPerSecond) ? "-" : String.format("%.2f", opsPerSecond / 1e6);
    }

    private static String ratio(final double ratio)
    {
        return String.format(ratio >= 0.1 ? "%.2f" : "%.4f", ratio);
    }

    /**
     * Allocation per operation, from {@code -prof gc}.
     *
     * @param result a run result.
     * @return B/op with one decimal, or {@code -} when the run had no GC profiler.
     */
    public static String bytesPerOp(final RunResult result)
    {
        for (final String label : result.getSecondaryResults().keySet())
        {
            if (label.endsWith("gc.alloc.rate.norm"))
            {
                final Result<?> norm = result.getSecondaryResults().get(label);
                return String.format("%.1f", norm.getScore());
            }
        }
        return "-";
    }

    /**
     * The results grouped by cell ({@code topology shape ringSize}: topologies and ring sizes in their natural order,
     * shapes from tiny to uneven) and then by contender, in {@link Contender}'s order.
     */
    private static Map<String, Map<Contender, RunResult>> cells(final Collection<RunResult> results)
    {
        final List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing((RunResult r) -> topology(r))
            .thenComparing(r -> TaskShape.of(r.getParams().getParam("taskShape")))
            .thenComparing(r -> Integer.parseInt(r.getParams().getParam("ringSize")))
            .thenComparing(GridSummary::contender));
        final Map<String, Map<Contender, RunResult>> cells = new LinkedHashMap<>();
        for (final RunResult result : sorted)
        {
            final String cell = topology(result) + " " + result.getParams().getParam("taskShape") + ' ' +
                result.getParams().getParam("ringSize");
            cells.computeIfAbsent(cell, c -> new LinkedHashMap<>()).put(contender(result), result);
        }
        return cells;
    }

    private static Topology topology(final RunResult result)
    {
        return Topology.valueOf(result.getParams().getParam("topology"));
    }

    private static Contender contender(final RunResult result)
    {
        return Contender.valueOf(result.getParams().getParam("contender"));
    }
}
