package io.ringpool.internal;

import io.ringpool.FailureListener;

/**
 * Calls the user's {@link FailureListener} and turns a listener that throws into a pool failure, so a broken
 * listener can never silently swallow a failure or kill the thread that called it.
 */
final class Listeners
{
    private Listeners()
    {
    }

    static <T> void taskFailed(
        final FailureListener<T> listener,
        final FailureSink sink,
        final T task,
        final long sequence,
        final int workerId,
        final Throwable cause)
    {
        try
        {
            listener.onTaskFailure(task, sequence, workerId, cause);
        }
        catch (final Throwable listenerFailure)
        {
            listenerFailure.addSuppressed(cause);
            sink.fail(new IllegalStateException(
                "failureListener threw while handling the failure of task " + sequence, listenerFailure));
        }
    }

    static void resultFailed(
        final FailureListener<?> listener, final FailureSink sink, final long taskSequence, final Throwable cause)
    {
        try
        {
            listener.onResultFailure(taskSequence, cause);
        }
        catch (final Throwable listenerFailure)
        {
            listenerFailure.addSuppressed(cause);
            sink.fail(new IllegalStateException(
                "failureListener threw while handling a result handler failure for task " + taskSequence,
                listenerFailure));
        }
    }

    static void lifecycleFailed(
        final FailureListener<?> listener, final FailureSink sink, final String threadName, final Throwable cause)
    {
        try
        {
            listener.onLifecycleFailure(threadName, cause);
        }
        catch (final Throwable listenerFailure)
        {
            listenerFailure.addSuppressed(cause);
            sink.fail(new IllegalStateException(
                "failureListener threw while handling a lifecycle failure on " + threadName, listenerFailure));
        }
    }
}
