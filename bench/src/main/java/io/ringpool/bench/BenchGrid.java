package io.ringpool.bench;

import io.ringpool.bench.contender.Contender;
import io.ringpool.bench.contender.Topology;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Runs a grid of {@link RoundTripBenchmark} through JMH's {@link Runner}: every {@link Contender}, in the grid's
 * topologies and task shapes, with JSON results, and fails unless every benchmark ran and every expected result is
 * there. Each topology runs with one JMH thread per producer: one {@link Runner} run per producer count, their results
 * written as one JSON file.
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.ringpool.bench.BenchGrid [--quick | --full] [--json PATH]
 *
 *   (default)  1P-&gt;1W and 1P-&gt;2W x {tiny, 1us}, every contender, -f 2 -wi 2 -i 3 (1 s each), -prof gc
 *   --full     also 2P-&gt;2W, and the shapes 100ns and uneven
 *   --quick    every contender in every topology, tiny only, 1 fork, one short warm-up and iteration: a sanity run
 *   --json     where the JSON results go (default bench/reports/grid-&lt;grid&gt;.json)
 * </pre>
 * Exits 0 when the grid is complete, 1 when a benchmark failed (JMH's {@code -foe true}) or a result is missing, 2 on
 * a bad argument. Progress lines start with {@code [BenchGrid]}; a summary table with the ratios follows the run
 * ({@link GridSummary}).
 * <p>
 * A report generator reuses {@link #run(Spec, Path, PrintStream)}.
 * <p>
 * <b>Thread safety:</b> stateless; one grid at a time per machine makes sense, but nothing stops two.
 */
public final class BenchGrid
{
    private static final String PREFIX = "[BenchGrid] ";

    private BenchGrid()
    {
    }

    /**
     * What a grid runs and how long: the topologies, the parameter values, JMH's forks and iterations, and whether to
     * profile allocation. Every contender runs in every cell.
     *
     * @param name                  the grid's name, for messages and the default JSON file name.
     * @param topologies            the topologies.
     * @param taskShapes            values of the {@code taskShape} parameter.
     * @param ringSizes             values of the {@code ringSize} parameter.
     * @param forks                 JMH forks per benchmark.
     * @param warmupIterations      JMH warm-up iterations.
     * @param warmupTime            length of a warm-up iteration.
     * @param measurementIterations JMH measurement iterations.
     * @param measurementTime       length of a measurement iteration.
     * @param gcProfiler            whether to add {@code -prof gc} (B/op).
     */
    public record Spec(
        String name,
        List<Topology> topologies,
        List<String> taskShapes,
        List<Integer> ringSizes,
        int forks,
        int warmupIterations,
        Duration warmupTime,
        int measurementIterations,
        Duration measurementTime,
        boolean gcProfiler)
    {
        /** The default grid: 1P->1W and 1P->2W, tiny and 1 µs tasks, 2 forks, 2 + 3 iterations of 1 s, B/op. */
        public static final Spec DEFAULT = new Spec(
            "default",
            List.of(Topology.ONE_TO_ONE, Topology.ONE_TO_TWO),
            List.of(TaskShape.TINY.label(), TaskShape.ONE_US.label()),
            List.of(4096),
            2, 2, Duration.ofSeconds(1), 3, Duration.ofSeconds(1), true);

        /** The full grid: the default one, plus 2P->2W and the shapes 100ns and uneven. */
        public static final Spec FULL = new Spec(
            "full",
            List.of(Topology.values()),
            List.of(TaskShape.TINY.label(), TaskShape.HUNDRED_NS.label(), TaskShape.ONE_US.label(),
                TaskShape.UNEVEN.label()),
            List.of(4096),
            2, 2, Duration.ofSeconds(1), 3, Duration.ofSeconds(1), true);

        /** A sanity run: every contender in every topology, tiny tasks, one fork, one short iteration of each kind. */
        public static final Spec QUICK = new Spec(
            "quick",
            List.of(Topology.values()),
            List.of(TaskShape.TINY.label()),
            List.of(4096),
            1, 1, Duration.ofMillis(100), 1, Duration.ofMillis(200), false);

        /**
         * Copies the lists, so a spec cannot change after it is made.
         */
        public Spec
        {
            topologies = List.copyOf(topologies);
            taskShapes = List.copyOf(taskShapes);
            ringSizes = List.copyOf(ringSizes);
        }

        /**
         * This grid with other ring sizes: e.g. a ring larger than the burst as well as a smaller one.
         *
         * @param sizes the {@code ringSize} values.
         * @return the new spec.
         */
        public Spec withRingSizes(final Integer... sizes)
        {
            return new Spec(name, topologies, taskShapes, List.of(sizes), forks, warmupIterations, warmupTime,
                measurementIterations, measurementTime, gcProfiler);
        }
    }

    /**
     * Runs the grid: {@code --quick}, {@code --full} or the default, JSON results to {@code --json PATH}.
     *
     * @param args the command line.
     */
    public static void main(final String[] args)
    {
        Spec spec = Spec.DEFAULT;
        Path json = null;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    spec = Spec.QUICK;
                    break;
                case "--full":
                    spec = Spec.FULL;
                    break;
                case "--json":
                    if (i + 1 == args.length)
                    {
                        usage("--json needs a path");
                    }
                    json = Path.of(args[++i]);
                    break;
                default:
                    if (args[i].startsWith("-"))
                    {
                        usage("unknown option " + args[i]);
                    }
                    json = Path.of(args[i]);
                    break;
            }
        }
        if (null == json)
        {
            json = Path.of("bench", "reports", "grid-" + spec.name() + ".json");
        }

        final long startNs = System.nanoTime();
        int status = 0;
        try
        {
            final Collection<RunResult> results = run(spec, json, System.out);
            System.out.println();
            System.out.println(GridSummary.render(results));
            System.out.println(PREFIX + "grid '" + spec.name() + "' complete: " + results.size() +
                " results in " + seconds(startNs) + ", JSON in " + json.toAbsolutePath());
        }
        catch (final RunnerException | RuntimeException ex)
        {
            System.out.println(PREFIX + "FAILED after " + seconds(startNs) + ": " + ex);
            ex.printStackTrace(System.out);
            status = 1;
        }
        System.exit(status);
    }

    /**
     * Runs a grid, writes its results as JSON and checks that it is complete.
     *
     * @param spec     the grid.
     * @param json     where the JSON results go; its folder is created if missing.
     * @param progress where JMH's output and the progress lines go.
     * @return one result per topology, contender and parameter combination.
     * @throws RunnerException       if JMH could not run, or a benchmark threw (fail on error is on).
     * @throws IllegalStateException if a result is missing or empty.
     */
    public static Collection<RunResult> run(final Spec spec, final Path json, final PrintStream progress)
        throws RunnerException
    {
        final Set<String> expected = expectedKeys(spec);
        createFolder(json);
        progress.println(PREFIX + "grid '" + spec.name() + "': " + expected.size() + " benchmarks, " +
            spec.forks() + " fork(s) each; " + environment());
        final ProgressFormat format = new ProgressFormat(
            OutputFormatFactory.createFormatInstance(progress, VerboseMode.NORMAL), progress, expected.size());
        final List<RunResult> results = new ArrayList<>();
        for (final Map.Entry<Integer, List<Topology>> byProducers : byProducers(spec).entrySet())
        {
            results.addAll(new Runner(options(spec, byProducers.getKey(), byProducers.getValue()).build(), format)
                .run());
        }
        ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(results);
        checkComplete(spec, expected, results);
        return results;
    }

    /**
     * The JMH options of the topologies of a grid that have one producer count.
     *
     * @param spec       the grid.
     * @param producers  the producer count: JMH's threads.
     * @param topologies the topologies with that many producers.
     * @return the options builder: the benchmark, parameters, threads, forks, iterations, fail on error.
     */
    private static ChainedOptionsBuilder options(final Spec spec, final int producers, final List<Topology> topologies)
    {
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include('^' + Pattern.quote(RoundTripBenchmark.class.getName() + ".roundTrip") + '$')
            .threads(producers)
            .param("topology", topologies.stream().map(Topology::name).toArray(String[]::new))
            .param("contender", Arrays.stream(Contender.values()).map(Contender::name).toArray(String[]::new))
            .param("taskShape", spec.taskShapes().toArray(new String[0]))
            .param("ringSize", spec.ringSizes().stream().map(String::valueOf).toArray(String[]::new))
            .forks(spec.forks())
            .warmupIterations(spec.warmupIterations())
            .warmupTime(timeValue(spec.warmupTime()))
            .measurementIterations(spec.measurementIterations())
            .measurementTime(timeValue(spec.measurementTime()))
            // A hung benchmark fails the run within a minute instead of JMH's default ten.
            .timeout(TimeValue.minutes(1))
            .shouldFailOnError(true);
        if (spec.gcProfiler())
        {
            options.addProfiler(GCProfiler.class);
        }
        return options;
    }

    private static Map<Integer, List<Topology>> byProducers(final Spec spec)
    {
        final Map<Integer, List<Topology>> groups = new TreeMap<>();
        for (final Topology topology : spec.topologies())
        {
            groups.computeIfAbsent(topology.producers(), producers -> new ArrayList<>()).add(topology);
        }
        return groups;
    }

    /**
     * The results a grid must produce, as {@link #key} strings: every topology, contender, task shape and ring size.
     *
     * @param spec the grid.
     * @return the keys, sorted.
     */
    static Set<String> expectedKeys(final Spec spec)
    {
        final Set<String> keys = new TreeSet<>();
        for (final Topology topology : spec.topologies())
        {
            for (final Contender contender : Contender.values())
            {
                for (final String shape : spec.taskShapes())
                {
                    for (final int ringSize : spec.ringSizes())
                    {
                        keys.add(key(topology.name(), contender.name(), shape, Integer.toString(ringSize)));
                    }
                }
            }
        }
        return keys;
    }

    /**
     * The key of one cell and contender.
     *
     * @param topology  the {@code topology} parameter.
     * @param contender the {@code contender} parameter.
     * @param shape     the {@code taskShape} parameter.
     * @param ringSize  the {@code ringSize} parameter.
     * @return the key.
     */
    static String key(final String topology, final String contender, final String shape, final String ringSize)
    {
        return topology + ' ' + contender + ' ' + shape + ' ' + ringSize;
    }

    /**
     * The key of a result, as {@link #key}.
     *
     * @param result a run result.
     * @return the key.
     */
    static String key(final RunResult result)
    {
        final BenchmarkParams params = result.getParams();
        return key(params.getParam("topology"), params.getParam("contender"), params.getParam("taskShape"),
            params.getParam("ringSize"));
    }

    private static void checkComplete(final Spec spec, final Set<String> expected, final Collection<RunResult> results)
    {
        final Map<String, RunResult> byKey = new LinkedHashMap<>();
        for (final RunResult result : results)
        {
            byKey.put(key(result), result);
        }
        final List<String> problems = new ArrayList<>();
        for (final String key : expected)
        {
            final RunResult result = byKey.get(key);
            if (null == result)
            {
                problems.add("missing " + key);
                continue;
            }
            final long samples = result.getPrimaryResult().getSampleCount();
            final double score = result.getPrimaryResult().getScore();
            if (samples < (long)spec.forks() * spec.measurementIterations() || !(score > 0.0) ||
                Double.isInfinite(score))
            {
                problems.add("incomplete " + key + ": " + samples + " samples, score " + score);
            }
        }
        for (final String key : byKey.keySet())
        {
            if (!expected.contains(key))
            {
                problems.add("unexpected " + key);
            }
        }
        if (!problems.isEmpty())
        {
            throw new IllegalStateException("grid '" + spec.name() + "' is incomplete: " + problems);
        }
    }

    private static void createFolder(final Path json)
    {
        final Path folder = json.toAbsolutePath().getParent();
        try
        {
            Files.createDirectories(folder);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot create " + folder, ex);
        }
    }

    private static TimeValue timeValue(final Duration duration)
    {
        return TimeValue.milliseconds(duration.toMillis());
    }

    private static String environment()
    {
        return "JDK " + System.getProperty("java.vm.name") + ' ' + System.getProperty("java.vm.version") + ", " +
            Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("os.name") + ' ' +
            System.getProperty("os.arch");
    }

    static String seconds(final long startNs)
    {
        return String.format("%.1f s", (System.nanoTime() - startNs) / 1e9);
    }

    private static void usage(final String problem)
    {
        System.err.println(PREFIX + problem);
        System.err.println("usage: java -cp bench/target/benchmarks.jar io.ringpool.bench.BenchGrid " +
            "[--quick | --full] [--json PATH]");
        System.exit(2);
    }
}
