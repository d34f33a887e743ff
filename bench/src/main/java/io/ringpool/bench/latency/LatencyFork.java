package io.ringpool.bench.latency;

import io.ringpool.bench.contender.Contender;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The forked JVM of one contender: runs every worker count and rate of the plan, one after another, each with its
 * own start, warm-up, measurement and stop, and writes each run's files to the latency folder. Started by
 * {@link LatencySuite}, with the plan as options ({@link LatencyPlan#arguments()}):
 * <pre>
 *   java -cp benchmarks.jar io.ringpool.bench.latency.LatencyFork --contender LABEL --out DIR --plan NAME \
 *       --rates 20000,100000 --workers 1 --warmup-ms 2000 --measure-ms 5000 --interval-ms 1000 --ring 4096 \
 *       --shape tiny --min-rate 0.95
 * </pre>
 * Exits 0 when every run ended (a missed rate included: that is a result), 1 when a run threw (after writing its
 * {@link LatencyStatus#ERROR} outcome; the runs after it are not made), 2 on a bad argument.
 * <p>
 * <b>Thread safety:</b> a main program.
 */
public final class LatencyFork
{
    private LatencyFork()
    {
    }

    /**
     * Runs one contender's share of a plan.
     *
     * @param args the options above.
     */
    public static void main(final String[] args)
    {
        final Contender contender;
        final LatencyPlan plan;
        final Path folder;
        try
        {
            final Map<String, String> options = options(args);
            contender = Contender.ofLabel(required(options, "contender"));
            plan = LatencyPlan.fromArguments(options, contender);
            folder = Path.of(required(options, "out"));
            Files.createDirectories(folder);
        }
        catch (final IllegalArgumentException | IOException ex)
        {
            System.out.println("[latency] bad arguments: " + ex.getMessage());
            System.exit(2);
            return;
        }
        System.exit(runAll(plan, contender, folder));
    }

    private static int runAll(final LatencyPlan plan, final Contender contender, final Path folder)
    {
        for (final int workers : plan.workerCounts())
        {
            for (final long rate : plan.ratesPerSecond())
            {
                try
                {
                    LatencyRun.run(plan, contender, workers, rate, folder, System.out);
                }
                catch (final IOException | RuntimeException ex)
                {
                    System.out.println("[latency] " + contender.label() + " 1P->" + workers + "W " +
                        LatencyOutcome.rateLabel(rate) + "/s: ERROR " + ex);
                    ex.printStackTrace(System.out);
                    writeError(folder, RunFiles.failed(contender, workers, rate, String.valueOf(ex)));
                    return 1;
                }
            }
        }
        return 0;
    }

    private static void writeError(final Path folder, final LatencyOutcome outcome)
    {
        try
        {
            RunFiles.writeOutcome(folder, outcome);
        }
        catch (final IOException ex)
        {
            // The exit status still says the run failed; the report then finds no outcome and says so.
            System.out.println("[latency] cannot write the outcome of " + outcome.baseName() + ": " + ex);
        }
    }

    private static Map<String, String> options(final String[] args)
    {
        final Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2)
        {
            if (!args[i].startsWith("--") || i + 1 == args.length)
            {
                throw new IllegalArgumentException("expected --name value pairs, found '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String required(final Map<String, String> options, final String name)
    {
        final String value = options.get(name);
        if (null == value)
        {
            throw new IllegalArgumentException("missing option --" + name);
        }
        return value;
    }
}
