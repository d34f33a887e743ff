package io.ringpool;

/**
 * Consumes outcomes from the result ring on the pool's collector thread ({@code <poolName>-results}).
 * <p>
 * <b>Threading:</b> called only on the collector thread, in result-ring order (the order in which workers finished
 * their tasks), so it may keep unsynchronised state.
 * <p>
 * <b>Errors:</b> an exception thrown by {@link #onResult} is passed to
 * {@link FailureListener#onResultFailure}; the outcome counts as delivered and collection continues. An
 * {@link Error} moves the pool to {@link PoolState#FAILED}.
 *
 * @param <R> the result type.
 */
@FunctionalInterface
public interface ResultHandler<R>
{
    /**
     * Consumes one outcome. The outcome and its result object are reused once this returns.
     *
     * @param outcome    the outcome.
     * @param endOfBatch true if no further outcome was known to be available: a hint to flush.
     * @throws Exception reported to the pool's {@link FailureListener}.
     */
    void onResult(Outcome<R> outcome, boolean endOfBatch) throws Exception;

    /**
     * Called once on the collector thread before the first outcome.
     *
     * @throws Exception to fail the pool's start.
     */
    default void onStart() throws Exception
    {
    }

    /**
     * Called once on the collector thread after the last outcome, if {@link #onStart} returned normally.
     *
     * @throws Exception reported to the pool's {@link FailureListener}.
     */
    default void onShutdown() throws Exception
    {
    }
}
