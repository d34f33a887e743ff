package io.ringpool;

/**
 * The failure listener of a {@link RingPoolExecutor}'s pool: turns the pool's view (a ring entry and a
 * {@link TaskFailure}) into the executor's (the {@link Runnable} and what it threw) for the user's listener.
 * <p>
 * <b>Threading:</b> called on the worker that ran the task; as thread-safe as the user's listener.
 */
final class ExecutorFailures implements FailureListener<ExecutorTask>
{
    private final FailureListener<Runnable> listener;

    ExecutorFailures(final FailureListener<Runnable> listener)
    {
        this.listener = listener;
    }

    @Override
    public void onTaskFailure(final ExecutorTask entry, final long sequence, final int workerId, final Throwable cause)
    {
        if (cause instanceof TaskFailure)
        {
            final TaskFailure failure = (TaskFailure)cause;
            listener.onTaskFailure(failure.task(), sequence, workerId, failure.getCause());
        }
        else
        {
            // A VirtualMachineError: the task was cleared from its entry before it ran, and the pool fails.
            listener.onTaskFailure(null, sequence, workerId, cause);
        }
    }

    @Override
    public void onLifecycleFailure(final String threadName, final Throwable cause)
    {
        listener.onLifecycleFailure(threadName, cause);
    }
}
