package io.ringpool.internal;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import org.agrona.concurrent.IdleStrategy;

/**
 * The consumer's side of a result ring, for the collector thread and the poller alike: wait for outcomes (the
 * collector), see which are published (the poller), read them, release them. One consumer per feed;
 * single-threaded.
 *
 * @param <R> the result type.
 */
abstract class ResultFeed<R>
{
    /**
     * Waits until {@code next} is available.
     *
     * @param next  the sequence wanted.
     * @param limit the consumer's stop limit, re-read while waiting.
     * @return the highest sequence from {@code next} on up to which every entry is available; below {@code next}
     *     if the wait was cut short (the caller re-reads its limit).
     */
    abstract long await(long next, StopLimit limit);

    abstract ResultSlot<R> get(long sequence);

    /** Whether the entry of {@code sequence} is published. */
    abstract boolean isAvailable(long sequence);

    /** The highest sequence that may be published: a consumer that does not wait looks no further. */
    abstract long cursor();

    /** Lets producers reuse every slot up to {@code sequence}. */
    abstract void release(long sequence);

    /** The consumer's sequence: the last slot released. */
    abstract long released();

    /** Wakes a consumer waiting in {@link #await}. */
    abstract void wake();

    /**
     * Outcomes published and not yet released, for the metrics: from any thread, writing nothing. This form reads the
     * availability flag of every entry between the consumer and the cursor (submission order, where outcomes arrive
     * out of order); completion order overrides it with a subtraction.
     *
     * @return the count.
     */
    long backlog()
    {
        final long from = released();
        final long to = cursor();
        long count = 0;
        for (long s = from + 1; s <= to; s++)
        {
            if (isAvailable(s))
            {
                count++;
            }
        }
        return count;
    }

    /** Completion order: the Disruptor ring, a barrier and a gating sequence. */
    static final class Completion<R> extends ResultFeed<R>
    {
        private final RingBuffer<ResultSlot<R>> ring;
        private final SequenceBarrier barrier;
        private final Sequence sequence = new Sequence();

        Completion(final ResultRing<R> results)
        {
            this.ring = results.ring();
            this.barrier = ring.newBarrier();
            ring.addGatingSequences(sequence);
        }

        @Override
        long await(final long next, final StopLimit limit)
        {
            try
            {
                return barrier.waitFor(next);
            }
            catch (final AlertException ex)
            {
                barrier.clearAlert();
            }
            catch (final TimeoutException | InterruptedException ex)
            {
                // the caller re-reads its limit
            }
            return next - 1L;
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

        /** Claimed minus released: exact but for the few slots a worker has claimed and not yet published. */
        @Override
        long backlog()
        {
            return Math.max(0L, ring.getCursor() - sequence.get());
        }

        @Override
        void wake()
        {
            barrier.alert();
        }
    }

    /** Submission order: the ordered ring's availability flags, waited on with an idle strategy. */
    static final class Submission<R> extends ResultFeed<R>
    {
        private final OrderedResultRing<R> ring;
        private final IdleStrategy idle;
        private final int size;

        Submission(final OrderedResultRing<R> ring, final IdleStrategy idle, final int size)
        {
            this.ring = ring;
            this.idle = idle;
            this.size = size;
        }

        @Override
        long await(final long next, final StopLimit limit)
        {
            idle.reset();
            while (!ring.isAvailable(next))
            {
                if (next > limit.get())
                {
                    return next - 1L;
                }
                idle.idle();
            }
            return ring.highestAvailable(next, next + size - 1L);
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

        @Override
        void wake()
        {
            // The idle loop re-reads the limit on every turn.
        }
    }
}
