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

    /** The default listener: one WARNING log record per failed task, through {@code System.Logger}. */
    static final class Logging implements FailureListener<Runnable>
    {
        private static final System.Logger LOG = System.getLogger("io.ringpool");

        private final String executorName;

        Logging(final String executorName)
        {
            this.executorName = executorName;
        }

        @Override
        public void onTaskFailure(final Runnable task, final long sequence, final int workerId, final Throwable cause)
        {
            LOG.log(System.Logger.Level.WARNING,
                "executor '" + executorName + "': task " + sequence + " failed on worker " + workerId, cause);
        }

        @Override
        public void onLifecycleFailure(final String threadName, final Throwable cause)
        {
            LOG.log(System.Logger.Level.WARNING,
                "executor '" + executorName + "': lifecycle callback failed on " + threadName, cause);
        }
    }
}
