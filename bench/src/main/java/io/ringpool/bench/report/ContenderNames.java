package io.ringpool.bench.report;

import java.util.List;
import java.util.Map;

/**
 * The contenders' labels (JMH method names, ringpool's with the dispatch mode in brackets; the latency harness uses
 * the same), their order in every table, and the names a reader sees.
 * <p>
 * <b>Thread safety:</b> stateless.
 */
final class ContenderNames
{
    /** ringpool's modes, in table order. */
    static final List<String> RING_POOL = List.of(
        "ringPool[WORK_STEALING]", "ringPool[ID_SEQUENCED]", "ringPool[KEYED]");

    /** The Disruptor 3 WorkerPool's label. */
    static final String DISRUPTOR3 = "disruptor3WorkerPool";

    /** The ThreadPoolExecutor's label. */
    static final String TPE = "threadPoolExecutor";

    /** Every label in table order: ringpool's modes, the other pools, the ceiling. */
    static final List<String> ORDER = List.of(
        "ringPool[WORK_STEALING]", "ringPool[ID_SEQUENCED]", "ringPool[KEYED]", DISRUPTOR3, "disruptor4Striped",
        "forkJoinPool", TPE, "inlineBaseline");

    private static final Map<String, String> DISPLAY = Map.of(
        "ringPool[WORK_STEALING]", "ringpool WORK_STEALING",
        "ringPool[ID_SEQUENCED]", "ringpool ID_SEQUENCED",
        "ringPool[KEYED]", "ringpool KEYED",
        DISRUPTOR3, "Disruptor 3.4.4 WorkerPool",
        "disruptor4Striped", "raw Disruptor 4.0.0, striped",
        "forkJoinPool", "ForkJoinPool (async)",
        TPE, "ThreadPoolExecutor",
        "inlineBaseline", "inline, no hand-off");

    private ContenderNames()
    {
    }

    /**
     * The name a reader sees.
     *
     * @param label a contender's label.
     * @return its display name, or the label itself if unknown.
     */
    static String display(final String label)
    {
        return DISPLAY.getOrDefault(label, label);
    }

    /**
     * ringpool's mode alone.
     *
     * @param label a {@code ringPool[MODE]} label.
     * @return {@code MODE}.
     */
    static String mode(final String label)
    {
        return label.substring(label.indexOf('[') + 1, label.length() - 1);
    }

    /**
     * A label's place in {@link #ORDER}.
     *
     * @param label a contender's label.
     * @return its index, or past the end if unknown.
     */
    static int rank(final String label)
    {
        final int index = ORDER.indexOf(label);
        return index < 0 ? ORDER.size() : index;
    }
}
