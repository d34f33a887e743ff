package io.ringpool.internal;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.ringpool.ResultPoller;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * The {@link ResultPoller} of a pool in polling mode, for either result order. Void entries are skipped, and a poll
 * allocates nothing.
 * <p>
 * <b>Hand-over.</b> Each outcome is handed to the poll handler only after a CAS on the poller's {@link HandOver}; the
 * shutdown seals it when it makes the report. So an outcome is either polled before the report, or listed in it as
 * undelivered, never both; once sealed, a poll hands out nothing. The ring's gating sequence still moves once per
 * poll, after the handler has returned for every outcome of the poll, so no entry is reused while the user reads it.
 *
 * @param <R> the result type.
 */
abstract class PollingResults<R> implements ResultPoller<R>
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

    final HandOver handOver = new HandOver();
    /** The thread of the latest poll: a drain from that thread cannot wait for polls. */
    @SuppressWarnings("unused")
    private Thread lastThread;

    static <R> PollingResults<R> completion(final ResultRing<R> results)
    {
        return new Completion<>(results);
    }

    static <R> PollingResults<R> submission(final OrderedResultRing<R> results, final int size)
    {
        return new Submission<>(results, size);
    }

    /** The entry of a result sequence. */
    abstract ResultSlot<R> get(long sequence);

    /** Whether the entry of a result sequence is published. */
    abstract boolean isAvailable(long sequence);

    /** The highest sequence published or claimed: a poll looks no further. */
    abstract long cursor();

    /** Lets producers reuse every entry up to {@code sequence}. */
    abstract void release(long sequence);

    /** The last sequence released. */
    abstract long released();

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
        final long from = released() + 1L;
        final long cursor = cursor();
        long last = from - 1L;
        while (last < cursor && isAvailable(last + 1L))
        {
            last++;
        }
        if (last < from || handOver.isSealed())
        {
            return last < cursor && !handOver.isSealed() ? EventPoller.PollState.GATING : EventPoller.PollState.IDLE;
        }
        long lastReal = last;
        while (lastReal > from && get(lastReal).isVoid)
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
                final ResultSlot<R> slot = get(s);
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
            release(done);
        }
        return EventPoller.PollState.PROCESSING;
    }

    /** Completion order: the Disruptor ring's availability, and a gating sequence of the poller's own. */
    private static final class Completion<R> extends PollingResults<R>
    {
        private final RingBuffer<ResultSlot<R>> ring;
        private final Sequence sequence = new Sequence();

        Completion(final ResultRing<R> results)
        {
            this.ring = results.ring();
            ring.addGatingSequences(sequence);
        }

        @Override
        ResultSlot<R> get(final long sequence)
        {
            return ring.get(sequence);
        }

        @Override
        boolean isAvailable(final long sequence)
        {
            return ring.isAvailable(sequence);
        }

        @Override
        long cursor()
        {
            return ring.getCursor();
        }

        @Override
        void release(final long sequence)
        {
            this.sequence.set(sequence);
        }

        @Override
        long released()
        {
            return sequence.get();
        }
    }

    /** Submission order: the ordered ring's availability flags, from the consumed sequence on. */
    private static final class Submission<R> extends PollingResults<R>
    {
        private final OrderedResultRing<R> ring;
        private final int size;

        Submission(final OrderedResultRing<R> ring, final int size)
        {
            this.ring = ring;
            this.size = size;
        }

        @Override
        ResultSlot<R> get(final long sequence)
        {
            return ring.get(sequence);
        }

        @Override
        boolean isAvailable(final long sequence)
        {
            return ring.isAvailable(sequence);
        }

        @Override
        long cursor()
        {
            return ring.consumed().get() + size;
        }

        @Override
        void release(final long sequence)
        {
            ring.consumed().set(sequence);
        }

        @Override
        long released()
        {
            return ring.consumed().get();
        }
    }
}
