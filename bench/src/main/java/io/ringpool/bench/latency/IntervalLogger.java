package io.ringpool.bench.latency;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Takes the {@link LatencyRecorder}'s intervals on a thread of its own, once per interval from the end of the
 * warm-up, writes each to an HdrHistogram interval log (.hlog) and adds it into the run's totals.
 * <p>
 * The log holds three interval streams: untagged, the end-to-end latency; tagged {@value #QUEUE_WAIT_TAG} and
 * {@value #SERVICE_TAG}, its two parts; and, once at the end, a fourth, {@value #SEND_LAG_TAG}, how late the
 * producer sent each task, over the whole measurement. Values are in nanoseconds.
 * <p>
 * <b>Assumptions:</b> {@link #start(String)} and {@link #finish()} are called once each, from one thread.
 * <b>Guarantees:</b> the collector that records is never made to wait (the {@link Recorder}s flip their histograms
 * under a writer-reader phaser); interval histograms are recycled, not reallocated. The totals and the log are
 * complete once {@link #finish()} returns, which joins the logger's thread.
 */
final class IntervalLogger
{
    /** The tag of the queue-wait stream in the .hlog. */
    static final String QUEUE_WAIT_TAG = "queue-wait";

    /** The tag of the service-time stream in the .hlog. */
    static final String SERVICE_TAG = "service";

    /** The tag of the producer's send lag in the .hlog: one histogram for the whole measurement, at the end. */
    static final String SEND_LAG_TAG = "send-lag";

    private static final long JOIN_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(10);

    private final Recorder[] recorders;
    private final String[] tags = {null, QUEUE_WAIT_TAG, SERVICE_TAG};
    private final Histogram[] totals = new Histogram[3];
    private final Histogram[] intervals = new Histogram[3];
    private final HistogramLogWriter log;
    private final long firstTickNs;
    private final long intervalNs;
    private final long epochOffsetMs;
    private final long measureFromMs;
    private final Thread thread;
    private volatile boolean finishing;
    private long intervalStartMs;

    /**
     * A logger for one run.
     *
     * @param recorder      the run's recorder.
     * @param log           the interval log, empty.
     * @param measureFromNs when the warm-up ends and the first interval begins, on the {@link System#nanoTime()} scale.
     * @param intervalNs    the length of an interval.
     * @param name          the thread's name.
     */
    IntervalLogger(
        final LatencyRecorder recorder, final HistogramLogWriter log, final long measureFromNs, final long intervalNs,
        final String name)
    {
        this.recorders = new Recorder[] {recorder.latency(), recorder.queueWait(), recorder.service()};
        this.log = log;
        this.firstTickNs = measureFromNs + intervalNs;
        this.intervalNs = intervalNs;
        this.epochOffsetMs = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        this.measureFromMs = epochMs(measureFromNs);
        this.intervalStartMs = measureFromMs;
        for (int i = 0; i < totals.length; i++)
        {
            totals[i] = RunFiles.newHistogram();
        }
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /**
     * Writes the log's header and starts the logger's thread.
     *
     * @param comment a line describing the run, written as a comment.
     */
    void start(final String comment)
    {
        final long startMs = intervalStartMs;
        log.outputComment(comment);
        log.outputComment("untagged: latency = received - intended; tag " + QUEUE_WAIT_TAG +
            ": worker start - intended; tag " + SERVICE_TAG + ": worker end - worker start; tag " + SEND_LAG_TAG +
            " (once, at the end): producer's send - intended; values in ns");
        log.outputLogFormatVersion();
        log.outputStartTime(startMs);
        log.setBaseTime(startMs);
        log.outputLegend();
        thread.start();
    }

    /**
     * Takes the last interval, stops the thread and waits for it.
     *
     * @throws IllegalStateException if the thread does not end in time, or the caller is interrupted.
     */
    void finish()
    {
        finishing = true;
        LockSupport.unpark(thread);
        try
        {
            thread.join(JOIN_TIMEOUT_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining " + thread.getName(), ex);
        }
        if (thread.isAlive())
        {
            throw new IllegalStateException(thread.getName() + " did not stop within " + JOIN_TIMEOUT_MS + " ms");
        }
    }

    /**
     * Writes the producer's send lag as one tagged histogram spanning the whole measurement; after {@link #finish()}.
     *
     * @param sendLag the producer's histogram.
     */
    void logSendLag(final Histogram sendLag)
    {
        sendLag.setTag(SEND_LAG_TAG);
        sendLag.setStartTimeStamp(measureFromMs);
        sendLag.setEndTimeStamp(intervalStartMs);
        log.outputIntervalHistogram(sendLag);
    }

    /**
     * The run's end-to-end latency: every interval added up.
     *
     * @return the histogram, complete after {@link #finish()}.
     */
    Histogram latency()
    {
        return totals[0];
    }

    /**
     * The run's queue wait.
     *
     * @return the histogram, complete after {@link #finish()}.
     */
    Histogram queueWait()
    {
        return totals[1];
    }

    /**
     * The run's service time.
     *
     * @return the histogram, complete after {@link #finish()}.
     */
    Histogram service()
    {
        return totals[2];
    }

    private void run()
    {
        long tickNs = firstTickNs;
        while (!finishing)
        {
            final long remainingNs = tickNs - System.nanoTime();
            if (remainingNs > 0)
            {
                LockSupport.parkNanos(this, remainingNs);
                continue;
            }
            takeIntervals(epochMs(tickNs));
            tickNs += intervalNs;
        }
        takeIntervals(epochMs(System.nanoTime()));
    }

    private void takeIntervals(final long endMs)
    {
        for (int i = 0; i < recorders.length; i++)
        {
            final Histogram interval = recorders[i].getIntervalHistogram(intervals[i]);
            intervals[i] = interval;
            interval.setTag(tags[i]);
            interval.setStartTimeStamp(intervalStartMs);
            interval.setEndTimeStamp(endMs);
            log.outputIntervalHistogram(interval);
            totals[i].add(interval);
        }
        intervalStartMs = endMs;
    }

    private long epochMs(final long nanoTimeNs)
    {
        return epochOffsetMs + TimeUnit.NANOSECONDS.toMillis(nanoTimeNs);
    }
}
