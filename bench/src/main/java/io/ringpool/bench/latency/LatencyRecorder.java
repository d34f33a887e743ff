package io.ringpool.bench.latency;

import org.HdrHistogram.Recorder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Where a task's trip ends: the collector records each result here, with the time it received it. Tasks intended
 * from {@link #measureFrom} on go into three HdrHistogram {@link Recorder}s (latency, queue wait, service); the
 * warm-up's tasks are only counted. An {@link IntervalLogger} takes the recorders' intervals on its own thread.
 * <pre>
 *   latency    = received - intended     what a user of the pool waits, from the schedule's point of view
 *   queue wait = start - intended        producer lag, hand-off and the wait behind earlier tasks
 *   service    = end - start             the task itself on the worker
 * </pre>
 * <b>Assumptions:</b> one thread records (each contender has one collector); {@link #measureFrom} is set before the
 * first task is sent, so the ring, queue or executor that carries the task to the collector also orders that write
 * before the collector's read.
 * <b>Guarantees:</b> recording never waits and allocates nothing (the recorders' histograms cover 1 ns to
 * {@link #HIGHEST_TRACKABLE_NS}; a longer value is recorded as that and counted in {@link #clamped()}). The count of
 * results received is stored with release and read with acquire, so a thread that has seen it reach {@code n} also
 * sees the other counts and the checksum of those {@code n} results.
 */
final class LatencyRecorder
{
    /** The largest value a histogram tracks: a minute. */
    static final long HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(1);

    /** Three significant digits: a value is known to within 0.1%. */
    static final int SIGNIFICANT_DIGITS = 3;

    private static final VarHandle RECEIVED;

    static
    {
        try
        {
            RECEIVED = MethodHandles.lookup().findVarHandle(LatencyRecorder.class, "received", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final Recorder latency = newRecorder();
    private final Recorder queueWait = newRecorder();
    private final Recorder service = newRecorder();
    private long measureFromNs = Long.MAX_VALUE;
    private long measured;
    private long checksum;
    private long clamped;
    private long lastReceivedNs;
    private long received;

    /**
     * Sets where the warm-up ends: tasks intended from then on are measured.
     *
     * @param measureFromNs the time, on the {@link System#nanoTime()} scale; set before the first task is sent.
     */
    void measureFrom(final long measureFromNs)
    {
        this.measureFromNs = measureFromNs;
    }

    /**
     * Records one result, received now.
     *
     * @param intendedNs when the task was due to be sent.
     * @param startNs    when the worker started it.
     * @param endNs      when the worker ended it.
     * @param value      its computed value, added into the checksum.
     */
    void record(final long intendedNs, final long startNs, final long endNs, final long value)
    {
        final long receivedNs = System.nanoTime();
        checksum += value;
        if (intendedNs - measureFromNs >= 0)
        {
            latency.recordValue(trackable(receivedNs - intendedNs));
            queueWait.recordValue(trackable(startNs - intendedNs));
            service.recordValue(trackable(endNs - startNs));
            measured++;
            lastReceivedNs = receivedNs;
        }
        RECEIVED.setRelease(this, received + 1L);
    }

    /**
     * Results received so far, warm-up included.
     *
     * @return the count.
     */
    long received()
    {
        return (long)RECEIVED.getAcquire(this);
    }

    /**
     * Results of measured tasks; exact once the collector has stopped, or read after {@link #received()}.
     *
     * @return the count.
     */
    long measured()
    {
        return measured;
    }

    /**
     * The sum of every result's value, modulo 2<sup>64</sup>; as {@link #measured()}.
     *
     * @return the checksum.
     */
    long checksum()
    {
        return checksum;
    }

    /**
     * Values longer than {@link #HIGHEST_TRACKABLE_NS}, recorded as that; as {@link #measured()}.
     *
     * @return the count; 0 in any sane run.
     */
    long clamped()
    {
        return clamped;
    }

    /**
     * When the last measured result was received; as {@link #measured()}.
     *
     * @return the time on the {@link System#nanoTime()} scale, 0 if none was.
     */
    long lastReceivedNs()
    {
        return lastReceivedNs;
    }

    /**
     * The end-to-end latency recorder.
     *
     * @return the recorder, for the {@link IntervalLogger}.
     */
    Recorder latency()
    {
        return latency;
    }

    /**
     * The queue-wait recorder.
     *
     * @return the recorder, for the {@link IntervalLogger}.
     */
    Recorder queueWait()
    {
        return queueWait;
    }

    /**
     * The service-time recorder.
     *
     * @return the recorder, for the {@link IntervalLogger}.
     */
    Recorder service()
    {
        return service;
    }

    private long trackable(final long valueNs)
    {
        if (valueNs > HIGHEST_TRACKABLE_NS)
        {
            clamped++;
            return HIGHEST_TRACKABLE_NS;
        }
        // The clock is monotonic across cores, so a negative value would be a bug; keep it visible as 0, not a throw.
        return Math.max(0L, valueNs);
    }

    private static Recorder newRecorder()
    {
        return new Recorder(1L, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }
}
