package io.ringpool.bench.report;

import io.ringpool.bench.contender.Contender;
import io.ringpool.bench.contender.Topology;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.results.format.ResultFormatType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The hot path's goals, measured in one JMH run and judged against the Disruptor 3 {@code WorkerPool} measured in the
 * same run: fire-and-forget (single and batch publishes), round trips with results (1P→1W, 1P→2W, tiny and ~1 µs
 * tasks), and allocation. Writes a Markdown report and the raw JMH JSON beside it.
 * <p>
 * Run, from the repository root:
 * <pre>
 *   mvn -B -ntp -DskipTests package
 *   java -cp bench/target/benchmarks.jar io.ringpool.bench.report.HotPathReport \
 *       --forks=4 --out=docs/benchmarks/hot-path.md
 * </pre>
 * A ratio's error comes from both scores' 99.9% intervals; a goal whose target lies inside it is marked "within
 * error": another run could turn the verdict.
 */
public final class HotPathReport
{
    private static final String D3 = Contender.DISRUPTOR3_WORKER_POOL.label();
    private static final String RING_POOL = Contender.RING_POOL_WORK_STEALING.label();

    private HotPathReport()
    {
    }

    /**
     * Runs the benchmarks and writes the report.
     *
     * @param args {@code --forks=N --out=FILE.md}.
     * @throws RunnerException if JMH fails.
     * @throws IOException     if the report cannot be written.
     */
    public static void main(final String[] args) throws RunnerException, IOException
    {
        int forks = 4;
        Path out = Path.of("docs/benchmarks/hot-path.md");
        for (final String arg : args)
        {
            if (arg.startsWith("--forks="))
            {
                forks = Integer.parseInt(arg.substring("--forks=".length()));
                if (forks < 1)
                {
                    throw new IllegalArgumentException("--forks must be >= 1; was " + forks);
                }
            }
            else if (arg.startsWith("--out="))
            {
                out = Path.of(arg.substring("--out=".length()));
            }
            else
            {
                throw new IllegalArgumentException("usage: HotPathReport [--forks=N] [--out=FILE.md]; was " + arg);
            }
        }
        final Path json = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.md$", "") + ".json");
        final Instant started = Instant.now();
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include("OneToOneFireAndForgetBenchmark")
            .include("\\.RoundTripBenchmark\\.roundTrip$")
            .param("topology", Topology.ONE_TO_ONE.name(), Topology.ONE_TO_TWO.name())
            .param("contender", Contender.RING_POOL_WORK_STEALING.name(), Contender.DISRUPTOR3_WORKER_POOL.name())
            .param("taskShape", "tiny", "1us")
            .forks(forks)
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(3)
            .measurementTime(TimeValue.seconds(1))
            .addProfiler("gc")
            .shouldFailOnError(true)
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString());
        final Collection<RunResult> results = new Runner(options.build()).run();
        final List<ThroughputRow> rows = new ArrayList<>();
        for (final RunResult result : results)
        {
            rows.add(ThroughputRow.of(result));
        }
        final String text = markdown(rows, forks, Duration.between(started, Instant.now()), json);
        Files.writeString(out, text);
        System.out.println(text);
    }

    private static String markdown(
        final List<ThroughputRow> rows, final int forks, final Duration took, final Path json)
    {
        final StringBuilder text = new StringBuilder();
        text.append("# Hot path: ringpool against the Disruptor 3 WorkerPool\n\n")
            .append("Made by `HotPathReport --forks=").append(forks).append("` in ").append(took.toSeconds())
            .append(" s: one JMH run, ").append(forks).append(" forks × 3 iterations of 1 s after 2 of warm-up, ")
            .append("`-prof gc`; raw results in [`").append(json.getFileName()).append("`](")
            .append(json.getFileName()).append(").\n\n")
            .append("## Environment\n\n").append(Environment.capture().markdown()).append('\n')
            .append("## Goals\n\n")
            .append("Ratios are ringpool ÷ the Disruptor 3.4.4 `WorkerPool`, both measured in this run; the error ")
            .append("comes from both scores' 99.9% intervals.\n\n")
            .append("| goal | target | ratio | verdict |\n|---|---|---|---|\n");
        final String faf = "1P->1W fire-and-forget";
        goal(text, rows, "fire-and-forget, one publish per task", faf, "tiny", "ringPool", D3, 0.6);
        goal(text, rows, "fire-and-forget, batches of 32 (against single publishes)", faf, "tiny",
            "ringPoolBatch", D3, 1.2);
        goal(text, rows, "fire-and-forget, batches of 32 (against D3's batches of 32)", faf, "tiny",
            "ringPoolBatch", D3 + "Batch", 1.2);
        goal(text, rows, "fire-and-forget, Producer claims of 32 (against D3's batches of 32)", faf, "tiny",
            "ringPoolClaimBatch", D3 + "Batch", 1.2);
        goal(text, rows, "1P→1W round trip, tiny tasks, with results", "1P->1W", "tiny", RING_POOL, D3, 1.2);
        goal(text, rows, "1P→2W round trip, tiny tasks, with results", "1P->2W", "tiny", RING_POOL, D3, 1.0);
        goal(text, rows, "1P→1W round trip, ~1 µs tasks", "1P->1W", "1us", RING_POOL, D3, 1.0);
        final double worstBytes = rows.stream().filter(row -> row.contender().startsWith("ringPool"))
            .mapToDouble(ThroughputRow::bytesPerOp).max().orElse(Double.NaN);
        text.append("| allocation, every ringpool case | ≤ 0.1 B/op | ").append(String.format("%.3f B/op", worstBytes))
            .append(" (worst) | ").append(worstBytes <= 0.1 ? "met" : "**not met**").append(" |\n\n");

        text.append("## Every result\n\n| benchmark | shape | contender | M ops/s | ± error | B/op |\n")
            .append("|---|---|---|---:|---:|---:|\n");
        for (final ThroughputRow row : rows)
        {
            text.append("| ").append(row.topology().replace("->", "→")).append(" | ").append(row.shape())
                .append(" | ").append(row.displayName()).append(" | ")
                .append(ThroughputTable.millions(row.opsPerSecond())).append(" | ")
                .append(ThroughputTable.millions(row.error())).append(" | ")
                .append(String.format("%.3f", row.bytesPerOp())).append(" |\n");
        }
        return text.toString();
    }

    private static void goal(
        final StringBuilder text,
        final List<ThroughputRow> rows,
        final String name,
        final String topology,
        final String shape,
        final String ours,
        final String theirs,
        final double target)
    {
        final Optional<ThroughputRow> a = find(rows, topology, shape, ours);
        final Optional<ThroughputRow> b = find(rows, topology, shape, theirs);
        text.append("| ").append(name).append(" | ≥ ").append(target).append("× | ");
        if (a.isEmpty() || b.isEmpty())
        {
            text.append("n/a | not judged: no result |\n");
            return;
        }
        final Ratio ratio = a.get().over(b.get());
        text.append(ratio.text()).append(" | ").append(ratio.value() >= target ? "met" : "**not met**")
            .append(ratio.straddles(target) ? " (within error)" : "").append(" |\n");
    }

    private static Optional<ThroughputRow> find(
        final List<ThroughputRow> rows, final String topology, final String shape, final String contender)
    {
        return rows.stream()
            .filter(row -> row.topology().equals(topology) && row.shape().equals(shape) &&
                row.contender().equals(contender))
            .findFirst();
    }
}
