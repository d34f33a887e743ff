package io.ringpool;

/**
 * Told about every failure the pool handles without stopping: a task whose handler threw, a result handler or a
 * lifecycle callback that threw.
 * <p>
 * <b>Threading:</b> called on the thread where the failure happened (a worker or the collector), so it must be
 * thread-safe and quick. If the listener itself throws, the pool cannot be sure the failure was handled: it moves to
 * {@link PoolState#FAILED} with that exception as the cause.
 *
 * @param <T> the task type.
 */
public interface FailureListener<T>
{
    /**
     * A task's handler threw. The task's outcome is {@link OutcomeStatus#FAILED}; the worker carries on.
     *
     * @param task     the task (valid only during this call).
     * @param sequence the task's sequence.
     * @param workerId the worker that ran it.
     * @param cause    what the handler threw.
     */
    void onTaskFailure(T task, long sequence, int workerId, Throwable cause);

    /**
     * The result handler threw while consuming the outcome of a task. The outcome counts as delivered.
     *
     * @param taskSequence the sequence of the task whose outcome was being consumed.
     * @param cause        what the result handler threw.
     */
    default void onResultFailure(final long taskSequence, final Throwable cause)
    {
    }

    /**
     * A lifecycle callback ({@code onShutdown}) threw.
     *
     * @param threadName the pool thread it ran on.
     * @param cause      what it threw.
     */
    default void onLifecycleFailure(final String threadName, final Throwable cause)
    {
    }
}
