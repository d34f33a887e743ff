package io.ringpool.internal;

import java.time.Duration;

/**
 * The one rule for turning a caller's {@link Duration} into nanoseconds, shared by the pool's API and its poller.
 */
public final class Timeouts
{
    private Timeouts()
    {
    }

    /**
     * A timeout a caller passed: checked, then in nanoseconds.
     *
     * @param timeout a non-negative duration.
     * @return its nanoseconds, {@link Long#MAX_VALUE} if it has more.
     * @throws IllegalArgumentException if {@code timeout} is null or negative.
     */
    public static long nonNegativeNanos(final Duration timeout)
    {
        if (null == timeout || timeout.isNegative())
        {
            throw new IllegalArgumentException("timeout must be a non-negative Duration; was " + timeout);
        }
        return saturatedNanos(timeout);
    }

    /**
     * A duration in nanoseconds, saturated instead of overflowing (a duration of centuries is "for ever").
     *
     * @param duration a duration.
     * @return its nanoseconds, {@link Long#MAX_VALUE} if it has more.
     */
    public static long saturatedNanos(final Duration duration)
    {
        try
        {
            return duration.toNanos();
        }
        catch (final ArithmeticException ex)
        {
            return Long.MAX_VALUE;
        }
    }
}
