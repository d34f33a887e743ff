package io.ringpool.bench.latency;

import io.ringpool.bench.contender.Rig;
import org.HdrHistogram.Histogram;

import java.util.concurrent.locks.LockSupport;

/**
 * Sends the tasks of a {@link FixedRateSchedule} to a rig, each when it is due, and never earlier: open-loop load.
 * A task sent late keeps its intended time, so the delay counts in its latency; the producer then sends the tasks
 * that have fallen due back to back until it has caught up.
 * <p>
 * <b>Waiting:</b> it never spins. A wait longer than {@link #PARK_THRESHOLD_NS} parks for all but
 * {@link #PARK_MARGIN_NS} of it (a park on Linux oversleeps by tens of microseconds); a shorter one yields. On two
 * cores a spinning producer takes the CPU that the workers and the collector need, and the latency it would then
 * report is its own.
 * <p>
 * <b>Send lag:</b> how late each measured task was sent (sent - intended) goes into {@link #sendLag()}: the part of
 * every contender's queue wait that is the producer's own (a yield that returned late, a send that waited for room).
 * <p>
 * <b>Giving up:</b> if the producer falls more than {@code maxLagNs} behind the schedule, the contender cannot keep
 * up with the rate: it stops sending, and the run counts as a missed rate.
 * <p>
 * <b>Thread safety:</b> none; {@link #run()} runs on the producer thread, the accessors are read after it returns.
 * Recording the send lag allocates nothing (the histogram covers up to a minute).
 */
final class PacedProducer
{
    /** Waits longer than this park; shorter ones yield. */
    static final long PARK_THRESHOLD_NS = 200_000L;

    /** How much of a parked wait is left to yielding, so that the park's oversleep does not make the task late. */
    static final long PARK_MARGIN_NS = 120_000L;

    private final FixedRateSchedule schedule;
    private final Rig<LatencyTask, LatencyResult, FixedRateSchedule> rig;
    private final long maxLagNs;
    private final long measureFromNs;
    private final Histogram sendLag = RunFiles.newHistogram();
    private long sent;
    private long maxLagSeenNs;
    private boolean gaveUp;

    /**
     * A producer for one run.
     *
     * @param schedule the tasks and when each is due.
     * @param rig      the started contender.
     * @param maxLagNs      how far behind the schedule it may fall before it gives up.
     * @param measureFromNs when the warm-up ends: the send lag of tasks due from then on is recorded.
     */
    PacedProducer(
        final FixedRateSchedule schedule, final Rig<LatencyTask, LatencyResult, FixedRateSchedule> rig,
        final long maxLagNs, final long measureFromNs)
    {
        this.schedule = schedule;
        this.rig = rig;
        this.maxLagNs = maxLagNs;
        this.measureFromNs = measureFromNs;
    }

    /** Sends every task when it is due, or until the producer has fallen too far behind. */
    void run()
    {
        final FixedRateSchedule schedule = this.schedule;
        final Rig<LatencyTask, LatencyResult, FixedRateSchedule> rig = this.rig;
        while (schedule.hasNext())
        {
            final long dueNs = schedule.advance();
            final long lagNs = awaitDue(dueNs) - dueNs;
            if (lagNs > maxLagSeenNs)
            {
                maxLagSeenNs = lagNs;
                if (lagNs > maxLagNs)
                {
                    gaveUp = true;
                    return;
                }
            }
            rig.publish(0, schedule, 1);
            sent++;
            if (dueNs - measureFromNs >= 0)
            {
                sendLag.recordValue(Math.min(lagNs, LatencyRecorder.HIGHEST_TRACKABLE_NS));
            }
        }
    }

    /**
     * How late the measured tasks were sent: the time {@link Rig#publish} was called minus the intended time.
     *
     * @return the histogram, in nanoseconds; complete once {@link #run()} has returned.
     */
    Histogram sendLag()
    {
        return sendLag;
    }

    /**
     * Tasks sent.
     *
     * @return the count.
     */
    long sent()
    {
        return sent;
    }

    /**
     * The furthest the producer fell behind the schedule before a send.
     *
     * @return nanoseconds.
     */
    long maxLagNs()
    {
        return maxLagSeenNs;
    }

    /**
     * Whether it gave up, more than {@code maxLagNs} behind the schedule.
     *
     * @return true if it stopped before the end of the schedule.
     */
    boolean gaveUp()
    {
        return gaveUp;
    }

    private static long awaitDue(final long dueNs)
    {
        long nowNs = System.nanoTime();
        while (nowNs - dueNs < 0)
        {
            final long remainingNs = dueNs - nowNs;
            if (remainingNs > PARK_THRESHOLD_NS)
            {
                LockSupport.parkNanos(remainingNs - PARK_MARGIN_NS);
            }
            else
            {
                Thread.yield();
            }
            nowNs = System.nanoTime();
        }
        return nowNs;
    }
}
