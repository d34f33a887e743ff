package io.ringpool.bench.stress;

import io.ringpool.ShutdownReport;
import io.ringpool.testkit.StressRun;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The long randomized soak: the testkit's {@link StressRun} (random producers, workers, dispatch modes, result
 * orders, ring sizes, cancels, failing, stuck and fatal tasks, halts and drains at random points; and, in half the
 * runs, issue #8's edge shapes: zero and tiny bounds, zero or tiny interrupt grace, result rings of 1 to 4 entries,
 * pollers that race, quit or run the shutdown themselves, cancels racing the halt), run back to back until both a
 * duration and a task count are reached, every run verified with exact accounting: every accepted handle in
 * exactly one place (an outcome delivered, undelivered, returned, abandoned), counts equal to the outcomes'
 * statuses, nothing polled after the report.
 * <p>
 * Writes a tally file: the seed of the whole soak, the git revision, the flags, counts per outcome over all runs,
 * how the runs ended, and the seed of every run that failed. Exits 1 if any run failed. Replay a failed run with
 * {@code mvn -pl testkit -am test -Dtest=ConcurrencyStressTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dringpool.seed=<seed>}.
 * <pre>
 *   mvn -B -ntp -DskipTests package
 *   java -cp bench/target/benchmarks.jar io.ringpool.bench.stress.LongStress \
 *       --minutes=10 --tasks=100000000 --out=docs/stress/long-run-tally.txt
 * </pre>
 */
public final class LongStress
{
    private LongStress()
    {
    }

    /**
     * Runs the soak.
     *
     * @param args {@code --minutes=M --tasks=N --out=FILE [--seed=S] [--scale=K]}.
     * @throws IOException if the tally cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        final Options options;
        try
        {
            options = Options.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("LongStress: " + ex.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        System.setProperty("ringpool.stress.quiet", "true");
        final Soak soak = new Soak(options);
        soak.run(System.out);
        soak.write(options.out);
        System.out.println("tally written to " + options.out.toAbsolutePath());
        System.exit(soak.failures.isEmpty() ? 0 : 1);
    }

    /** The command line. */
    record Options(long minutes, long tasks, Path out, long seed, int scale)
    {
        static final String USAGE =
            "usage: LongStress --minutes=M --tasks=N --out=FILE [--seed=S] [--scale=K]\n" +
            "  runs randomized stress runs until at least M minutes have passed and N tasks were accepted;\n" +
            "  --scale multiplies each run's task count (default 10)";

        static Options parse(final String[] args)
        {
            long minutes = 10;
            long tasks = 100_000_000L;
            Path out = Path.of("long-run-tally.txt");
            long seed = System.nanoTime();
            int scale = 10;
            for (final String arg : args)
            {
                final int equals = arg.indexOf('=');
                if (!arg.startsWith("--") || equals < 0)
                {
                    throw new IllegalArgumentException("flags are --name=value; was '" + arg + "'");
                }
                final String name = arg.substring(2, equals);
                final String value = arg.substring(equals + 1);
                switch (name)
                {
                    case "minutes":
                        minutes = positive(name, value);
                        break;
                    case "tasks":
                        tasks = positive(name, value);
                        break;
                    case "out":
                        out = Path.of(value);
                        break;
                    case "seed":
                        seed = Long.parseLong(value);
                        break;
                    case "scale":
                        scale = (int)Math.min(1_000, positive(name, value));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown flag --" + name);
                }
            }
            return new Options(minutes, tasks, out, seed, scale);
        }

        private static long positive(final String name, final String value)
        {
            try
            {
                final long parsed = Long.parseLong(value.replace("_", ""));
                if (parsed < 1)
                {
                    throw new IllegalArgumentException("--" + name + " must be >= 1; was " + parsed);
                }
                return parsed;
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("--" + name + " must be a whole number; was '" + value + "'");
            }
        }
    }

    /** The runs and their totals. */
    private static final class Soak
    {
        private final Options options;
        private final List<String> failures = new ArrayList<>();
        private final Instant started = Instant.now();
        private long runs;
        private long accepted;
        private long rejected;
        private long completed;
        private long failed;
        private long cancelled;
        private long expired;
        private long returned;
        private long abandoned;
        private long undelivered;
        private long delivered;
        private long drainsAfterAll;
        private long drainsRacing;
        private long halts;
        private long poolsFailed;
        private long stuckRuns;
        private long fatalRuns;
        private long tinyBoundRuns;
        private long tinyGraceRuns;
        private long tinyResultRingRuns;
        private long cancelRaceRuns;
        private final long[] pollerStyles = new long[StressRun.PollerStyle.values().length];
        private long elapsedNs;

        Soak(final Options options)
        {
            this.options = options;
        }

        void run(final PrintStream progress)
        {
            final SplittableRandom seeds = new SplittableRandom(options.seed);
            final long start = System.nanoTime();
            final long minNs = TimeUnit.MINUTES.toNanos(options.minutes);
            long nextReport = start + TimeUnit.SECONDS.toNanos(30);
            progress.printf("LongStress: soak seed %d, at least %d min and %,d tasks, scale %d%n",
                options.seed, options.minutes, options.tasks, options.scale);
            while (System.nanoTime() - start < minNs || accepted < options.tasks)
            {
                final long seed = seeds.nextLong();
                final StressRun run = StressRun.randomShape(seed).scaled(options.scale);
                countShape(run);
                try
                {
                    add(run, run.execute());
                }
                catch (final AssertionError | RuntimeException ex)
                {
                    failures.add(seed + ": " + ex);
                    progress.println("FAILED run, seed " + seed + ": " + ex);
                }
                runs++;
                if (System.nanoTime() - nextReport >= 0)
                {
                    nextReport += TimeUnit.SECONDS.toNanos(30);
                    progress.printf("  %s: %,d runs, %,d tasks accepted, %d failed runs%n",
                        Duration.ofNanos(System.nanoTime() - start).withNanos(0), runs, accepted, failures.size());
                }
            }
            elapsedNs = System.nanoTime() - start;
        }

        /** The edge options a run was drawn with; counted for every run, passed or failed. */
        private void countShape(final StressRun run)
        {
            tinyBoundRuns += run.tinyBound() ? 1 : 0;
            tinyGraceRuns += run.tinyGrace() ? 1 : 0;
            tinyResultRingRuns += run.resultRingSize() > 0 ? 1 : 0;
            cancelRaceRuns += run.cancelRace() ? 1 : 0;
            if (null != run.pollerStyle())
            {
                pollerStyles[run.pollerStyle().ordinal()]++;
            }
        }

        private void add(final StressRun run, final StressRun.Tally tally)
        {
            final ShutdownReport<?, ?> report = tally.report();
            accepted += tally.accepted();
            rejected += tally.rejected();
            delivered += tally.delivered();
            completed += report.completed();
            failed += report.failed();
            cancelled += report.cancelled();
            expired += report.expired();
            returned += report.returned();
            abandoned += report.abandoned();
            undelivered += report.undelivered();
            poolsFailed += report.cause() != null ? 1 : 0;
            stuckRuns += run.stuckTask() ? 1 : 0;
            fatalRuns += run.fatalTask() ? 1 : 0;
            switch (run.ending())
            {
                case DRAIN_AFTER_ALL:
                    drainsAfterAll++;
                    break;
                case DRAIN_RACING:
                    drainsRacing++;
                    break;
                default:
                    halts++;
                    break;
            }
        }

        void write(final Path out) throws IOException
        {
            final List<String> lines = new ArrayList<>();
            lines.add("# ringpool long stress tally");
            lines.add("started: " + started);
            lines.add("finished: " + Instant.now());
            lines.add("git: " + gitRevision());
            lines.add("java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") +
                "), cores: " + Runtime.getRuntime().availableProcessors());
            lines.add("command: LongStress --minutes=" + options.minutes + " --tasks=" + options.tasks +
                " --seed=" + options.seed + " --scale=" + options.scale);
            lines.add("duration: " + Duration.ofNanos(elapsedNs).withNanos(0));
            lines.add("runs: " + runs + " (verified: every accepted sequence ran exactly once or was returned, " +
                "cancelled or abandoned; every accepted handle in exactly one place: an outcome delivered, listed " +
                "undelivered, returned or abandoned; counts equal to the outcomes' statuses; a cancel that returned " +
                "true ends CANCELLED; abandoned only while in a worker's hands; nothing polled after the report)");
            lines.add("failed runs: " + failures.size());
            lines.add("");
            lines.add("tasks accepted: " + accepted);
            lines.add("  completed:    " + completed);
            lines.add("  failed:       " + failed);
            lines.add("  cancelled:    " + cancelled);
            lines.add("  expired:      " + expired);
            lines.add("  returned:     " + returned);
            lines.add("  abandoned:    " + abandoned);
            lines.add("  (sum:         " + (completed + failed + cancelled + expired + returned + abandoned) + ")");
            lines.add("publishes rejected: " + rejected);
            lines.add("outcomes delivered: " + delivered + ", listed undelivered: " + undelivered);
            lines.add("");
            lines.add("endings: drain after all " + drainsAfterAll + ", drain racing the producers " + drainsRacing +
                ", halt racing the producers " + halts);
            lines.add("faults: runs with a stuck task " + stuckRuns + ", runs with a fatal Error " + fatalRuns +
                ", pools that ended FAILED " + poolsFailed);
            final StringBuilder styles = new StringBuilder();
            for (final StressRun.PollerStyle style : StressRun.PollerStyle.values())
            {
                styles.append(styles.length() == 0 ? "" : ", ").append(style).append(' ')
                    .append(pollerStyles[style.ordinal()]);
            }
            lines.add("edges (all runs, passed or failed): with a zero or tiny bound " + tinyBoundRuns +
                ", with a zero or tiny interrupt grace " + tinyGraceRuns + ", with a result ring of 1 to 4 entries " +
                tinyResultRingRuns + ", with cancels racing the shutdown " + cancelRaceRuns);
            lines.add("pollers (all runs): " + styles);
            if (!failures.isEmpty())
            {
                lines.add("");
                lines.add("failing seeds:");
                failures.forEach(failure -> lines.add("  " + failure));
            }
            final Path parent = out.toAbsolutePath().getParent();
            if (null != parent)
            {
                Files.createDirectories(parent);
            }
            Files.write(out, lines, StandardCharsets.UTF_8);
        }

        private static String gitRevision()
        {
            try
            {
                final Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
                final String sha = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 ? sha : "unknown";
            }
            catch (final IOException ex)
            {
                return "unknown";
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }
    }
}
