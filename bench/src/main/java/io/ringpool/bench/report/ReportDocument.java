package io.ringpool.bench.report;

import io.ringpool.bench.contender.Contender;
import io.ringpool.bench.latency.LatencyOutcome;
import io.ringpool.bench.latency.LatencyPlan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code report.md}: how the report was made and where, the goals, a headline table, the JMH tables, the
 * latency tables and plots, the files, and anything that failed.
 * <p>
 * <b>Thread safety:</b> immutable once made.
 */
final class ReportDocument
{
    private final ReportPlan plan;
    private final String command;
    private final Environment environment;
    private final ThroughputTable throughput;
    private final LatencyTable latency;
    private final Goals goals;
    private final Map<String, Boolean> plots;
    private final Map<String, String> plotNotes;
    private final List<String> failures;

    /**
     * A report of one run.
     *
     * @param plan        what ran.
     * @param command     the command line that made it.
     * @param environment where it ran.
     * @param throughput  the JMH results.
     * @param latency     the latency outcomes.
     * @param goals       the goals, judged.
     * @param plots       the plots, by file name, true if drawn.
     * @param plotNotes   why a plot was not drawn, by file name.
     * @param failures    what threw or failed, one line each; empty for a clean run.
     */
    ReportDocument(
        final ReportPlan plan, final String command, final Environment environment, final ThroughputTable throughput,
        final LatencyTable latency, final Goals goals, final Map<String, Boolean> plots,
        final Map<String, String> plotNotes, final List<String> failures)
    {
        this.plan = plan;
        this.command = command;
        this.environment = environment;
        this.throughput = throughput;
        this.latency = latency;
        this.goals = goals;
        this.plots = plots;
        this.plotNotes = plotNotes;
        this.failures = failures;
    }

    /**
     * The document.
     *
     * @param elapsedSeconds how long the report took.
     * @return Markdown.
     */
    String markdown(final double elapsedSeconds)
    {
        final StringBuilder text = new StringBuilder();
        text.append("# ringpool benchmark report\n\n");
        text.append("Made by `").append(command).append("` (").append(plan.name()).append(" mode) in ")
            .append(String.format("%.0f s", elapsedSeconds)).append(".\n\n");
        if (plan.sanity())
        {
            text.append("> **Quick mode: a sanity run, not a measurement.** One JMH fork with one 200 ms iteration, " +
                "one 1-second latency rate: it shows that every contender runs and every result comes back. Its " +
                "numbers and goal verdicts mean nothing. A missed rate is reported but does not fail this mode: " +
                "CI machines are noisy; only an exception (a benchmark or latency run that throws) fails it.\n\n");
        }
        if (!failures.isEmpty())
        {
            text.append("> **FAILED:** ").append(String.join("; ", failures)).append("\n\n");
        }
        text.append("## Environment\n\n").append(environment.markdown()).append('\n');
        text.append(howItRan());
        text.append("## Goals\n\n").append(goalsPreamble()).append(goals.markdown()).append('\n');
        text.append("## Headline: 1P→1W, tiny tasks\n\n").append(headline()).append('\n');
        text.append("## Throughput: JMH round trips\n\n").append(throughputPreamble());
        text.append(throughput.isEmpty() ? "No JMH results.\n\n" : throughput.markdown());
        text.append("## Fixed-rate latency\n\n").append(latencyPreamble());
        text.append(latency.isEmpty() ? "No latency results.\n\n" : latency.markdown(plots, plotNotes));
        text.append("## Files\n\n").append(files());
        return text.toString();
    }

    private String howItRan()
    {
        final LatencyPlan latencyPlan = plan.latency();
        return "JMH: grid `" + plan.grid().name() + "`, " + plan.grid().forks() + " fork(s), " +
            plan.grid().warmupIterations() + " warm-up and " + plan.grid().measurementIterations() +
            " measurement iteration(s) of " + plan.grid().measurementTime().toMillis() + " ms" +
            (plan.grid().gcProfiler() ? ", `-prof gc`" : "") + ", fail on error; forks inherit the JVM options " +
            "above.\n\n" +
            "Latency: one forked JVM per contender (same JVM options), its runs one after another, each with its " +
            "own start, " + latencyPlan.warmup().toMillis() + " ms warm-up at the rate (not recorded), " +
            latencyPlan.measurement().toMillis() + " ms measured, stop and exact check; rates " +
            rates(latencyPlan.ratesPerSecond()) + " tasks/s; 1 producer and " + latencyPlan.workerCounts() +
            " worker(s); ring/queue " + latencyPlan.ringSize() + "; `" + latencyPlan.shape().label() +
            "` tasks.\n\n";
    }

    private String goalsPreamble()
    {
        return "Each ringpool dispatch mode against the goals. Throughput ratios are from one JMH run, with the " +
            "error bound propagated from both scores' 99.9% intervals; \"within error\" marks a verdict that the " +
            "noise could turn. Latency ratios compare one run per contender and rate. Tail percentiles " +
            "(p99 and up) are reported below but not judged here: on two cores shared by producer, workers and " +
            "collector, a yielding thread is descheduled for milliseconds, so tails need a machine with cores to " +
            "spare. Every contender's median carries the same floor here: the producer's send lag and two " +
            "hand-offs between yielding threads (see the split tables under each rate), which bounds how far " +
            "below another pool's median any pool can go." +
            (plan.sanity() ? " **Quick mode: these verdicts mean nothing.**" : "") + "\n\n";
    }

    private String headline()
    {
        final List<Long> rates = plan.latency().ratesPerSecond();
        final StringBuilder text = new StringBuilder("| contender | M round trips/s | B/op |");
        Contender.ringPoolModes().forEach(mode -> text.append(' ').append(mode.mode()).append(" ÷ it |"));
        rates.forEach(rate -> text.append(" p50 / p90 µs at ").append(LatencyOutcome.rateLabel(rate)).append("/s |"));
        text.append("\n|---|---:|---:|");
        Contender.ringPoolModes().forEach(mode -> text.append("---:|"));
        rates.forEach(rate -> text.append("---:|"));
        text.append('\n');
        for (final Contender contender : Contender.values())
        {
            final Optional<ThroughputRow> row = throughput.find("1P->1W", "tiny", contender);
            text.append("| ").append(contender.displayName()).append(" | ")
                .append(row.map(r -> ThroughputTable.millions(r.opsPerSecond()) +
                    (Double.isNaN(r.error()) ? "" : " ± " + ThroughputTable.millions(r.error()))).orElse("-"))
                .append(" | ").append(row.map(r -> ThroughputTable.bytes(r.bytesPerOp())).orElse("-")).append(" |");
            for (final Contender mode : Contender.ringPoolModes())
            {
                final Optional<ThroughputRow> ours = throughput.find("1P->1W", "tiny", mode);
                text.append(' ').append(row.isPresent() && ours.isPresent() ?
                    (mode == contender ? "1" : ours.get().over(row.get()).text()) : "-").append(" |");
            }
            for (final long rate : rates)
            {
                text.append(' ').append(latency.find(1, rate, contender).map(ReportDocument::p50p90).orElse("-"))
                    .append(" |");
            }
            text.append('\n');
        }
        return text.append("\nRatios are ringpool's throughput divided by the row's, ± the propagated error.\n")
            .toString();
    }

    private static String p50p90(final LatencyOutcome outcome)
    {
        if (!outcome.hasSamples())
        {
            return "FAILED";
        }
        return LatencyTable.micros(outcome.latency().getValueAtPercentile(50.0)) + " / " +
            LatencyTable.micros(outcome.latency().getValueAtPercentile(90.0)) + (outcome.ok() ? "" : " (missed rate)");
    }

    private static String throughputPreamble()
    {
        return "A round trip: the producer publishes a burst of 10,000 tasks, the workers run them and hand each " +
            "result on, the result consumer records it, and the producer waits (yielding) until the burst is back. " +
            "Every contender has the same ring/queue size and yielding waits (TPE and FJP workers park, as they " +
            "do); each trial's teardown checks that every task came back exactly once. Score: round trips per " +
            "second, ± JMH's 99.9% error bound; B/op from `-prof gc` (`gc.alloc.rate.norm`, worker threads " +
            "included). Columns \"MODE ÷ it\": that ringpool mode's throughput divided by the row's.\n\n";
    }

    private static String latencyPreamble()
    {
        return "Open-loop, fixed-rate load: task i is due at start + i/rate, and carries that *intended* time; " +
            "latency = result received by the collector − intended time, so a producer held back by a full ring " +
            "or a descheduled thread cannot hide the wait (no coordinated omission), and nothing is corrected " +
            "afterwards. The producer yields or parks until a task is due, never spins. Every worker stamps when " +
            "it starts and ends a task, which splits the latency into queue wait and service time. One " +
            "HdrHistogram per contender and run (3 significant digits), the sum of its 1-second intervals. A run " +
            "that achieves less than " + Math.round(LatencyPlan.MIN_RATE_RATIO * 100) + "% of its rate (measured " +
            "tasks over the time from the end of the warm-up to the last result), or whose producer falls too far " +
            "behind and gives up, is **FAILED: missed rate**: its percentiles are shown, but they are not a result " +
            "at that rate.\n\n";
    }

    private String files()
    {
        final StringBuilder text = new StringBuilder();
        text.append("- `jmh.json`: the JMH results (`-rf json`).\n");
        text.append("- `latency/<run>.hgrm`: each latency run's percentile distribution " +
            "(`outputPercentileDistribution`, µs).\n");
        text.append("- `latency/<run>.hlog`: its interval log (`HistogramLogWriter`, one interval per ")
            .append(plan.latency().interval().toMillis()).append(" ms, ns; untagged = latency, tags `queue-wait`, " +
                "`service`).\n");
        text.append("- `latency/<run>.properties`: how the run ended (status, achieved rate, samples).\n");
        plots.forEach((plot, drawn) ->
        {
            if (drawn)
            {
                text.append("- `").append(plot).append("`: percentile plot.\n");
            }
        });
        return text.append('\n').toString();
    }

    private static String rates(final List<Long> rates)
    {
        final StringBuilder text = new StringBuilder();
        for (final long rate : rates)
        {
            text.append(text.length() == 0 ? "" : ", ").append(String.format("%,d", rate));
        }
        return text.toString();
    }
}
