package io.ringpool.example;

import io.ringpool.Dispatch;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The example's command line: {@code --name=value} flags, each optional, checked once at start.
 *
 * @param ratePerSecond   {@code --rate}: quotes per second.
 * @param durationSeconds {@code --duration}: how long the feed runs.
 * @param warmupSeconds   {@code --warmup}: how much of the start of the schedule is left out of the latency figures.
 * @param workers         {@code --workers}: pool workers.
 * @param ringSize        {@code --ring-size}: task- and result-ring entries.
 * @param waitMode        {@code --wait}: how workers and collector wait.
 * @param dispatch        {@code --dispatch}: how quotes are spread over the workers.
 * @param maxP99Millis    {@code --max-p99}: the end-to-end p99 latency above which the pipeline fell behind.
 * @param help            {@code --help}: print the usage and do nothing else.
 * @param countersFile    {@code --counters-file}: where the pool publishes its live counters for
 *                        {@code ringpool-stat}, or null for none.
 */
public record Flags(
    long ratePerSecond, int durationSeconds, int warmupSeconds, int workers, int ringSize, WaitMode waitMode,
    Dispatch dispatch, long maxP99Millis, boolean help, Path countersFile)
{
    /** The highest --max-p99 accepted, in milliseconds. */
    public static final long MAX_P99_MILLIS = 600_000L;
    /** The highest --rate accepted. */
    public static final long MAX_RATE = 10_000_000L;
    /** The longest --duration accepted, in seconds. */
    public static final int MAX_DURATION_SECONDS = 3_600;
    /** The most --workers accepted. */
    public static final int MAX_WORKERS = 64;
    /** The largest --ring-size accepted. */
    public static final int MAX_RING_SIZE = 1 << 30;

    /** The command-line help. */
    public static final String USAGE = String.join(System.lineSeparator(),
        "usage: java -jar ringpool-example.jar [--name=value ...]",
        "",
        "Feeds synthetic quotes at a fixed rate through a ringpool, enriches them on the workers (rolling mid,",
        "rolling VWAP, spread, risk checks) and reports throughput, the shutdown accounting and end-to-end latency.",
        "",
        "  --rate=N        quotes per second, 1 to " + MAX_RATE + " (default 100000)",
        "  --duration=S    seconds the feed runs, 1 to " + MAX_DURATION_SECONDS + " (default 10)",
        "  --warmup=S      seconds at the start left out of the latency figures, 0 to duration-1 (default 2)",
        "  --workers=N     pool workers, 1 to " + MAX_WORKERS + " and at most the ring size (default 2)",
        "  --ring-size=N   ring entries, a power of two from 1 to 2^30 (default 4096)",
        "  --wait=MODE     how workers wait: yielding, blocking or sleeping (default yielding)",
        "  --dispatch=MODE how quotes reach workers: keyed (by instrument: per-instrument order and state),",
        "                  stealing (any idle worker) or sequenced (quote n to worker n mod workers) (default keyed)",
        "  --max-p99=MS    the pipeline kept up only if the end-to-end p99 is at most MS milliseconds and, when",
        "                  the feed ends, no more quotes are undelivered than arrive in MS milliseconds (or one",
        "                  ring); 1 to " + MAX_P99_MILLIS + " (default 50)",
        "  --counters-file=PATH",
        "                  publish the pool's live counters in PATH while it runs; watch them from another",
        "                  terminal with: java -jar tools/target/ringpool-stat.jar PATH (default: none)",
        "  --help          print this and exit",
        "",
        "exit codes: 0 ok; 1 the pool failed or its report does not balance; 2 bad flags (or --counters-file in a JVM",
        "without --add-opens java.base/jdk.internal.misc=ALL-UNNAMED); 3 the target rate was",
        "missed (the feed fell behind its schedule); 4 the pipeline fell behind (see --max-p99).");

    private static final List<String> NAMES =
        List.of("--rate", "--duration", "--warmup", "--workers", "--ring-size", "--wait", "--dispatch", "--max-p99",
            "--counters-file", "--help");

    /**
     * Flags without a counters file.
     *
     * @param ratePerSecond   {@code --rate}.
     * @param durationSeconds {@code --duration}.
     * @param warmupSeconds   {@code --warmup}.
     * @param workers         {@code --workers}.
     * @param ringSize        {@code --ring-size}.
     * @param waitMode        {@code --wait}.
     * @param dispatch        {@code --dispatch}.
     * @param maxP99Millis    {@code --max-p99}.
     * @param help            {@code --help}.
     */
    public Flags(
        final long ratePerSecond, final int durationSeconds, final int warmupSeconds, final int workers,
        final int ringSize, final WaitMode waitMode, final Dispatch dispatch, final long maxP99Millis,
        final boolean help)
    {
        this(ratePerSecond, durationSeconds, warmupSeconds, workers, ringSize, waitMode, dispatch, maxP99Millis, help,
            null);
    }

    /**
     * The defaults: 100,000 quotes/s for 10 s with 2 s of warm-up, 2 workers, 4096-entry rings, yielding waits,
     * dispatch keyed by instrument, a p99 bound of 50 ms.
     *
     * @return the default flags.
     */
    public static Flags defaults()
    {
        return new Flags(100_000L, 10, 2, 2, 4096, WaitMode.YIELDING, Dispatch.KEYED, 50L, false);
    }

    /**
     * Parses the command line.
     *
     * @param args the arguments, each {@code --name=value} or {@code --help}.
     * @return the flags, with a default for each one not given.
     * @throws IllegalArgumentException naming the first bad flag and its allowed values.
     */
    public static Flags parse(final String... args)
    {
        final Flags defaults = defaults();
        long rate = defaults.ratePerSecond;
        int duration = defaults.durationSeconds;
        int warmup = defaults.warmupSeconds;
        int workers = defaults.workers;
        int ringSize = defaults.ringSize;
        WaitMode waitMode = defaults.waitMode;
        Dispatch dispatch = defaults.dispatch;
        long maxP99Millis = defaults.maxP99Millis;
        boolean help = false;
        Path countersFile = null;

        final Set<String> seen = new HashSet<>();
        for (final String arg : args)
        {
            if ("--help".equals(arg) || "-h".equals(arg))
            {
                help = true;
                continue;
            }
            final int equals = arg.indexOf('=');
            final String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!NAMES.contains(name))
            {
                throw new IllegalArgumentException(
                    "unknown flag '" + arg + "'; known flags: " + String.join(", ", NAMES));
            }
            if (equals < 0)
            {
                throw new IllegalArgumentException(
                    "flag " + name + " needs a value, as " + name + "=value (see --help)");
            }
            if (!seen.add(name))
            {
                throw new IllegalArgumentException("flag " + name + " is given more than once");
            }
            final String value = arg.substring(equals + 1).trim();
            switch (name)
            {
                case "--rate":
                    rate = parseLong(name, value, 1, MAX_RATE);
                    break;
                case "--duration":
                    duration = (int)parseLong(name, value, 1, MAX_DURATION_SECONDS);
                    break;
                case "--warmup":
                    warmup = (int)parseLong(name, value, 0, MAX_DURATION_SECONDS - 1);
                    break;
                case "--workers":
                    workers = (int)parseLong(name, value, 1, MAX_WORKERS);
                    break;
                case "--ring-size":
                    ringSize = parseRingSize(value);
                    break;
                case "--wait":
                    waitMode = parseWaitMode(value);
                    break;
                case "--dispatch":
                    dispatch = parseDispatch(value);
                    break;
                case "--max-p99":
                    maxP99Millis = parseLong(name, value, 1, MAX_P99_MILLIS);
                    break;
                case "--counters-file":
                    countersFile = parsePath(name, value);
                    break;
                default:
                    throw new IllegalArgumentException("flag " + name + " takes no value; was '" + arg + "'");
            }
        }

        if (warmup >= duration)
        {
            throw new IllegalArgumentException(
                "--warmup must be less than --duration (" + duration + " s); was " + warmup);
        }
        if (workers > ringSize)
        {
            throw new IllegalArgumentException(
                "--workers must be at most --ring-size (" + ringSize + "); was " + workers);
        }
        return new Flags(
            rate, duration, warmup, workers, ringSize, waitMode, dispatch, maxP99Millis, help, countersFile);
    }

    /**
     * The number of quotes the schedule calls for.
     *
     * @return rate × duration.
     */
    public long scheduledQuotes()
    {
        return ratePerSecond * durationSeconds;
    }

    /**
     * How many quotes may still be undelivered when the feed ends for the pipeline to count as keeping up: those
     * that arrive within the p99 bound at the target rate, and at least one ring's worth.
     *
     * @return the backlog bound, in quotes.
     */
    public long backlogBound()
    {
        return Math.max(ringSize, ratePerSecond * maxP99Millis / 1_000L);
    }

    /**
     * The number of quotes at the start of the schedule that fall in the warm-up.
     *
     * @return rate × warm-up.
     */
    public long warmupQuotes()
    {
        return ratePerSecond * warmupSeconds;
    }

    private static long parseLong(final String name, final String value, final long min, final long max)
    {
        final long parsed;
        try
        {
            parsed = Long.parseLong(value.replace("_", ""));
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

    private static Path parsePath(final String name, final String value)
    {
        if (value.isEmpty())
        {
            throw new IllegalArgumentException(name + " needs a file path; was empty");
        }
        try
        {
            return Path.of(value);
        }
        catch (final java.nio.file.InvalidPathException ex)
        {
            throw new IllegalArgumentException(name + " must be a file path; was '" + value + "'", ex);
        }
    }

    private static int parseRingSize(final String value)
    {
        final int size = (int)parseLong("--ring-size", value, 1, MAX_RING_SIZE);
        if (Integer.bitCount(size) != 1)
        {
            throw new IllegalArgumentException(
                "--ring-size must be a power of two from 1 to 2^30 (e.g. 1024, 4096); was " + size);
        }
        return size;
    }

    /**
     * The flag's name for a dispatch mode.
     *
     * @param dispatch a dispatch mode.
     * @return keyed, stealing or sequenced.
     */
    public static String flagValue(final Dispatch dispatch)
    {
        switch (dispatch)
        {
            case KEYED:
                return "keyed";
            case ID_SEQUENCED:
                return "sequenced";
            default:
                return "stealing";
        }
    }

    private static Dispatch parseDispatch(final String value)
    {
        for (final Dispatch dispatch : Dispatch.values())
        {
            if (flagValue(dispatch).equals(value.toLowerCase(Locale.ROOT)))
            {
                return dispatch;
            }
        }
        throw new IllegalArgumentException(
            "--dispatch must be one of keyed, stealing, sequenced; was '" + value + "'");
    }

    private static WaitMode parseWaitMode(final String value)
    {
        for (final WaitMode mode : WaitMode.values())
        {
            if (mode.flagValue().equals(value.toLowerCase(Locale.ROOT)))
            {
                return mode;
            }
        }
        throw new IllegalArgumentException(
            "--wait must be one of yielding, blocking, sleeping; was '" + value + "'");
    }
}
