package io.ringpool.internal;

import com.lmax.disruptor.EventPoller;
import io.ringpool.ResultPoller;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

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
            return last < cursor && !handOver.isSealed() ? EventPoller.PollState.GATING : EventPoller.PollState.IDLE;
        }
        long lastReal = last;
        while (lastReal > from && feed.get(lastReal).isVoid)
        {
            lastReal--;
        }

        long done = from - 1L;
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
        return EventPoller.PollState.PROCESSING;
    }
}
