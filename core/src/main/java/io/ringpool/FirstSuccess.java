package io.ringpool;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The futures of one {@code invokeAny} call, as a group: remembers the first that succeeded, counts the others that
 * ended, and wakes the caller when it has a winner or every task has ended without one.
 * <p>
 * <b>Thread safety:</b> every method holds the group's monitor; {@link #onDone} is called by whichever thread
 * finished a future (its worker, or a canceller) and does nothing but count. The group is also its futures' wait
 * lock (see {@link ExecutorFuture}), so a future's end may notify it once more than needed: {@link #await} re-checks
 * its condition after every wake-up.
 *
 * @param <T> the tasks' result type.
 */
final class FirstSuccess<T>
{
    private ExecutorFuture<T> winner;
    private Throwable lastFailure;
    private int ended;
    /** How many futures can end; until the caller has published all it will, more than can ever end. */
    private int expected = Integer.MAX_VALUE;

    /**
     * One future of the group is done.
     *
     * @param future the future, in its final state.
     */
    synchronized void onDone(final ExecutorFuture<T> future)
    {
        if (null != winner)
        {
            return;
        }
        if (future.succeeded())
        {
            winner = future;
            notifyAll();
            return;
        }
        final Throwable failure = future.failureOfDone();
        if (null != failure)
        {
            lastFailure = failure;
        }
        if (++ended >= expected)
        {
            notifyAll();
        }
    }

    /**
     * Whether a task of the group has succeeded.
     *
     * @return true once there is a winner.
     */
    synchronized boolean decided()
    {
        return null != winner;
    }

    /**
     * The caller has published every future it will: the group now knows how many can end.
     *
     * @param count the number of futures published.
     */
    synchronized void expect(final int count)
    {
        expected = count;
        if (ended >= expected)
        {
            notifyAll();
        }
    }

    /**
     * Waits for the first success.
     *
     * @param timed     whether {@code deadline} applies.
     * @param deadline  a {@link System#nanoTime()} deadline, if timed.
     * @return the result of the first task that succeeded.
     * @throws InterruptedException if the caller is interrupted while it waits.
     * @throws ExecutionException   if every task ended without success; its cause is the last failure seen, if any.
     * @throws TimeoutException     if the deadline passed first.
     */
    synchronized T await(final boolean timed, final long deadline)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        while (null == winner && ended < expected)
        {
            if (timed)
            {
                final long remaining = deadline - System.nanoTime();
                if (remaining <= 0)
                {
                    throw new TimeoutException("no task completed successfully in time");
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
            else
            {
                wait();
            }
        }
        if (null != winner)
        {
            return winner.resultOfDone();
        }
        throw new ExecutionException("no task completed successfully", lastFailure);
    }
}
