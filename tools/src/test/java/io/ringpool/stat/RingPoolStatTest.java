package io.ringpool.stat;

import io.ringpool.CountersFileReader;
import io.ringpool.RingPool;
import io.ringpool.ShutdownReport;
import io.ringpool.WaitPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code ringpool-stat} run as a user runs it: in a second JVM, reading the counters file of a pool that runs in this
 * one.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RingPoolStatTest
{
    private static final Path DIR = Path.of("target", "stat-test");
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final Pattern COUNTER_LINE = Pattern.compile("^  (\\S.*?)\\s+(-?[\\d,]+)(?:  ([A-Z]+))?$");

    private final List<RingPool<long[], Void>> pools = new ArrayList<>();

    @AfterEach
    void stopPools()
    {
        for (final RingPool<long[], Void> pool : pools)
        {
            pool.halt(LONG);
        }
    }

    @Test
    void shouldPrintARunningPoolsCountersFromASecondJvm() throws Exception
    {
        final Path file = DIR.resolve("alpha.counters");
        final CountDownLatch release = new CountDownLatch(1);
        final RingPool<long[], Void> pool = start("alpha", file, release);
        for (long i = 0; i < 1_000; i++)
        {
            pool.publish((task, sequence, value) -> task[0] = value, i);
        }
        pool.publish((task, sequence) -> task[0] = -1);
        pool.publish((task, sequence) -> task[0] = -1);
        awaitTrue("both workers hold a blocked task, and the file shows it",
            () -> readInProcess(file).getOrDefault("alpha: busy workers", 0L) == 2);

        final Run run = runStat(true, file.toString(), "--count=1");

        assertEquals(0, run.exitCode, run.output);
        assertTrue(run.output.contains(file + ": pid " + ProcessHandle.current().pid() + " (running)"), run.output);
        assertTrue(run.output.contains(", 34 counters" + System.lineSeparator()), run.output);
        final Map<String, Long> counters = counters(run.output);
        assertEquals(34, counters.size(), "18 pool counters and 8 per worker: " + run.output);
        assertEquals(1_002L, counters.get("alpha: published"));
        assertEquals(1_000L, counters.get("alpha: completed"));
        assertEquals(0L, counters.get("alpha: failed"));
        assertEquals(2L, counters.get("alpha: busy workers"));
        assertEquals(1L, counters.get("alpha worker 0: busy"));
        assertEquals(1L, counters.get("alpha worker 1: busy"));
        assertEquals(1_000L, counters.get("alpha worker 0: completed") + counters.get("alpha worker 1: completed"));
        assertTrue(Pattern.compile("(?m)^  alpha: state\\s+1  RUNNING$").matcher(run.output).find(), run.output);
        assertAligned(run.output);

        release.countDown();
        final ShutdownReport<long[], Void> report = pool.drain(LONG);
        assertTrue(report.isBalanced() && report.completed() == 1_002, report.toString());
        final Run after = runStat(true, file.toString(), "--count=1");
        assertEquals(0, after.exitCode, after.output);
        assertTrue(after.output.contains(", 0 counters") && after.output.contains("the pool has terminated"),
            after.output);
    }

    @Test
    void shouldFilterByPoolAndByCounterAndRefreshAtTheInterval() throws Exception
    {
        final Path alphaFile = DIR.resolve("filter-alpha.counters");
        final Path betaFile = DIR.resolve("filter-beta.counters");
        final RingPool<long[], Void> alpha = start("alpha", alphaFile, null);
        final RingPool<long[], Void> beta = start("beta", betaFile, null);
        for (long i = 0; i < 300; i++)
        {
            alpha.publish((task, sequence, value) -> task[0] = value, i);
            if (i < 200)
            {
                beta.publish((task, sequence, value) -> task[0] = value, i);
            }
        }
        awaitTrue("both files show every task completed", () ->
            readInProcess(alphaFile).getOrDefault("alpha: completed", 0L) == 300 &&
                readInProcess(betaFile).getOrDefault("beta: completed", 0L) == 200);

        final Run byPool = runStat(true, alphaFile.toString(), betaFile.toString(), "--pool=BET", "--count=1");
        assertEquals(0, byPool.exitCode, byPool.output);
        final Map<String, Long> betaOnly = counters(byPool.output);
        assertEquals(34, betaOnly.size(), byPool.output);
        assertTrue(betaOnly.keySet().stream().allMatch(label -> label.startsWith("beta")), byPool.output);
        assertEquals(200L, betaOnly.get("beta: completed"));
        assertTrue(byPool.output.contains(alphaFile + ": pid ") && byPool.output.contains("34 counters, 0 shown"),
            "a file whose pool is filtered out still shows its header: " + byPool.output);

        final Run byCounter = runStat(true, alphaFile.toString(), betaFile.toString(), "--counter=completed",
            "--count=1");
        assertEquals(0, byCounter.exitCode, byCounter.output);
        assertEquals(Map.of(
            "alpha: completed", 300L,
            "alpha worker 0: completed", counters(byCounter.output).get("alpha worker 0: completed"),
            "alpha worker 1: completed", counters(byCounter.output).get("alpha worker 1: completed"),
            "beta: completed", 200L,
            "beta worker 0: completed", counters(byCounter.output).get("beta worker 0: completed"),
            "beta worker 1: completed", counters(byCounter.output).get("beta worker 1: completed")),
            counters(byCounter.output));
        assertEquals(300L, counters(byCounter.output).get("alpha worker 0: completed") +
            counters(byCounter.output).get("alpha worker 1: completed"));

        final Run workerOne = runStat(true, alphaFile.toString(), "--counter=worker 1: comp", "--count=1");
        assertEquals(List.of("alpha worker 1: completed"), List.copyOf(counters(workerOne.output).keySet()));

        final Run twice = runStat(true, alphaFile.toString(), "--counter=published", "--interval=50", "--count=3");
        assertEquals(0, twice.exitCode, twice.output);
        assertEquals(3, twice.output.split(" - ringpool-stat", -1).length - 1, twice.output);
    }

    @Test
    void shouldNameTheMissingJvmFlagInOneErrorAndExit2() throws Exception
    {
        Files.createDirectories(DIR);
        final Path file = DIR.resolve("any.counters");
        Files.write(file, new byte[4096]);

        final Run run = runStat(false, file.toString(), "--count=1");

        assertEquals(RingPoolStat.EXIT_USAGE, run.exitCode, run.output);
        final String[] lines = run.output.strip().split("\\R");
        assertEquals(1, lines.length, run.output);
        assertTrue(lines[0].startsWith("ringpool-stat: ") &&
            lines[0].contains("--add-opens java.base/jdk.internal.misc=ALL-UNNAMED") &&
            lines[0].contains("java -jar ringpool-stat.jar"), run.output);
    }

    @Test
    void shouldReportAMissingFileAndExit2() throws Exception
    {
        final Path missing = DIR.resolve("never-made.counters");

        final Run run = runStat(true, missing.toString(), "--count=1");

        assertEquals(RingPoolStat.EXIT_USAGE, run.exitCode, run.output);
        assertEquals("ringpool-stat: no counters file at " + missing.toAbsolutePath() +
            " (a pool makes it at start() when built with countersFile)", run.output.strip());
    }

    @Test
    void shouldRefuseAFileThatIsNotACountersFile() throws IOException
    {
        Files.createDirectories(DIR);
        final Path junk = DIR.resolve("junk.counters");
        Files.write(junk, new byte[4096]);

        final String[] printed = runInProcess(RingPoolStat.EXIT_USAGE, junk.toString());

        assertTrue(printed[1].startsWith("ringpool-stat: cannot read " + junk + ": not a ringpool counters file"),
            printed[1]);
    }

    @Test
    void shouldRefuseBadArgumentsAndExit2()
    {
        assertTrue(runInProcess(RingPoolStat.EXIT_USAGE)[1].contains("no counters file given"));
        assertTrue(runInProcess(RingPoolStat.EXIT_USAGE, "x", "--interval=0")[1]
            .contains("--interval must be from 1 to 3600000; was 0"));
        assertTrue(runInProcess(RingPoolStat.EXIT_USAGE, "x", "--count=many")[1]
            .contains("--count must be a whole number"));
        assertTrue(runInProcess(RingPoolStat.EXIT_USAGE, "x", "--pool")[1]
            .contains("flag --pool needs a value"));
        assertTrue(runInProcess(RingPoolStat.EXIT_USAGE, "x", "--colour=red")[1].contains("unknown flag '--colour=red'"));
        assertTrue(runInProcess(RingPoolStat.EXIT_OK, "--help")[0].startsWith("usage: java -jar ringpool-stat.jar"));
    }

    @Test
    void shouldNameACounterByTheLabelLessItsPool()
    {
        assertEquals("published", StatScreen.counterName("alpha", "alpha: published"));
        assertEquals("worker 3: held ns", StatScreen.counterName("alpha", "alpha worker 3: held ns"));
        assertEquals("other: x", StatScreen.counterName("alpha", "other: x"));
    }

    private RingPool<long[], Void> start(final String name, final Path file, final CountDownLatch gate)
    {
        final RingPool<long[], Void> pool = RingPool.builder(() -> new long[1])
            .name(name)
            .workers(2)
            .ringSize(64)
            .waitPolicy(WaitPolicy.YIELDING)
            .stallThreshold(Duration.ZERO)
            .countersFile(file)
            .handler((task, none, context) ->
            {
                if (task[0] < 0 && null != gate)
                {
                    gate.await(LONG.toSeconds(), TimeUnit.SECONDS);
                }
            })
            .build();
        pools.add(pool);
        pool.start();
        return pool;
    }

    private static Map<String, Long> counters(final String output)
    {
        final Map<String, Long> values = new LinkedHashMap<>();
        for (final String line : output.split("\\R"))
        {
            final Matcher matcher = COUNTER_LINE.matcher(line);
            if (matcher.matches())
            {
                values.put(matcher.group(1), Long.parseLong(matcher.group(2).replace(",", "")));
            }
        }
        return values;
    }

    /** Every counter line of one file ends in the same column. */
    private static void assertAligned(final String output)
    {
        int end = -1;
        for (final String line : output.split("\\R"))
        {
            if (COUNTER_LINE.matcher(line).matches())
            {
                final int valueEnd = line.endsWith("RUNNING") ? line.length() - "  RUNNING".length() : line.length();
                assertTrue(end < 0 || end == valueEnd, "aligned: " + output);
                end = valueEnd;
            }
        }
    }

    private static Map<String, Long> readInProcess(final Path file)
    {
        final Map<String, Long> values = new LinkedHashMap<>();
        if (Files.exists(file))
        {
            try (CountersFileReader reader = CountersFileReader.open(file))
            {
                reader.forEach((pool, worker, label, value) -> values.put(label, value));
            }
            catch (final IllegalStateException notYet)
            {
                // Made but not complete yet: the next look will tell.
            }
        }
        return values;
    }

    private static void awaitTrue(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    private static String[] runInProcess(final int expectedExit, final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = RingPoolStat.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        final String[] printed = {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        assertEquals(expectedExit, exit, String.join("\n", printed));
        return printed;
    }

    /** What the tool printed (standard output and error together) and its exit code. */
    private record Run(int exitCode, String output)
    {
    }

    private static Run runStat(final boolean withFlag, final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        if (withFlag)
        {
            command.add("--add-opens");
            command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(RingPoolStat.class.getName());
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output;
        try (InputStream in = process.getInputStream())
        {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(LONG.toSeconds(), TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            fail("ringpool-stat did not end: " + output);
        }
        return new Run(process.exitValue(), output);
    }
}
