package io.ringpool.stat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The command line of {@link RingPoolStat}, checked once at start: one or more counters files, then optional
 * {@code --name=value} flags.
 */
final class StatOptions
{
    static final String USAGE = String.join(System.lineSeparator(),
        "usage: java -jar ringpool-stat.jar <counters-file>... [--pool=TEXT] [--counter=TEXT] [--interval=MS]" +
            " [--count=N]",
        "",
        "Prints the counters of running pools, read from the files they were built with",
        "(RingPoolBuilder.countersFile), refreshing every interval until Ctrl-C.",
        "",
        "  --pool=TEXT     only pools whose name contains TEXT (ignoring case)",
        "  --counter=TEXT  only counters whose name contains TEXT (ignoring case), such as 'completed' or 'worker 1'",
        "  --interval=MS   milliseconds between refreshes, 1 to " + StatOptions.MAX_INTERVAL_MS + " (default 1000)",
        "  --count=N       refresh N times, then exit (default: until Ctrl-C)",
        "  --help          print this and exit",
        "",
        "On Java 17 the JVM needs --add-opens java.base/jdk.internal.misc=ALL-UNNAMED to map the file; the jar's",
        "manifest adds it, so 'java -jar ringpool-stat.jar' needs nothing more.",
        "exit codes: 0 ok; 2 bad arguments, a missing or unreadable file, or the JVM flag missing.");

    static final long MAX_INTERVAL_MS = 3_600_000L;

    final List<Path> files;
    final String poolFilter;
    final String counterFilter;
    final long intervalMs;
    final long count;
    final boolean help;

    private StatOptions(
        final List<Path> files, final String poolFilter, final String counterFilter, final long intervalMs,
        final long count, final boolean help)
    {
        this.files = files;
        this.poolFilter = poolFilter;
        this.counterFilter = counterFilter;
        this.intervalMs = intervalMs;
        this.count = count;
        this.help = help;
    }

    /**
     * Parses the command line.
     *
     * @param args the arguments.
     * @return the options; {@code count} is {@link Long#MAX_VALUE} when not given.
     * @throws IllegalArgumentException naming the first bad argument.
     */
    static StatOptions parse(final String... args)
    {
        final List<Path> files = new ArrayList<>();
        String pool = "";
        String counter = "";
        long intervalMs = 1_000L;
        long count = Long.MAX_VALUE;
        for (final String arg : args)
        {
            if ("--help".equals(arg) || "-h".equals(arg))
            {
                return new StatOptions(files, pool, counter, intervalMs, count, true);
            }
            if (!arg.startsWith("--"))
            {
                files.add(Path.of(arg));
                continue;
            }
            final int equals = arg.indexOf('=');
            final String name = equals < 0 ? arg : arg.substring(0, equals);
            final String value = equals < 0 ? null : arg.substring(equals + 1);
            if (null == value && List.of("--pool", "--counter", "--interval", "--count").contains(name))
            {
                throw new IllegalArgumentException("flag " + name + " needs a value, as " + name + "=value");
            }
            switch (name)
            {
                case "--pool":
                    pool = value.toLowerCase(Locale.ROOT);
                    break;
                case "--counter":
                    counter = value.toLowerCase(Locale.ROOT);
                    break;
                case "--interval":
                    intervalMs = parseLong(name, value, 1, MAX_INTERVAL_MS);
                    break;
                case "--count":
                    count = parseLong(name, value, 1, Long.MAX_VALUE);
                    break;
                default:
                    throw new IllegalArgumentException(
                        "unknown flag '" + arg + "'; known flags: --pool, --counter, --interval, --count, --help");
            }
        }
        if (files.isEmpty())
        {
            throw new IllegalArgumentException("no counters file given");
        }
        return new StatOptions(List.copyOf(files), pool, counter, intervalMs, count, false);
    }

    /**
     * Whether a counter passes the filters.
     *
     * @param poolName    the pool's name.
     * @param counterName the counter's name within the pool, such as {@code "worker 1: completed"}.
     * @return true if it is to be printed.
     */
    boolean accepts(final String poolName, final String counterName)
    {
        return poolName.toLowerCase(Locale.ROOT).contains(poolFilter) &&
            counterName.toLowerCase(Locale.ROOT).contains(counterFilter);
    }

    private static long parseLong(final String name, final String value, final long min, final long max)
    {
        final long parsed;
        try
        {
            parsed = Long.parseLong(value.trim().replace("_", ""));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(
                name + " must be a whole number from " + min + " to " + max + "; was '" + value + "'", ex);
        }
        if (parsed < min || parsed > max)
        {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + "; was " + parsed);
        }
        return parsed;
    }
}
