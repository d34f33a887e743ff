package io.ringpool.bench.report;

import io.ringpool.bench.BenchGrid;
import io.ringpool.bench.latency.LatencyOutcome;
import io.ringpool.bench.latency.LatencyStatus;
import io.ringpool.bench.latency.LatencySuite;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.RunnerException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One report being made, step by step: the environment, the JMH grid, the latency suite, the plots, and
 * {@code report.md}; it remembers what failed, so that a failed step costs the report its part, not the rest.
 * <p>
 * <b>Thread safety:</b> none; one thread, once.
 */
final class ReportRun
{
    private static final int STEPS = 4;

    private final ReportPlan plan;
    private final Path out;
    private final String command;
    private final long startNs = System.nanoTime();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Boolean> plots = new LinkedHashMap<>();
    private final Map<String, String> plotNotes = new LinkedHashMap<>();
    private int step;

    /**
     * A report to make.
     *
     * @param plan    what to run.
     * @param out     the folder.
     * @param command the command line, for the report's first line.
     */
    ReportRun(final ReportPlan plan, final Path out, final String command)
    {
        this.plan = plan;
        this.out = out;
        this.command = command.trim();
    }

    /**
     * Runs every step and writes the report.
     *
     * @param withJmh     false to leave the JMH grid out.
     * @param withLatency false to leave the latency suite out.
     * @return the exit status: 0, or 1 if anything threw or the report could not be written.
     */
    int run(final boolean withJmh, final boolean withLatency)
    {
        progress("report '" + plan.name() + "' into " + out.toAbsolutePath());
        final Environment environment = Environment.capture();
        progress("git " + environment.gitCommit() + ", working tree " + environment.workingTree() + "; " +
            environment.cpu() + ", " + environment.cores() + " cores, " + environment.jdk());
        try
        {
            Files.createDirectories(out);
        }
        catch (final IOException ex)
        {
            System.out.println(BenchReport.PREFIX + "FAILED: cannot create " + out + ": " + ex);
            return 1;
        }

        final Collection<RunResult> jmh = withJmh ? jmh() : skipped("JMH grid");
        final List<LatencyOutcome> outcomes = withLatency ? latency() : skippedLatency();
        final ThroughputTable throughput = new ThroughputTable(jmh);
        final LatencyTable latency = new LatencyTable(outcomes);
        plots(latency);
        final Goals goals = new Goals(throughput, latency, plan.latency().ratesPerSecond());

        step("writing report.md");
        final Path report = out.resolve("report.md");
        try
        {
            final ReportDocument document = new ReportDocument(
                plan, command, environment, throughput, latency, goals, plots, plotNotes, failures);
            Files.writeString(report, document.markdown(elapsedSeconds()), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            failures.add("cannot write " + report + ": " + ex);
        }

        goals.summary().forEach(line -> System.out.println(BenchReport.PREFIX + "goals, " + line));
        if (failures.isEmpty())
        {
            progress("done: " + report.toAbsolutePath());
            return 0;
        }
        failures.forEach(failure -> System.out.println(BenchReport.PREFIX + "FAILED: " + failure));
        progress("done, with failures: " + report.toAbsolutePath());
        return 1;
    }

    private Collection<RunResult> jmh()
    {
        step("JMH grid '" + plan.grid().name() + "'");
        try
        {
            return BenchGrid.run(plan.grid(), out.resolve("jmh.json"), System.out);
        }
        catch (final RunnerException | RuntimeException ex)
        {
            ex.printStackTrace(System.out);
            failures.add("JMH grid: " + ex);
            return List.of();
        }
    }

    private List<LatencyOutcome> latency()
    {
        step("latency, plan '" + plan.latency().name() + "': " + plan.latency().contenders().size() +
            " contenders, rates " + plan.latency().ratesPerSecond() + "/s, workers " +
            plan.latency().workerCounts());
        try
        {
            final List<LatencyOutcome> outcomes = LatencySuite.run(plan.latency(), out.resolve("latency"),
                System.out);
            int missed = 0;
            for (final LatencyOutcome outcome : outcomes)
            {
                if (outcome.status() == LatencyStatus.ERROR)
                {
                    failures.add("latency run " + outcome.baseName() + ": " + outcome.message());
                }
                else if (outcome.status() == LatencyStatus.MISSED_RATE)
                {
                    missed++;
                }
            }
            progress(outcomes.size() + " latency runs, " + missed + " missed their rate" +
                (missed > 0 ? " (marked FAILED in the report; not an error of the report)" : ""));
            return outcomes;
        }
        catch (final IOException | RuntimeException ex)
        {
            ex.printStackTrace(System.out);
            failures.add("latency suite: " + ex);
            return List.of();
        }
    }

    private Collection<RunResult> skipped(final String what)
    {
        step(what + ": skipped");
        return List.of();
    }

    private List<LatencyOutcome> skippedLatency()
    {
        step("latency: skipped");
        return List.of();
    }

    private void plots(final LatencyTable latency)
    {
        step("plots");
        for (final List<LatencyOutcome> group : latency.groups())
        {
            final LatencyOutcome first = group.get(0);
            final String name = LatencyTable.plotName(first.workers(), first.ratePerSecond());
            final String title = String.format("Fixed-rate latency at %,d tasks/s, 1P→%dW, %s tasks",
                first.ratePerSecond(), first.workers(), plan.latency().shape().label());
            final String problem = PlotGuard.draw(out.resolve(name), title, group);
            plots.put(name, null == problem);
            if (null != problem)
            {
                plotNotes.put(name, problem);
                progress("plot " + name + " not drawn: " + problem);
            }
        }
    }

    private void step(final String what)
    {
        step++;
        progress("(" + step + '/' + STEPS + ") " + what);
    }

    private void progress(final String line)
    {
        System.out.println(BenchReport.PREFIX + String.format("%.1f s ", elapsedSeconds()) + line);
        System.out.flush();
    }

    private double elapsedSeconds()
    {
        return (System.nanoTime() - startNs) / 1e9;
    }
}
