package io.ringpool.bench.latency;

/**
 * The open-loop schedule of one run: task {@code i} is due at {@code startNs + i * 10^9 / rate}, whether or not the
 * tasks before it were sent on time. It is also the translators' argument: after {@link #advance()} it holds the
 * current task's intended time and value, which a ring contender copies into its entry.
 * <p>
 * <b>Thread safety:</b> none; used by the producer thread only.
 */
final class FixedRateSchedule
{
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long startNs;
    private final long ratePerSecond;
    private final long count;
    private long index;
    private long intendedNs;

    /**
     * A schedule of {@code count} tasks.
     *
     * @param startNs       when the first task is due, on the {@link System#nanoTime()} scale.
     * @param ratePerSecond tasks per second, 1 or more.
     * @param count         the number of tasks; {@code count * 10^9} must fit a long (e.g. a minute at 10^8/s).
     */
    FixedRateSchedule(final long startNs, final long ratePerSecond, final long count)
    {
        this.startNs = startNs;
        this.ratePerSecond = ratePerSecond;
        this.count = count;
    }

    /**
     * Whether a task is left to send.
     *
     * @return true until {@link #advance()} has been called {@code count} times.
     */
    boolean hasNext()
    {
        return index < count;
    }

    /**
     * Moves to the next task.
     *
     * @return its intended send time.
     */
    long advance()
    {
        // Computed from the start each time, not summed, so no rounding error accumulates over millions of tasks.
        intendedNs = startNs + index * NANOS_PER_SECOND / ratePerSecond;
        index++;
        return intendedNs;
    }

    /**
     * The current task's intended send time.
     *
     * @return nanoseconds, on the {@link System#nanoTime()} scale.
     */
    long intendedNs()
    {
        return intendedNs;
    }

    /**
     * The current task's value: its index in the schedule.
     *
     * @return 0 to count-1.
     */
    long value()
    {
        return index - 1;
    }

    /**
     * The tasks handed out so far, the current one included.
     *
     * @return the count.
     */
    long advanced()
    {
        return index;
    }

    /**
     * When a task is due.
     *
     * @param taskIndex the task's index.
     * @return its intended send time.
     */
    long dueNs(final long taskIndex)
    {
        return startNs + taskIndex * NANOS_PER_SECOND / ratePerSecond;
    }

    /**
     * Copies the current task into a task entry.
     *
     * @param task the entry.
     */
    void fillIn(final LatencyTask task)
    {
        task.intendedNs = intendedNs;
        task.value = index - 1;
    }
}
