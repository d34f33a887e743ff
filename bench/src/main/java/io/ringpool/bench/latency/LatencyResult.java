package io.ringpool.bench.latency;

/**
 * The result of a {@link LatencyTask}: the task's intended send time, when the worker started and ended it, and the
 * computed value. Pre-allocated once per result-ring entry (and per ringpool worker).
 * <p>
 * <b>Thread safety:</b> none of its own; the result ring hands it from the worker that filled it to the collector.
 */
public final class LatencyResult
{
    long intendedNs;
    long startNs;
    long endNs;
    long value;

    /**
     * Fills every field, so no value of an earlier task survives in a reused entry.
     *
     * @param intendedNs the task's intended send time.
     * @param startNs    when the worker started it.
     * @param endNs      when the worker ended it.
     * @param value      its computed value.
     */
    void set(final long intendedNs, final long startNs, final long endNs, final long value)
    {
        this.intendedNs = intendedNs;
        this.startNs = startNs;
        this.endNs = endNs;
        this.value = value;
    }
}
