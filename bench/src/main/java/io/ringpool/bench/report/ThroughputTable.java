package io.ringpool.bench.report;

import io.ringpool.bench.contender.Contender;
import org.openjdk.jmh.results.RunResult;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JMH half of a report: every round-trip result, grouped by cell (topology, task shape, ring size), and per cell
 * a Markdown table of every contender's throughput, error bound and allocation, with ringpool's ratio (and its error
 * bound) to each. Ratios are only taken within one run.
 * <p>
 * <b>Thread safety:</b> immutable once made.
 */
final class ThroughputTable
{
    private static final List<String> SHAPE_ORDER = List.of("tiny", "100ns", "1us", "uneven");

    private final Map<String, List<ThroughputRow>> cells = new LinkedHashMap<>();

    /**
     * The table of a grid's results.
     *
     * @param results the results of one grid run; may be empty.
     */
    ThroughputTable(final Collection<RunResult> results)
    {
        final List<ThroughputRow> rows = new ArrayList<>();
        for (final RunResult result : results)
        {
            rows.add(ThroughputRow.of(result));
        }
        rows.sort(Comparator.comparing(ThroughputRow::topology)
            .thenComparing(row -> shapeRank(row.shape()))
            .thenComparing(ThroughputRow::ringSize)
            .thenComparing(ThroughputRow::rank));
        for (final ThroughputRow row : rows)
        {
            cells.computeIfAbsent(row.cell(), cell -> new ArrayList<>()).add(row);
        }
    }

    /**
     * Whether there are any results.
     *
     * @return true if the grid produced none (it failed, or was skipped).
     */
    boolean isEmpty()
    {
        return cells.isEmpty();
    }

    /**
     * One contender's result in one cell.
     *
     * @param topology  e.g. {@code 1P->1W}.
     * @param shape     e.g. {@code tiny}.
     * @param contender the contender.
     * @return the row, if the grid ran it (first ring size found).
     */
    Optional<ThroughputRow> find(final String topology, final String shape, final Contender contender)
    {
        for (final List<ThroughputRow> rows : cells.values())
        {
            for (final ThroughputRow row : rows)
            {
                if (row.topology().equals(topology) && row.shape().equals(shape) && row.contender().equals(contender.label()))
                {
                    return Optional.of(row);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * One Markdown table per cell.
     *
     * @return the tables, each under a heading.
     */
    String markdown()
    {
        final StringBuilder text = new StringBuilder();
        cells.forEach((cell, rows) ->
        {
            final ThroughputRow first = rows.get(0);
            text.append("### ").append(first.topology().replace("->", "→")).append(", ").append(first.shape())
                .append(" tasks, ring ").append(first.ringSize()).append("\n\n");
            final List<ThroughputRow> ringPool = rows.stream().filter(ThroughputRow::isRingPool).toList();
            text.append("| contender | M round trips/s | ± error | B/op |");
            ringPool.forEach(mode -> text.append(' ').append(Contender.ofLabel(mode.contender()).mode())
                .append(" ÷ it |"));
            text.append("\n|---|---:|---:|---:|");
            ringPool.forEach(mode -> text.append("---:|"));
            text.append('\n');
            for (final ThroughputRow row : rows)
            {
                text.append("| ").append(row.displayName())
                    .append(" | ").append(millions(row.opsPerSecond()))
                    .append(" | ").append(millions(row.error()))
                    .append(" | ").append(bytes(row.bytesPerOp())).append(" |");
                for (final ThroughputRow mode : ringPool)
                {
                    text.append(' ').append(mode.equals(row) ? "1" : mode.over(row).text()).append(" |");
                }
                text.append('\n');
            }
            text.append('\n');
        });
        return text.toString();
    }

    /**
     * Round trips per second in millions.
     *
     * @param opsPerSecond a score or error.
     * @return two decimals, or {@code -} if NaN.
     */
    static String millions(final double opsPerSecond)
    {
        return Double.isNaN(opsPerSecond) ? "-" : String.format("%.2f", opsPerSecond / 1e6);
    }

    /**
     * Bytes per operation.
     *
     * @param bytesPerOp {@code gc.alloc.rate.norm}.
     * @return two decimals, or {@code -} if NaN.
     */
    static String bytes(final double bytesPerOp)
    {
        return Double.isNaN(bytesPerOp) ? "-" : String.format("%.2f", bytesPerOp);
    }

    private static int shapeRank(final String shape)
    {
        final int index = SHAPE_ORDER.indexOf(shape);
        return index < 0 ? SHAPE_ORDER.size() : index;
    }
}
