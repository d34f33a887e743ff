package io.ringpool.internal;

/**
 * Where pool threads send a failure the pool cannot absorb (an {@link Error}, a listener that threw, a lifecycle
 * callback that failed at start): the pool moves to FAILED, stops its consumers and wakes its producers.
 */
@FunctionalInterface
public interface FailureSink
{
    /**
     * Fails the pool.
     *
     * @param cause what went wrong.
     */
    void fail(Throwable cause);
}
