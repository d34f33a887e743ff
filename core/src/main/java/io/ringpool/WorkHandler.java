package io.ringpool;

/**
 * The user's code that runs tasks on the pool's workers.
 * <p>
 * <b>Threading:</b> a pool made with {@link RingPoolBuilder#handlerFactory} gets one handler per worker, each
 * called only on its own worker's thread, so it may keep unsynchronised state. A handler given with
 * {@link RingPoolBuilder#handler} is shared by every worker and must be thread-safe.
 * <p>
 * <b>Errors:</b> whatever {@link #onTask} throws becomes a {@link OutcomeStatus#FAILED} outcome and is passed to the
 * pool's {@link FailureListener}; the worker carries on with the next task. An {@link Error} also moves the pool to
 * {@link PoolState#FAILED}.
 *
 * @param <T> the task type.
 * @param <R> the result type.
 */
@FunctionalInterface
public interface WorkHandler<T, R>
{
    /**
     * Runs one task.
     * <p>
     * The task object lives in the task ring and is reused once this method returns: copy what must outlive it.
     * The result object is this worker's spare result entry: write every field the result consumer reads, since it
     * may still hold values from an earlier task. When the pool has no result ring, {@code result} is null.
     *
     * @param task    the task to run.
     * @param result  the result object to fill, or null for a pool without results.
     * @param context the worker id, the task's sequence and the end-of-batch flag.
     * @throws Exception to mark the task {@link OutcomeStatus#FAILED}.
     */
    void onTask(T task, R result, TaskContext context) throws Exception;

    /**
     * Called once on the worker's thread before it takes its first task: the place to acquire a per-worker
     * resource. If it throws, the pool fails to start.
     *
     * @param workerId the worker's id, 0 to workers-1.
     * @throws Exception to fail the pool's start.
     */
    default void onStart(final int workerId) throws Exception
    {
    }

    /**
     * Called once on the worker's thread after its last task, when the pool drains, halts or fails, and only if
     * {@link #onStart} returned normally: the place to release a per-worker resource.
     *
     * @throws Exception reported to the pool's {@link FailureListener}.
     */
    default void onShutdown() throws Exception
    {
    }
}
