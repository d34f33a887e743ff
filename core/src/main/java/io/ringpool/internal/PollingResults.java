package io.ringpool.internal;

import com.lmax.disruptor.EventPoller;
import io.ringpool.ResultPoller;

import org.agrona.concurrent.BackoffIdleStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The {@link ResultPoller} of a pool in polling mode, for either result order (through its {@link ResultFeed}, the
 * same reader the collector uses). Void entries are skipped, and a poll allocates nothing.
 * <p>
 * <b>Hand-over.</b> Each outcome is handed to the poll handler only after a CAS on the poller's {@link HandOver}; the
 * shutdown seals it when it makes the report (docs/protocol.md, section 5). So an outcome is either polled before the
 * report, or listed in it as undelivered, never both; once sealed, a poll hands out nothing. The ring's gating
 * sequence still moves once per poll, after the handler has returned for every outcome of the poll, so no entry is
 * reused while the user reads it.
 *
 * @param <R> the result type.
 */
final class PollingResults<R> implements ResultPoller<R>
{
    private static final VarHandle LAST_THREAD;
    /** {@link #pollOnce} found outcomes claimed but not yet published. */
    private static final long NOTHING_YET = -1L;

    static
    {
        try
        {
            LAST_THREAD = MethodHandles.lookup().findVarHandle(PollingResults.class, "lastThread", Thread.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final ResultFeed<R> feed;
    private final HandOver handOver = new HandOver();
    /**
     * The timed poll's wait between empty polls: spins, then yields, then parks from 1 µs up to 100 µs. Used only by
     * the polling thread (one at a time), so one instance serves every timed poll.
     */
    private final BackoffIdleStrategy timedPollIdle = new BackoffIdleStrategy(
        100, 10, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100));
    /** The thread of the latest poll: a drain from that thread cannot wait for polls. */
    @SuppressWarnings("unused")
    private Thread lastThread;

    PollingResults(final ResultFeed<R> feed)
    {
        this.feed = feed;
    }

    /**
     * The thread of the latest poll, if any.
     *
     * @return the thread, or null if nobody polled yet.
     */
    Thread lastPollingThread()
    {
        return (Thread)LAST_THREAD.getOpaque(this);
    }

    /**
     * The last result sequence released: every outcome up to it was polled and its handler returned.
     *
     * @return the sequence.
     */
    long released()
    {
        return feed.released();
    }

    /**
     * Seals the hand-over for the report.
     *
     * @return the last result sequence handed to the user.
     */
    long seal()
    {
        return handOver.seal();
    }

    @Override
    public EventPoller.PollState poll(final Handler<R> handler)
    {
        Objects.requireNonNull(handler, "handler");
        final long handed = pollOnce(handler);
        return handed > 0 ? EventPoller.PollState.PROCESSING :
            handed == NOTHING_YET ? EventPoller.PollState.GATING : EventPoller.PollState.IDLE;
    }

    @Override
    public EventPoller.PollState poll(final Handler<R> handler, final Duration timeout)
    {
        Objects.requireNonNull(handler, "handler");
        final long timeoutNs = Timeouts.nonNegativeNanos(timeout);
        final long start = System.nanoTime();
        timedPollIdle.reset();
        while (true)
        {
            final long handed = pollOnce(handler);
            if (handed > 0)
            {
                return EventPoller.PollState.PROCESSING;
            }
            if (handOver.isSealed() || Thread.currentThread().isInterrupted() ||
                System.nanoTime() - start >= timeoutNs)
            {
                return handed == NOTHING_YET && !handOver.isSealed() ?
                    EventPoller.PollState.GATING : EventPoller.PollState.IDLE;
            }
            timedPollIdle.idle();
        }
    }

    /**
     * One poll.
     *
     * @param handler receives the outcomes.
     * @return the number of outcomes handed to the handler; 0 if none (IDLE) or the poll found only void entries;
     *     {@link #NOTHING_YET} if entries are claimed but not yet published (GATING).
     */
    private long pollOnce(final Handler<R> handler)
    {
        if (Thread.currentThread() != lastPollingThread())
        {
            LAST_THREAD.setOpaque(this, Thread.currentThread());
        }
        final long from = feed.released() + 1L;
        final long cursor = feed.cursor();
        long last = from - 1L;
        while (last < cursor && feed.isAvailable(last + 1L))
        {
            last++;
        }
        if (last < from || handOver.isSealed())
        {
            return last < cursor && !handOver.isSealed() ? NOTHING_YET : 0L;
        }
        long lastReal = last;
        while (lastReal > from && feed.get(lastReal).isVoid)
        {
            lastReal--;
        }

        long done = from - 1L;
        long handed = 0;
        try
        {
            for (long s = from; s <= last; s++)
            {
                if (!handOver.tryHandOver(s))
                {
                    break;
                }
                final ResultSlot<R> slot = feed.get(s);
                if (!slot.isVoid)
                {
                    final boolean more;
                    try
                    {
                        handed++;
                        more = handler.onOutcome(slot, s == lastReal);
                    }
                    catch (final RuntimeException | Error ex)
                    {
                        // Polled again next time, unless the report was made meanwhile and counts it handed over.
                        if (!handOver.giveBack(s))
                        {
                            done = s;
                        }
                        throw ex;
                    }
                    done = s;
                    if (!more)
                    {
                        break;
                    }
                }
                done = s;
            }
        }
        finally
        {
            feed.release(done);
        }
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
