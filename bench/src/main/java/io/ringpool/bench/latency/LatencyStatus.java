package io.ringpool.bench.latency;

/**
 * How a latency run ended.
 */
public enum LatencyStatus
{
    /** Every task was sent on schedule (or caught up) and the contender kept up with the rate. */
    OK,

    /**
     * FAILED: the contender did not sustain the target rate (it achieved less than the plan's minimum fraction of it,
     * or the producer fell too far behind the schedule and gave up). Its percentiles are reported, but are not a
     * result at that rate.
     */
    MISSED_RATE,

    /** FAILED: the run threw, or its fork died or timed out; no percentiles. */
    ERROR
}
