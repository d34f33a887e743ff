package io.ringpool.bench;

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
 * other contender's. Ratios are only quoted within one run: between runs the noise here is 10-40%.
 * <p>
 * <b>Thread safety:</b> stateless.
 */
public final class GridSummary
{
    /** The contenders in table order: ringpool's modes first, then the other pools, then the ceiling. */
    private static final List<String> ORDER = List.of(
        "ringPool[WORK_STEALING]", "ringPool[ID_SEQUENCED]", "ringPool[KEYED]", "disruptor3WorkerPool",
        "disruptor4Striped", "forkJoinPool", "threadPoolExecutor", "inlineBaseline");

    /** The contenders ringpool is divided by in the ratio table, with their column heads. */
    private static final Map<String, String> RIVALS = orderedMap(
        "disruptor3WorkerPool", "/ D3 WorkerPool",
        "threadPoolExecutor", "/ TPE",
        "forkJoinPool", "/ FJP",
        "disruptor4Striped", "/ raw D4",
        "inlineBaseline", "/ inline");

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
        final Map<String, Map<String, RunResult>> cells = cells(results);
        final StringBuilder text = new StringBuilder();
        text.append("| topology | shape | ring | contender | M ops/s | ± error | B/op |\n");
        text.append("|---|---|---:|---|---:|---:|---:|\n");
        cells.forEach((cell, contenders) -> contenders.forEach((contender, result) ->
        {
            final Result<?> primary = result.getPrimaryResult();
            text.append("| ").append(cell.replace(" ", " | ")).append(" | ").append(contender)
                .append(" | ").append(millions(primary.getScore()))
                .append(" | ").append(millions(primary.getScoreError()))
                .append(" | ").append(bytesPerOp(result)).append(" |\n");
        }));

        text.append("\n| topology | shape | ring | ringpool dispatch | M ops/s |");
        RIVALS.values().forEach(head -> text.append(' ').append(head).append(" |"));
        text.append("\n|---|---|---:|---|---:|");
        RIVALS.values().forEach(head -> text.append("---:|"));
        text.append('\n');
        cells.forEach((cell, contenders) -> contenders.forEach((contender, result) ->
        {
            if (!contender.startsWith("ringPool["))
            {
                return;
            }
            final double score = result.getPrimaryResult().getScore();
            text.append("| ").append(cell.replace(" ", " | ")).append(" | ")
                .append(contender, "ringPool[".length(), contender.length() - 1)
                .append(" | ").append(millions(score)).append(" |");
            RIVALS.keySet().forEach(rival ->
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
     * shapes from tiny to uneven) and then by contender (in {@link #ORDER}).
     */
    private static Map<String, Map<String, RunResult>> cells(final Collection<RunResult> results)
    {
        final List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing((RunResult r) -> topology(r))
            .thenComparing(r -> shapeOrder(r.getParams().getParam("taskShape")))
            .thenComparing(r -> Integer.parseInt(r.getParams().getParam("ringSize")))
            .thenComparing(r -> ORDER.indexOf(contender(r))));
        final Map<String, Map<String, RunResult>> cells = new LinkedHashMap<>();
        for (final RunResult result : sorted)
        {
            cells.computeIfAbsent(cell(result), c -> new LinkedHashMap<>()).put(contender(result), result);
        }
        return cells;
    }

    private static int shapeOrder(final String label)
    {
        for (final TaskShape shape : TaskShape.values())
        {
            if (shape.label().equals(label))
            {
                return shape.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    private static String cell(final RunResult result)
    {
        return topology(result) + ' ' + result.getParams().getParam("taskShape") + ' ' +
            result.getParams().getParam("ringSize");
    }

    private static String topology(final RunResult result)
    {
        final String benchmark = result.getParams().getBenchmark();
        final String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return topology(type.substring(type.lastIndexOf('.') + 1));
    }

    private static String topology(final String benchmarkClass)
    {
        switch (benchmarkClass)
        {
            case "OneToOneRoundTripBenchmark":
                return Topology.ONE_TO_ONE.toString();
            case "OneToTwoRoundTripBenchmark":
                return Topology.ONE_TO_TWO.toString();
            case "TwoToTwoRoundTripBenchmark":
                return Topology.TWO_TO_TWO.toString();
            default:
                return benchmarkClass;
        }
    }

    private static String contender(final RunResult result)
    {
        final String benchmark = result.getParams().getBenchmark();
        final String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        final String dispatch = result.getParams().getParam("dispatch");
        return null == dispatch ? method : method + '[' + dispatch + ']';
    }

    private static Map<String, String> orderedMap(final String... keysAndValues)
    {
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
