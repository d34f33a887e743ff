package io.ringpool.internal;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import io.ringpool.ResultPoller;

import java.util.Objects;

/**
 * The {@link ResultPoller} of a pool in polling mode, for either result order. Void entries are skipped, and a poll
 * allocates nothing.
 *
 * @param <R> the result type.
 */
abstract class PollingResults<R> implements ResultPoller<R>
{
    /**
     * The poller's sequence: the last outcome it consumed.
     *
     * @return the sequence.
     */
    abstract long consumed();

    static <R> PollingResults<R> completion(final ResultRing<R> results)
    {
        return new Completion<>(results);
    }

    static <R> PollingResults<R> submission(final OrderedResultRing<R> results, final int size)
    {
        return new Submission<>(results, size);
    }

    /** Completion order: the Disruptor's {@link EventPoller} on the result ring. */
    private static final class Completion<R> extends PollingResults<R> implements EventPoller.Handler<ResultSlot<R>>
    {
        private final EventPoller<ResultSlot<R>> poller;
        private Handler<R> handler;

        Completion(final ResultRing<R> results)
        {
            final RingBuffer<ResultSlot<R>> ring = results.ring();
            this.poller = ring.newPoller();
            ring.addGatingSequences(poller.getSequence());
        }

        @Override
        public EventPoller.PollState poll(final Handler<R> handler)
        {
            this.handler = Objects.requireNonNull(handler, "handler");
            try
            {
                return poller.poll(this);
            }
            catch (final RuntimeException | Error ex)
            {
                throw ex;
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException("result poll failed", ex);
            }
            finally
            {
                this.handler = null;
            }
        }

        @Override
        public boolean onEvent(final ResultSlot<R> slot, final long sequence, final boolean endOfBatch)
        {
            return slot.isVoid || handler.onOutcome(slot, endOfBatch);
        }

        @Override
        long consumed()
        {
            return poller.getSequence().get();
        }
    }

    /** Submission order: reads the ordered ring's availability flags from the consumed sequence on. */
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
        public EventPoller.PollState poll(final Handler<R> handler)
        {
            Objects.requireNonNull(handler, "handler");
            final long from = ring.consumed().get() + 1L;
            final long end = ring.finalSequence();
            // Once the pool has terminated, a missing outcome never arrives: pass over it instead of waiting.
            final long last = end < 0 ? ring.highestAvailable(from, from + size - 1L) : Math.min(end, from + size - 1L);
            if (last < from)
            {
                return EventPoller.PollState.IDLE;
            }
            long processed = from - 1L;
            try
            {
                for (long s = from; s <= last; s++)
                {
                    final ResultSlot<R> slot = ring.get(s);
                    final boolean more = !ring.isAvailable(s) || slot.isVoid || handler.onOutcome(slot, s == last);
                    processed = s;
                    if (!more)
                    {
                        break;
                    }
                }
            }
            finally
            {
                ring.consumed().set(processed);
            }
            return EventPoller.PollState.PROCESSING;
        }

        @Override
        long consumed()
        {
            return ring.consumed().get();
        }
    }
}
