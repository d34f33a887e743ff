package io.ringpool;

import io.ringpool.Fixtures.Task;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.ringpool.Fixtures.LONG;
import static io.ringpool.Fixtures.VALUE;
import static io.ringpool.Fixtures.assertBalanced;
import static io.ringpool.Fixtures.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The counters file, read the way another process reads it: by a second JVM, while the pool runs.
 */
class CountersFileTest
{
    private static final Path DIR = Path.of("target", "counters-test");

    @Test
    void shouldLetASecondProcessReadThePoolsCountersWhileItRuns() throws Exception
    {
        Files.createDirectories(DIR);
        final Path file = DIR.resolve("running.counters");
        final CountDownLatch release = new CountDownLatch(1);
        final RingPool<Task, Void> pool = RingPool.builder(Task::new)
            .name("counted")
            .workers(2)
            .ringSize(64)
            .waitPolicy(WaitPolicy.YIELDING)
            .stallThreshold(java.time.Duration.ZERO)
            .countersFile(file)
            .handler((task, none, context) ->
            {
                if (task.value >= 1_000)
                {
                    release.await(30, TimeUnit.SECONDS);
                }
            })
            .build();
        pool.start();
        for (long i = 0; i < 1_000; i++)
        {
            pool.publish(VALUE, i);
        }
        pool.publish(VALUE, 1_000L);
        pool.publish(VALUE, 1_001L);
        awaitTrue("both workers hold a task and the sampler has refreshed the file", () ->
            pool.metrics().busyWorkers() == 2 && readInProcess(file).getOrDefault("counted: busy workers", 0L) == 2);

        final Map<String, Long> seen = dumpInSecondJvm(file, true);
        assertEquals(ProcessHandle.current().pid(), seen.get("pid"));
        assertEquals(1_002L, seen.get("counted: published"));
        assertEquals(1_000L, seen.get("counted: completed"));
        assertEquals(2L, seen.get("counted: busy workers"));
        assertEquals(1L, seen.get("counted worker 0: busy"));
        assertEquals(1L, seen.get("counted worker 1: busy"));
        assertEquals((long)PoolState.RUNNING.ordinal(), seen.get("counted: state"));
        assertEquals(1_000L, seen.get("counted worker 0: completed") + seen.get("counted worker 1: completed"));
        assertEquals(18L + 2 * 8L, seen.get("counters"), "18 pool counters and 8 per worker");

        release.countDown();
        assertBalanced(pool.drain(LONG));
        assertEquals(0L, dumpInSecondJvm(file, true).get("counters"), "freed when the pool terminated");
    }

    @Test
    void shouldStartWithAPoolNameLongerThanACounterLabelHolds() throws IOException
    {
        Files.createDirectories(DIR);
        final Path file = DIR.resolve("long-name.counters");
        final String name = "p".repeat(500);
        final RingPool<Task, Void> pool = RingPool.builder(Task::new)
            .name(name)
            .workers(1)
            .stallThreshold(java.time.Duration.ZERO)
            .countersFile(file)
            .handler((task, none, context) -> { })
            .build();
        pool.start();
        pool.publish(VALUE, 1L);
        awaitTrue("the task ran", () -> pool.metrics().completed() == 1);
        final Map<String, Long> seen = new HashMap<>();
        final String[] pools = new String[1];
        final CountersFileReader closed;
        try (CountersFileReader reader = CountersFileReader.open(file))
        {
            reader.forEach((pool1, worker, label, value) ->
            {
                seen.put(label, value);
                pools[0] = pool1;
            });
            closed = reader;
        }
        assertEquals("this CountersFileReader is closed", assertThrows(IllegalStateException.class,
            () -> closed.forEach((pool1, worker, label, value) -> { })).getMessage(),
            "not a crash on the unmapped file");
        closed.close();
        assertEquals(18 + 8, seen.size());
        assertEquals(CountersLayout.MAX_POOL_NAME_BYTES, pools[0].length(), "the key holds the name's first bytes");
        assertBalanced(pool.drain(LONG));
    }

    @Test
    void shouldNameTheMissingJvmFlagWhenAgronaCannotBeUsed() throws Exception
    {
        Files.createDirectories(DIR);
        final List<String> out = runSecondJvm(false, "--build-pool", DIR.resolve("no-flag.counters").toString());
        final String said = String.join("\n", out);
        assertTrue(said.contains("IllegalStateException") &&
            said.contains("--add-opens java.base/jdk.internal.misc=ALL-UNNAMED"), said);
    }

    @Test
    void shouldRefuseAFileThatIsNotACountersFile() throws IOException
    {
        Files.createDirectories(DIR);
        final Path junk = DIR.resolve("junk.counters");
        Files.write(junk, new byte[4096]);
        final IllegalStateException problem =
            assertThrows(IllegalStateException.class, () -> CountersFileReader.open(junk));
        assertTrue(problem.getMessage().contains("not a ringpool counters file"), problem.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CountersFileReader.open(DIR.resolve("missing")));
    }

    private static Map<String, Long> readInProcess(final Path file)
    {
        final Map<String, Long> values = new HashMap<>();
        if (Files.exists(file))
        {
            try (CountersFileReader reader = CountersFileReader.open(file))
            {
                reader.forEach((pool, worker, label, value) -> values.put(label, value));
            }
            catch (final IllegalStateException notYet)
            {
                // Not complete yet.
            }
        }
        return values;
    }

    private static Map<String, Long> dumpInSecondJvm(final Path file, final boolean withFlag) throws Exception
    {
        final Map<String, Long> values = new HashMap<>();
        for (final String line : runSecondJvm(withFlag, file.toString()))
        {
            final int eq = line.lastIndexOf('=');
            if (eq > 0)
            {
                values.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
            }
        }
        return values;
    }

    private static List<String> runSecondJvm(final boolean withFlag, final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (withFlag)
        {
            command.add("--add-opens");
            command.add("java.base/jdk.internal.misc=ALL-UNNAMED");
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CountersDumpMain.class.getName());
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output;
        try (InputStream in = process.getInputStream())
        {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(process.waitFor(LONG.toSeconds(), TimeUnit.SECONDS), "the second JVM ended");
        assertEquals(0, process.exitValue(), output);
        return List.of(output.split("\\R"));
    }

    @Test
    void shouldRefuseADirectoryAsTheCountersFileAndLeaveItThere() throws Exception
    {
        final Path directory = DIR.resolve("a-directory");
        java.nio.file.Files.createDirectories(directory);
        final RingPool<Task, Void> pool = RingPool.builder(Task::new)
            .name("dir")
            .workers(1)
            .ringSize(8)
            .countersFile(directory)
            .handler((task, none, context) -> { })
            .build();
        final IllegalStateException refused = assertThrows(IllegalStateException.class, pool::start);
        assertTrue(String.valueOf(refused.getMessage()).contains("is a directory") ||
            String.valueOf(refused.getCause()).contains("is a directory"), String.valueOf(refused));
        assertTrue(java.nio.file.Files.isDirectory(directory), "the directory was not removed");
    }
}
