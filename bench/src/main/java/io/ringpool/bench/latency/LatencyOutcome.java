package io.ringpool.bench.latency;

import io.ringpool.bench.contender.Contender;
import org.HdrHistogram.Histogram;

/**
 * What one latency run measured: one contender, worker count and rate. The histograms hold nanoseconds, and are
 * the sums of the run's .hlog intervals.
 * <p>
 * <b>Thread safety:</b> the histograms are mutable; treat an outcome as read-only once made.
 *
 * @param contender         the contender.
 * @param workers           its worker threads (one producer).
 * @param ratePerSecond     the target rate.
 * @param status            how the run ended.
 * @param achievedPerSecond measured tasks per second, from the end of the warm-up to the last measured result.
 * @param measured          the number of measured tasks (recorded in the histograms).
 * @param maxLagNs          the furthest the producer fell behind its schedule.
 * @param message           why the run failed, or an empty string.
 * @param latency           end-to-end latency: result received - intended send time.
 * @param queueWait         worker start - intended send time.
 * @param service           worker end - worker start.
 * @param sendLag           the producer's send - intended send time: its own share of the queue wait.
 * @param baseName          the run's file name without extension, in the latency folder.
 */
public record LatencyOutcome(
    Contender contender,
    int workers,
    long ratePerSecond,
    LatencyStatus status,
    double achievedPerSecond,
    long measured,
    long maxLagNs,
    String message,
    Histogram latency,
    Histogram queueWait,
    Histogram service,
    Histogram sendLag,
    String baseName)
{
    /**
     * The file name, without extension, of a run's .hgrm, .hlog and .properties files.
     *
     * @param contender     the contender.
     * @param workers       its worker threads.
     * @param ratePerSecond the target rate.
     * @return e.g. {@code 1P1W-ringPool-WORK_STEALING-100k}.
     */
    public static String baseName(final Contender contender, final int workers, final long ratePerSecond)
    {
        return "1P" + workers + "W-" + contender.fileLabel() + '-' + rateLabel(ratePerSecond);
    }

    /**
     * A rate as a short label.
     *
     * @param ratePerSecond tasks per second.
     * @return e.g. {@code 20k}, {@code 1M}, {@code 1500}.
     */
    public static String rateLabel(final long ratePerSecond)
    {
        if (ratePerSecond % 1_000_000L == 0)
        {
            return ratePerSecond / 1_000_000L + "M";
        }
        if (ratePerSecond % 1_000L == 0)
        {
            return ratePerSecond / 1_000L + "k";
        }
        return Long.toString(ratePerSecond);
    }

    /**
     * Whether the run counts as a result at its rate.
     *
     * @return true if {@link LatencyStatus#OK}.
     */
    public boolean ok()
    {
        return status == LatencyStatus.OK;
    }

    /**
     * Whether the run has percentiles to show (it ran, even if it missed the rate).
     *
     * @return true unless {@link LatencyStatus#ERROR} or empty.
     */
    public boolean hasSamples()
    {
        return status != LatencyStatus.ERROR && latency.getTotalCount() > 0;
    }
}
