package io.ringpool.internal;

/**
 * Where pool threads send a failure the pool cannot absorb (an {@link Error}, a listener that threw, a lifecycle
 * callback that failed at start): the pool moves to FAILED, stops its consumers and wakes its producers.
 */
@FunctionalInterface
interface FailureSink
{
    /**
     * Fails the pool.
     *
     * @param cause what went wrong.
     */
    void fail(Throwable cause);

    /**
     * Records the failure at once (the run state moves to FAILED by CAS: engine code only, no logging), so that a
     * report counting the task that failed also sees the pool FAILED; the caller calls {@link #fail} afterwards.
     *
     * @param cause what went wrong.
     */
    default void record(final Throwable cause)
    {
        fail(cause);
    }
}
