package io.ringpool.internal;

import io.ringpool.FailureListener;
import io.ringpool.ResultHandler;

import java.util.concurrent.CountDownLatch;

/**
 * The collector thread's loop: reads outcomes from the result ring in batches and hands each to the user's
 * {@link ResultHandler}, with end-of-batch on the last real outcome of each batch.
 * <p>
 * Written here rather than taken from the Disruptor's {@code BatchEventProcessor} because a halt must stop it
 * between two outcomes, not at the end of a batch, must know exactly which outcomes were handed over
 * ({@link HandOver}), and must read the submission-order ring as well ({@link ResultFeed}).
 *
 * @param <R> the result type.
 */
final class ResultCollector<R> implements Runnable
{
    private final ResultFeed<R> feed;
    private final HandOver handOver = new HandOver();
    private final StopLimit limit = new StopLimit();
    private final ResultHandler<R> handler;
    private final FailureListener<?> listener;
    private final FailureSink sink;
    private final CountDownLatch started;

    ResultCollector(
        final ResultFeed<R> feed,
        final ResultHandler<R> handler,
        final FailureListener<?> listener,
        final FailureSink sink,
        final CountDownLatch started)
    {
        this.feed = feed;
        this.handler = handler;
        this.listener = listener;
        this.sink = sink;
        this.started = started;
    }

    @Override
    public void run()
    {
        try
        {
            handler.onStart();
        }
        catch (final Throwable ex)
        {
            sink.fail(new IllegalStateException("resultHandler.onStart threw on " + threadName(), ex));
            started.countDown();
            return;
        }
        started.countDown();

        try
        {
            collect();
        }
        catch (final Throwable ex)
        {
            sink.fail(ex);
        }
        finally
        {
            try
            {
                handler.onShutdown();
            }
            catch (final Throwable ex)
            {
                Listeners.lifecycleFailed(listener, sink, threadName(), ex);
                if (ex instanceof Error)
                {
                    sink.fail(ex);
                }
            }
        }
    }

    private void collect()
    {
        long next = feed.released() + 1L;
        while (next <= limit.get())
        {
            final long available = feed.await(next, limit);
            if (available < next)
            {
                continue;
            }

            final long lastReal = lastRealOutcome(next, available);
            for (long s = next; s <= available; s++)
            {
                if (!handOver.tryHandOver(s))
                {
                    feed.release(s - 1L);
                    return;
                }
                final ResultSlot<R> slot = feed.get(s);
                if (!slot.isVoid)
                {
                    deliver(slot, s == lastReal);
                }
            }
            feed.release(available);
            next = available + 1L;
        }
    }

    /** End-of-batch belongs to the last outcome a handler sees, so skip void entries at the end of the batch. */
    private long lastRealOutcome(final long first, final long last)
    {
        long s = last;
        while (s > first && feed.get(s).isVoid)
        {
            s--;
        }
        return s;
    }

    private void deliver(final ResultSlot<R> slot, final boolean endOfBatch)
    {
        try
        {
            handler.onResult(slot, endOfBatch);
        }
        catch (final Throwable ex)
        {
            Listeners.resultFailed(listener, sink, slot.taskSequence, ex);
            if (ex instanceof Error)
            {
                sink.fail(ex);
            }
        }
    }

    private static String threadName()
    {
        return Thread.currentThread().getName();
    }

    // ---- shutdown side ----

    /**
     * Lets the collector deliver up to {@code lastSequence} and then stop.
     *
     * @param lastSequence the last result sequence to deliver.
     */
    void drainTo(final long lastSequence)
    {
        limit.lowerTo(lastSequence);
        feed.wake();
    }

    /**
     * Stops the collector before its next outcome.
     *
     * @return the last result sequence handed to the result handler.
     */
    long stopNow()
    {
        final long handed = handOver.seal();
        limit.stopNow();
        feed.wake();
        return handed;
    }

    /**
     * Outcomes waiting for this consumer, for the metrics.
     *
     * @return the count.
     */
    long backlog()
    {
        return feed.backlog();
    }
}
