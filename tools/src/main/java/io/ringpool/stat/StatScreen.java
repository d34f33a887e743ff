package io.ringpool.stat;

import io.ringpool.CountersLayout;
import io.ringpool.PoolState;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints one refresh: a header with the time, then for each file its writer's pid and start, and one aligned line per
 * counter that passes the filters ({@code <label>  <value>}, the pool's state also by name).
 * <p>
 * <b>Thread safety:</b> one thread.
 */
final class StatScreen
{
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final PoolState[] STATES = PoolState.values();
    private static final String CLEAR = "\u001b[H\u001b[2J";

    private final StatOptions options;
    private final boolean clearScreen;
    private final List<String> labels = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    /**
     * A screen for the options' filters.
     *
     * @param options     the filters.
     * @param clearScreen whether to clear a terminal before each refresh, as a top-like display does.
     */
    StatScreen(final StatOptions options, final boolean clearScreen)
    {
        this.options = options;
        this.clearScreen = clearScreen;
    }

    /**
     * Prints one refresh of every file.
     *
     * @param files the files, refreshed by the caller.
     * @param out   where to print.
     */
    void print(final List<WatchedFile> files, final PrintStream out)
    {
        final StringBuilder screen = new StringBuilder(4096);
        if (clearScreen)
        {
            screen.append(CLEAR);
        }
        screen.append(TIME.format(Instant.now())).append(" - ringpool-stat").append(System.lineSeparator());
        screen.append("=".repeat(72)).append(System.lineSeparator());
        for (final WatchedFile file : files)
        {
            appendFile(file, screen);
        }
        out.print(screen);
        out.flush();
    }

    private void appendFile(final WatchedFile file, final StringBuilder screen)
    {
        labels.clear();
        values.clear();
        final long pid = file.reader().pid();
        final int allocated = file.reader().forEach((poolName, workerId, label, value) ->
        {
            final String counterName = counterName(poolName, label);
            if (options.accepts(poolName, counterName))
            {
                labels.add(label);
                values.add(String.format(Locale.ROOT, "%,20d", value) + stateName(counterName, value));
            }
        });
        final Optional<ProcessHandle> writer = ProcessHandle.of(pid);
        screen.append(file.path).append(": pid ").append(pid)
            .append(writer.isPresent() && writer.get().isAlive() ? " (running)" : " (exited)")
            .append(", started ").append(TIME.format(Instant.ofEpochMilli(file.reader().startMillis())))
            .append(", ").append(allocated).append(" counters");
        if (labels.size() != allocated)
        {
            screen.append(", ").append(labels.size()).append(" shown");
        }
        screen.append(System.lineSeparator());
        if (null != file.problem())
        {
            screen.append("  (").append(file.problem()).append(')').append(System.lineSeparator());
        }
        if (0 == allocated)
        {
            screen.append("  (no counters: the pool has terminated and freed them, or has not started)")
                .append(System.lineSeparator());
        }
        int width = 0;
        for (final String label : labels)
        {
            width = Math.max(width, label.length());
        }
        for (int i = 0; i < labels.size(); i++)
        {
            screen.append("  ").append(labels.get(i)).append(" ".repeat(width - labels.get(i).length()))
                .append(values.get(i)).append(System.lineSeparator());
        }
    }

    /** The label less its pool name: {@code "published"} or {@code "worker 1: completed"}. */
    static String counterName(final String poolName, final String label)
    {
        final int nameLength = Math.min(poolName.length(), CountersLayout.MAX_POOL_NAME_BYTES);
        if (label.startsWith(poolName.substring(0, nameLength)))
        {
            final String rest = label.substring(nameLength);
            return rest.startsWith(": ") ? rest.substring(2) : rest.trim();
        }
        return label;
    }

    private static String stateName(final String counterName, final long value)
    {
        return "state".equals(counterName) && value >= 0 && value < STATES.length ? "  " + STATES[(int)value] : "";
    }
}
