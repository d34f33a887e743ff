package io.ringpool.stat;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ringpool-stat}: prints the counters of running pools from another process, refreshing every second until
 * Ctrl-C, as Aeron's {@code AeronStat} does for a media driver. It maps the file each pool was built with
 * ({@code RingPoolBuilder.countersFile}) and reads it with {@code CountersFileReader}; it never writes to it, and the
 * pool pays nothing for being watched.
 * <pre>
 *   java -jar tools/target/ringpool-stat.jar /tmp/enrichment.counters --counter=completed --interval=500
 * </pre>
 * The jar's manifest opens {@code jdk.internal.misc} (Agrona's {@code UnsafeBuffer} needs it on Java 17); run any
 * other way, the JVM needs {@code --add-opens java.base/jdk.internal.misc=ALL-UNNAMED}, and without it the tool says
 * so in one line and exits with {@link #EXIT_USAGE}.
 */
public final class RingPoolStat
{
    /** Exit code after the requested refreshes (or {@code --help}). */
    public static final int EXIT_OK = 0;
    /** Exit code for bad arguments, a missing or unreadable file, or a JVM without the flag. */
    public static final int EXIT_USAGE = 2;

    private RingPoolStat()
    {
    }

    /**
     * Runs the tool and exits with its exit code.
     *
     * @param args the counters files and flags; see {@code --help}.
     */
    public static void main(final String[] args)
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Parses the arguments, maps the files and prints their counters until the count of refreshes is reached or the
     * thread is interrupted.
     *
     * @param args the arguments.
     * @param out  where the counters go.
     * @param err  where errors go.
     * @return the exit code.
     */
    static int run(final String[] args, final PrintStream out, final PrintStream err)
    {
        final StatOptions options;
        try
        {
            options = StatOptions.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("ringpool-stat: " + ex.getMessage());
            err.println("run with --help for the usage");
            return EXIT_USAGE;
        }
        if (options.help)
        {
            out.println(StatOptions.USAGE);
            return EXIT_OK;
        }
        final List<WatchedFile> files = open(options, err);
        if (null == files)
        {
            return EXIT_USAGE;
        }
        try
        {
            watch(options, files, out);
        }
        finally
        {
            for (final WatchedFile file : files)
            {
                file.close();
            }
        }
        return EXIT_OK;
    }

    private static List<WatchedFile> open(final StatOptions options, final PrintStream err)
    {
        for (final java.nio.file.Path path : options.files)
        {
            if (!Files.isRegularFile(path))
            {
                err.println("ringpool-stat: no counters file at " + path.toAbsolutePath() +
                    " (a pool makes it at start() when built with countersFile)");
                return null;
            }
        }
        final String flagProblem = AgronaAccess.problem();
        if (null != flagProblem)
        {
            err.println("ringpool-stat: " + flagProblem);
            return null;
        }
        final List<WatchedFile> files = new ArrayList<>();
        for (final java.nio.file.Path path : options.files)
        {
            try
            {
                files.add(WatchedFile.open(path));
            }
            catch (final RuntimeException ex)
            {
                // CountersFileReader names the JVM flag too, should the probe above ever pass where it fails.
                err.println("ringpool-stat: cannot read " + path + ": " + ex.getMessage());
                for (final WatchedFile opened : files)
                {
                    opened.close();
                }
                return null;
            }
        }
        return files;
    }

    private static void watch(final StatOptions options, final List<WatchedFile> files, final PrintStream out)
    {
        final StatScreen screen = new StatScreen(options, null != System.console() && options.count > 1);
        for (long refresh = 0; refresh < options.count; refresh++)
        {
            if (refresh > 0)
            {
                try
                {
                    Thread.sleep(options.intervalMs);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (final WatchedFile file : files)
                {
                    file.refresh();
                }
                if (null == System.console())
                {
                    out.println();
                }
            }
            screen.print(files, out);
        }
    }
}
