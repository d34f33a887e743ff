package io.ringpool.bench.latency;

import io.ringpool.bench.contender.Contender;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link LatencyPlan}: one forked JVM per contender ({@link LatencyFork}), one after another, so no contender
 * runs beside another's threads, garbage or JIT profile. Each fork gets this JVM's own options (as JMH's forks do)
 * and class path, and writes its output to this JVM's standard output. Afterwards every run's outcome is read back
 * from its files.
 * <p>
 * <b>Guarantees:</b> a fork that does not end within twice its expected time plus a minute is killed; its runs, and
 * those of a fork that exits non-zero, come back as {@link LatencyStatus#ERROR} unless they finished before.
 * <p>
 * <b>Thread safety:</b> stateless; one suite at a time per machine makes sense, but nothing stops two.
 */
public final class LatencySuite
{
    private static final long FORK_GRACE_MS = TimeUnit.MINUTES.toMillis(1);

    private LatencySuite()
    {
    }

    /**
     * Runs the plan and reads its outcomes.
     *
     * @param plan     the plan.
     * @param folder   where the runs' files go; created if missing.
     * @param progress where progress lines go (the forks write to standard output).
     * @return one outcome per contender, worker count and rate, in the plan's order (contender, workers, rate).
     * @throws IOException if the folder cannot be made, a fork cannot be started, or an outcome cannot be read.
     */
    public static List<LatencyOutcome> run(final LatencyPlan plan, final Path folder, final PrintStream progress)
        throws IOException
    {
        Files.createDirectories(folder);
        final List<LatencyOutcome> outcomes = new ArrayList<>();
        int forked = 0;
        for (final Contender contender : plan.contenders())
        {
            forked++;
            progress.printf("[latency] (%d/%d) fork for %s: %d run(s), about %d s%n", forked,
                plan.contenders().size(), contender.label(),
                plan.ratesPerSecond().size() * plan.workerCounts().size(), plan.forkDuration().toSeconds());
            progress.flush();
            final String failure = fork(plan, contender, folder);
            for (final int workers : plan.workerCounts())
            {
                for (final long rate : plan.ratesPerSecond())
                {
                    LatencyOutcome outcome = RunFiles.readOutcome(folder, contender, workers, rate);
                    if (null != failure && outcome.status() == LatencyStatus.ERROR &&
                        outcome.message().startsWith("the run left no outcome"))
                    {
                        outcome = RunFiles.failed(contender, workers, rate, failure);
                    }
                    outcomes.add(outcome);
                }
            }
        }
        return outcomes;
    }

    /**
     * Runs one contender's fork.
     *
     * @return null if it exited 0, else what went wrong.
     */
    private static String fork(final LatencyPlan plan, final Contender contender, final Path folder)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LatencyFork.class.getName());
        command.add("--contender");
        command.add(contender.label());
        command.add("--out");
        command.add(folder.toAbsolutePath().toString());
        command.addAll(plan.arguments());
        // The forks write straight to this JVM's standard output; flush ours first so the lines stay in order.
        System.out.flush();
        final Process process = new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        final long timeoutMs = plan.forkDuration().toMillis() * 2 + FORK_GRACE_MS;
        try
        {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return "the fork did not end within " + timeoutMs / 1000 + " s and was killed";
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the fork of " + contender.label(), ex);
        }
        final int status = process.exitValue();
        return 0 == status ? null : "the fork exited with status " + status;
    }
}
