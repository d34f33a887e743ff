package io.ringpool.internal;

/**
 * The layout of a metrics sample: two arrays of longs that {@link Engine#sample} fills and the public
 * {@code PoolMetrics} (or the counters file) copies out. Arrays, so that a sampler reuses them and allocates nothing.
 */
public final class Sample
{
    /** Tasks accepted. */
    public static final int PUBLISHED = 0;
    /** Tasks refused because the pool was not running. */
    public static final int REJECTED_NOT_RUNNING = 1;
    /** Tasks refused because the producer was interrupted while it waited. */
    public static final int REJECTED_INTERRUPTED = 2;
    /** Tasks whose translator or key extractor threw. */
    public static final int TRANSLATOR_FAILURES = 3;
    /** Publishes that found the ring full and waited. */
    public static final int BACK_PRESSURE_WAITS = 4;
    /** tryPublish calls that returned -1. */
    public static final int TRY_PUBLISH_REFUSALS = 5;
    /** Tasks completed. */
    public static final int COMPLETED = 6;
    /** Tasks failed. */
    public static final int FAILED = 7;
    /** Tasks cancelled. */
    public static final int CANCELLED = 8;
    /** Tasks expired. */
    public static final int EXPIRED = 9;
    /** Tasks returned by a halt (after termination). */
    public static final int RETURNED = 10;
    /** Tasks abandoned by a halt (after termination). */
    public static final int ABANDONED = 11;
    /** Tasks accepted and not yet started. */
    public static final int TASK_BACKLOG = 12;
    /** Outcomes not yet taken by the result consumer; -1 without results. */
    public static final int RESULT_BACKLOG = 13;
    /** Free task-ring entries. */
    public static final int REMAINING_CAPACITY = 14;
    /** Stalls reported. */
    public static final int STALLS = 15;
    /** The public state's ordinal. */
    public static final int STATE = 16;
    /** Busy workers. */
    public static final int BUSY_WORKERS = 17;
    /** The length of a pool sample. */
    public static final int POOL_LENGTH = 18;

    /** A worker's tasks completed. */
    public static final int W_COMPLETED = 0;
    /** A worker's tasks failed. */
    public static final int W_FAILED = 1;
    /** A worker's tasks cancelled. */
    public static final int W_CANCELLED = 2;
    /** A worker's tasks expired. */
    public static final int W_EXPIRED = 3;
    /** 1 if the worker holds a task, else 0. */
    public static final int W_BUSY = 4;
    /** The task in hand, or -1. */
    public static final int W_CURRENT = 5;
    /** Nanoseconds the task has been held, as the sampler saw; -1 if unknown or idle. */
    public static final int W_HELD_NANOS = 6;
    /** The task ring's cursor minus the task in hand; 0 when idle. */
    public static final int W_LAG = 7;
    /** The stride of one worker in a worker sample. */
    public static final int WORKER_STRIDE = 8;

    private Sample()
    {
    }
}
