package io.ringpool.bench.report;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The benchmark report in one command: the JMH round-trip grid and the fixed-rate latency harness, written to one
 * folder with {@code report.md}.
 * <pre>
 *   mvn -B -ntp -DskipTests package
 *   java -Djava.awt.headless=true -cp bench/target/benchmarks.jar io.ringpool.bench.report.BenchReport \
 *       [--quick | --full] [--out DIR]
 *
 *   (default)  JMH: 1P-&gt;1W and 1P-&gt;2W, tiny tasks, every contender, 2 forks of 2 + 3 s, -prof gc;
 *              latency: every contender at 20k, 100k and 500k tasks/s, 1P-&gt;1W, 2 s warm-up + 5 s each.
 *              About 6 minutes on two cores.
 *   --full     BenchGrid's full grid (three topologies, four task shapes); latency at seven rates from 10k to
 *              1M tasks/s with 1 and 2 workers. Half an hour or more.
 *   --quick    a sanity run for CI: BenchGrid's quick grid, every contender at 100k tasks/s for 1 s. Under a minute.
 *   --out      the folder (default bench/reports/&lt;yyyyMMdd-HHmmss&gt;, relative to the working directory)
 *   --skip-jmh, --skip-latency   leave a half out: for working on the report itself
 * </pre>
 * The folder gets {@code report.md}, {@code jmh.json}, {@code latency-<rate>.png} (one percentile plot per rate), and
 * {@code latency/} with one {@code .hgrm}, {@code .hlog} and {@code .properties} per latency run. Progress goes to
 * standard output: {@code [BenchReport]} steps, JMH's and {@code [BenchGrid]} lines, {@code [latency]} lines from the
 * forks.
 * <p>
 * Exits 0 when every benchmark and latency run completed (a latency run that missed its rate has completed: it is
 * marked FAILED in the report, but it is a result, and CI machines are noisy); 1 when a benchmark or latency run
 * threw, a fork died, or the report could not be written; 2 on a bad argument.
 * <p>
 * <b>Thread safety:</b> a main program.
 */
public final class BenchReport
{
    /** What every progress line of the report starts with. */
    static final String PREFIX = "[BenchReport] ";

    private BenchReport()
    {
    }

    /**
     * Makes a report.
     *
     * @param args {@code [--quick | --full] [--out DIR] [--skip-jmh] [--skip-latency]}.
     */
    public static void main(final String[] args)
    {
        if (null == System.getProperty("java.awt.headless"))
        {
            // The plots are drawn off screen; without this a machine with no display can fail to load AWT.
            System.setProperty("java.awt.headless", "true");
        }
        ReportPlan plan = ReportPlan.DEFAULT;
        Path out = null;
        boolean jmh = true;
        boolean latency = true;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    plan = ReportPlan.QUICK;
                    break;
                case "--full":
                    plan = ReportPlan.FULL;
                    break;
                case "--out":
                    if (i + 1 == args.length)
                    {
                        usage("--out needs a folder");
                    }
                    out = Path.of(args[++i]);
                    break;
                case "--skip-jmh":
                    jmh = false;
                    break;
                case "--skip-latency":
                    latency = false;
                    break;
                default:
                    usage("unknown option " + args[i]);
                    break;
            }
        }
        if (null == out)
        {
            final String timestamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            out = Path.of("bench", "reports", timestamp);
        }
        System.exit(new ReportRun(plan, out, "BenchReport " + String.join(" ", args)).run(jmh, latency));
    }

    private static void usage(final String problem)
    {
        System.err.println(PREFIX + problem);
        System.err.println("usage: java -Djava.awt.headless=true -cp bench/target/benchmarks.jar " +
            "io.ringpool.bench.report.BenchReport [--quick | --full] [--out DIR] [--skip-jmh] [--skip-latency]");
        System.exit(2);
    }
}
