package io.ringpool.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Where a report was measured: CPU, cores, memory, OS, JDK, garbage collector, JVM options, and the git commit with
 * the state of the working tree. Read once, when the report starts.
 * <p>
 * Git is only read ({@code rev-parse}, and {@code status} without optional locks, so not even the index is
 * refreshed); where git or the repository is missing, the commit is "unknown".
 *
 * @param timestamp   when the report started, ISO-8601 with offset.
 * @param cpu         the CPU model, from /proc/cpuinfo where there is one.
 * @param cores       the processors this JVM may use.
 * @param memory      the machine's memory, from /proc/meminfo where there is one.
 * @param os          the OS name, version and architecture.
 * @param jdk         the JVM's name, vendor and version.
 * @param gc          the garbage collectors of this JVM (forks get the same options, so the same collector).
 * @param jvmOptions  this JVM's options, which the JMH and latency forks inherit.
 * @param maxHeap     this JVM's maximum heap.
 * @param gitCommit   {@code git rev-parse HEAD}, or "unknown".
 * @param workingTree "clean", the uncommitted changes, or "unknown".
 */
record Environment(
    String timestamp,
    String cpu,
    int cores,
    String memory,
    String os,
    String jdk,
    String gc,
    String jvmOptions,
    String maxHeap,
    String gitCommit,
    String workingTree)
{
    private static final long GIT_TIMEOUT_S = 10;
    private static final int MAX_CHANGES_LISTED = 12;

    /**
     * Reads the environment now.
     *
     * @return the environment.
     */
    static Environment capture()
    {
        final List<String> status = git("--no-optional-locks", "status", "--porcelain");
        final String commit = String.join("", git("rev-parse", "HEAD"));
        return new Environment(
            ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
            firstValue(Path.of("/proc/cpuinfo"), "model name", System.getProperty("os.arch")),
            Runtime.getRuntime().availableProcessors(),
            firstValue(Path.of("/proc/meminfo"), "MemTotal", "unknown"),
            System.getProperty("os.name") + ' ' + System.getProperty("os.version") + ' ' +
                System.getProperty("os.arch"),
            System.getProperty("java.vm.name") + ", " + System.getProperty("java.vm.vendor") + ", " +
                System.getProperty("java.runtime.version"),
            ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", ")),
            String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
            Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB",
            commit.isEmpty() ? "unknown" : commit,
            workingTree(commit.isEmpty(), status));
    }

    /**
     * The environment as a Markdown table.
     *
     * @return the table.
     */
    String markdown()
    {
        return "| | |\n|---|---|\n" +
            row("date", timestamp) +
            row("CPU", cpu) +
            row("cores", Integer.toString(cores)) +
            row("memory", memory) +
            row("OS", os) +
            row("JDK", jdk) +
            row("GC", gc) +
            row("JVM options", jvmOptions.isEmpty() ? "(none)" : '`' + jvmOptions + '`') +
            row("max heap", maxHeap) +
            row("git commit", gitCommit) +
            row("working tree", workingTree);
    }

    private static String row(final String name, final String value)
    {
        return "| " + name + " | " + value.replace("|", "\\|") + " |\n";
    }

    private static String workingTree(final boolean unknown, final List<String> status)
    {
        if (unknown)
        {
            return "unknown";
        }
        if (status.isEmpty())
        {
            return "clean";
        }
        final List<String> paths = new ArrayList<>();
        for (final String line : status)
        {
            paths.add(line.length() > 3 ? line.substring(3) : line);
        }
        final String listed = paths.stream().limit(MAX_CHANGES_LISTED).map(path -> '`' + path + '`')
            .collect(Collectors.joining(", "));
        return status.size() + " uncommitted change(s): " + listed +
            (paths.size() > MAX_CHANGES_LISTED ? ", ..." : "");
    }

    private static String firstValue(final Path file, final String key, final String otherwise)
    {
        try
        {
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
            {
                if (line.startsWith(key) && line.indexOf(':') > 0)
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (final IOException ex)
        {
            // Not Linux, or not readable: fall back.
        }
        return otherwise;
    }

    /**
     * Runs a read-only git command in the working directory.
     *
     * @return its output lines, or an empty list if git is missing, fails or takes too long.
     */
    private static List<String> git(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try
        {
            final Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
            process.getOutputStream().close();
            final byte[] output;
            try (InputStream in = process.getInputStream())
            {
                output = in.readAllBytes();
            }
            if (!process.waitFor(GIT_TIMEOUT_S, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                return List.of();
            }
            if (0 != process.exitValue())
            {
                return List.of();
            }
            return new String(output, StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        }
        catch (final IOException ex)
        {
            return List.of();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }
}
