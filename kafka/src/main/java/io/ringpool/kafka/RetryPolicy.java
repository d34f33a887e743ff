package io.ringpool.kafka;

import java.time.Duration;

/**
 * How often a failed record is tried again, and how long its worker waits before each retry.
 * <p>
 * Retries run on the record's worker, in place: under {@link Ordering#KEY} the later records of the same key wait
 * for them, which is what keeps per-key order. The wait ends early if the consumer halts or the partition is revoked
 * (the record is then left uncommitted, and redelivered). A failure to deserialize the key or value is not retried:
 * it would fail again.
 *
 * @param maxRetries     retries after the first attempt, 0 or more.
 * @param initialBackoff the wait before the first retry, 0 or more.
 * @param maxBackoff     the longest wait; each retry doubles the previous wait up to this, at least
 *                       {@code initialBackoff}.
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff)
{
    /**
     * Checks the arguments.
     *
     * @param maxRetries     see {@link #maxRetries()}.
     * @param initialBackoff see {@link #initialBackoff()}.
     * @param maxBackoff     see {@link #maxBackoff()}.
     * @throws IllegalArgumentException if a count or duration is negative or null, or {@code maxBackoff} is less
     *                                  than {@code initialBackoff}.
     */
    public RetryPolicy
    {
        if (maxRetries < 0)
        {
            throw new IllegalArgumentException("maxRetries must be >= 0; was " + maxRetries);
        }
        if (null == initialBackoff || initialBackoff.isNegative())
        {
            throw new IllegalArgumentException("initialBackoff must be >= 0; was " + initialBackoff);
        }
        if (null == maxBackoff || maxBackoff.compareTo(initialBackoff) < 0)
        {
            throw new IllegalArgumentException(
                "maxBackoff must be >= initialBackoff (" + initialBackoff + "); was " + maxBackoff);
        }
    }

    /**
     * No retries: a failed record goes straight to the dead-letter handler.
     *
     * @return the policy.
     */
    public static RetryPolicy none()
    {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO);
    }

    /**
     * A fixed wait before each retry.
     *
     * @param maxRetries retries after the first attempt.
     * @param backoff    the wait before each retry.
     * @return the policy.
     */
    public static RetryPolicy fixed(final int maxRetries, final Duration backoff)
    {
        return new RetryPolicy(maxRetries, backoff, backoff);
    }

    /**
     * A wait that doubles before each retry, from {@code initialBackoff} up to {@code maxBackoff}.
     *
     * @param maxRetries     retries after the first attempt.
     * @param initialBackoff the first wait.
     * @param maxBackoff     the longest wait.
     * @return the policy.
     */
    public static RetryPolicy exponential(final int maxRetries, final Duration initialBackoff, final Duration maxBackoff)
    {
        return new RetryPolicy(maxRetries, initialBackoff, maxBackoff);
    }

    /**
     * The wait before a retry.
     *
     * @param retry the retry, 1 for the first.
     * @return the wait in nanoseconds.
     */
    public long backoffNs(final int retry)
    {
        final long initialNs = initialBackoff.toNanos();
        final long maxNs = maxBackoff.toNanos();
        final int doublings = Math.min(retry - 1, 62);
        final long scaled = initialNs << doublings;
        return (scaled >>> doublings) != initialNs ? maxNs : Math.min(scaled, maxNs);
    }
}
