package io.ringpool;

/**
 * Carries what an executed {@link Runnable} threw, with the task, from a {@link RingPoolExecutor}'s worker to its
 * failure listener. The pool counts the task failed and the worker carries on; the listener gets the task and the
 * original throwable, never this wrapper. Made only when a task throws, without a stack trace of its own.
 */
final class TaskFailure extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient Runnable task;

    TaskFailure(final Runnable task, final Throwable cause)
    {
        super("task failed", cause, false, false);
        this.task = task;
    }

    Runnable task()
    {
        return task;
    }
}
