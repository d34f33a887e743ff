package io.ringpool.bench.latency;

/**
 * The task of the latency harness: its intended send time and a value for the worker to compute on. Ring contenders
 * pre-allocate one per entry and fill it in place from the {@link FixedRateSchedule}.
 * <p>
 * <b>Thread safety:</b> none of its own; the ring hands each entry to one thread at a time.
 */
public final class LatencyTask
{
    long intendedNs;
    long value;
}
