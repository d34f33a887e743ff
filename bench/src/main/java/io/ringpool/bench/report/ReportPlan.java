package io.ringpool.bench.report;

import io.ringpool.bench.BenchGrid;
import io.ringpool.bench.TaskShape;
import io.ringpool.bench.contender.Topology;
import io.ringpool.bench.latency.LatencyPlan;

import java.time.Duration;
import java.util.List;

/**
 * What a report runs: a JMH grid and a latency plan.
 *
 * @param name    {@code quick}, {@code default} or {@code full}.
 * @param grid    the JMH round-trip grid.
 * @param latency the fixed-rate latency plan.
 * @param sanity  true for a sanity run, whose numbers are not results: missed rates do not fail it and its goal
 *                verdicts mean nothing.
 */
record ReportPlan(String name, BenchGrid.Spec grid, LatencyPlan latency, boolean sanity)
{
    /**
     * The default report's grid: 1P->1W and 1P->2W, tiny tasks, every contender, 2 forks of 2 + 3 iterations of
     * 1 s, with B/op. The 1 µs shape, and 2P->2W, are in {@link #FULL}: on two cores the default must stay within
     * minutes.
     */
    static final BenchGrid.Spec REPORT_GRID = new BenchGrid.Spec(
        "report",
        List.of(Topology.ONE_TO_ONE, Topology.ONE_TO_TWO),
        List.of(TaskShape.TINY.label()),
        List.of(4096),
        2, 2, Duration.ofSeconds(1), 3, Duration.ofSeconds(1), true);

    /** The default: about 6 minutes on two cores. */
    static final ReportPlan DEFAULT = new ReportPlan("default", REPORT_GRID, LatencyPlan.DEFAULT, false);

    /** Everything: BenchGrid's full grid, seven rates with 1 and 2 workers; half an hour or more. */
    static final ReportPlan FULL = new ReportPlan("full", BenchGrid.Spec.FULL, LatencyPlan.FULL, false);

    /** The CI sanity run: BenchGrid's quick grid and one short rate; under a minute. */
    static final ReportPlan QUICK = new ReportPlan("quick", BenchGrid.Spec.QUICK, LatencyPlan.QUICK, true);
}
