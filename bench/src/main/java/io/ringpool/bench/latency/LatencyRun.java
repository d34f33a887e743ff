package io.ringpool.bench.latency;

import io.ringpool.bench.contender.Contender;
import io.ringpool.bench.contender.Rig;
import io.ringpool.bench.contender.Topology;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One latency run: one contender, worker count and rate. Starts the contender, sends the warm-up and the measured
 * part of one continuous schedule, waits for every result, stops the contender (checking that every task came back
 * once), and writes the run's files ({@link RunFiles}).
 * <p>
 * The warm-up and the measurement are one schedule, so the contender is at its steady state when measuring begins;
 * tasks intended before the end of the warm-up are counted but not recorded.
 * <p>
 * <b>Verdict:</b> {@link LatencyStatus#MISSED_RATE} if the producer gave up (it fell more than
 * {@link #maxLagNs(LatencyPlan)} behind), or if the measured tasks, over the time from the end of the warm-up to the
 * last measured result, came to less than the plan's minimum fraction of the rate; otherwise OK. The run never
 * reports fewer samples as if they were a result.
 * <p>
 * <b>Thread safety:</b> runs on the calling thread, which is the producer; one run at a time per JVM.
 */
final class LatencyRun
{
    /** How long after the contender has started the schedule begins. */
    private static final long LEAD_NS = TimeUnit.MILLISECONDS.toNanos(20);

    /** How long to wait between looks at the count of results at the end. */
    private static final long END_WAIT_PARK_NS = TimeUnit.MICROSECONDS.toNanos(50);

    private static final double NANOS_PER_SECOND = 1e9;

    private LatencyRun()
    {
    }

    /**
     * Runs and writes one run.
     *
     * @param plan          the plan: durations, ring size, task shape, minimum rate.
     * @param contender     the contender.
     * @param workers       its worker threads.
     * @param ratePerSecond the target rate.
     * @param folder        the latency folder.
     * @param progress      where the progress line goes.
     * @return the outcome.
     * @throws IOException           if a file cannot be written.
     * @throws IllegalStateException if the contender lost, duplicated or corrupted a task, or did not stop.
     */
    static LatencyOutcome run(
        final LatencyPlan plan, final Contender contender, final int workers, final long ratePerSecond,
        final Path folder, final PrintStream progress) throws IOException
    {
        final String base = LatencyOutcome.baseName(contender, workers, ratePerSecond);
        final long warmupTasks = tasksIn(plan.warmup().toNanos(), ratePerSecond);
        final long measuredTasks = Math.max(1L, tasksIn(plan.measurement().toNanos(), ratePerSecond));
        progress.printf("[latency] %s 1P->%dW %s/s: warm-up %d tasks, then %d measured%n",
            contender.label(), workers, LatencyOutcome.rateLabel(ratePerSecond), warmupTasks, measuredTasks);

        final LatencyRecorder recorder = new LatencyRecorder();
        final LatencyWorkload workload = new LatencyWorkload(plan.shape(), recorder);
        final Rig<LatencyTask, LatencyResult, FixedRateSchedule> rig =
            contender.newRig(Topology.of(1, workers), plan.ringSize(), workload);
        final PacedProducer producer;
        final IntervalLogger logger;
        final long measureFromNs;
        rig.start();
        try (PrintStream hlog = new PrintStream(
            Files.newOutputStream(RunFiles.hlog(folder, base)), false, StandardCharsets.UTF_8))
        {
            final FixedRateSchedule schedule =
                new FixedRateSchedule(System.nanoTime() + LEAD_NS, ratePerSecond, warmupTasks + measuredTasks);
            measureFromNs = schedule.dueNs(warmupTasks);
            recorder.measureFrom(measureFromNs);
            logger = new IntervalLogger(
                recorder, new HistogramLogWriter(hlog), measureFromNs, plan.interval().toNanos(), "latency-log");
            logger.start(contender.label() + " 1P->" + workers + "W " + ratePerSecond + " tasks/s, " +
                plan.shape().label() + " tasks, ring " + plan.ringSize());
            producer = new PacedProducer(schedule, rig, maxLagNs(plan), measureFromNs);
            try
            {
                producer.run();
                awaitResults(recorder, producer.sent());
            }
            finally
            {
                logger.finish();
            }
            logger.logSendLag(producer.sendLag());
        }
        rig.stop(producer.sent());
        workload.verify(producer.sent(), rig);

        final LatencyOutcome outcome = verdict(
            plan, contender, workers, ratePerSecond, recorder, producer, logger, measureFromNs, measuredTasks, base);
        writeDistribution(RunFiles.hgrm(folder, base), outcome.latency());
        RunFiles.writeOutcome(folder, outcome);
        progress.println("[latency] " + summary(outcome));
        return outcome;
    }

    /**
     * How far the producer may fall behind before it gives up: a fifth of the run, and at least a second.
     *
     * @param plan the plan.
     * @return nanoseconds.
     */
    static long maxLagNs(final LatencyPlan plan)
    {
        return Math.max(TimeUnit.SECONDS.toNanos(1), plan.warmup().plus(plan.measurement()).toNanos() / 5);
    }

    private static LatencyOutcome verdict(
        final LatencyPlan plan, final Contender contender, final int workers, final long ratePerSecond,
        final LatencyRecorder recorder, final PacedProducer producer, final IntervalLogger logger,
        final long measureFromNs, final long measuredTasks, final String base)
    {
        final long measured = recorder.measured();
        final long spanNs = recorder.lastReceivedNs() - measureFromNs;
        final double achieved = measured > 0 && spanNs > 0 ? measured * NANOS_PER_SECOND / spanNs : 0.0;
        LatencyStatus status = LatencyStatus.OK;
        String message = "";
        if (producer.gaveUp())
        {
            status = LatencyStatus.MISSED_RATE;
            message = String.format("the producer fell more than %.1f s behind the schedule and gave up after %d " +
                "tasks", maxLagNs(plan) / NANOS_PER_SECOND, producer.sent());
        }
        else if (measured != measuredTasks)
        {
            throw new IllegalStateException(contender.label() + ": " + measuredTasks + " tasks were measured but " +
                measured + " were recorded");
        }
        else if (achieved < plan.minRateRatio() * ratePerSecond)
        {
            status = LatencyStatus.MISSED_RATE;
            message = String.format("achieved %,.0f tasks/s, below %.0f%% of the target %,d/s", achieved,
                plan.minRateRatio() * 100.0, ratePerSecond);
        }
        if (recorder.clamped() > 0)
        {
            message += (message.isEmpty() ? "" : "; ") + recorder.clamped() + " values over a minute recorded as 1 min";
        }
        return new LatencyOutcome(contender, workers, ratePerSecond, status, achieved, measured, producer.maxLagNs(),
            message, logger.latency(), logger.queueWait(), logger.service(), producer.sendLag(), base);
    }

    private static void awaitResults(final LatencyRecorder recorder, final long sent)
    {
        final long deadlineNs = Rig.waitDeadline();
        while (recorder.received() < sent)
        {
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new IllegalStateException("results did not all come back within " +
                    TimeUnit.NANOSECONDS.toMillis(Rig.WAIT_TIMEOUT_NS) + " ms: " + recorder.received() +
                    " of " + sent);
            }
            LockSupport.parkNanos(END_WAIT_PARK_NS);
        }
    }

    private static void writeDistribution(final Path file, final Histogram latency) throws IOException
    {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8))
        {
            // Recorded in nanoseconds, written in microseconds.
            latency.outputPercentileDistribution(out, 1000.0);
        }
    }

    private static long tasksIn(final long durationNs, final long ratePerSecond)
    {
        return durationNs / 1_000L * ratePerSecond / 1_000_000L;
    }

    /**
     * A one-line summary of an outcome, for progress output.
     *
     * @param outcome the outcome.
     * @return the line.
     */
    static String summary(final LatencyOutcome outcome)
    {
        final String head = String.format("%s 1P->%dW %s/s: %s", outcome.contender().label(), outcome.workers(),
            LatencyOutcome.rateLabel(outcome.ratePerSecond()), outcome.status());
        if (!outcome.hasSamples())
        {
            return head + (outcome.message().isEmpty() ? "" : " (" + outcome.message() + ')');
        }
        final Histogram latency = outcome.latency();
        return head + String.format(", %,d samples at %,.0f/s; p50 %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us%s",
            latency.getTotalCount(), outcome.achievedPerSecond(), latency.getValueAtPercentile(50.0) / 1e3,
            latency.getValueAtPercentile(90.0) / 1e3, latency.getValueAtPercentile(99.0) / 1e3,
            latency.getMaxValue() / 1e3, outcome.message().isEmpty() ? "" : " (" + outcome.message() + ')');
    }
}
