package io.ringpool.internal;

import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.Outcome;
import io.ringpool.OutcomeStatus;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The second ring: workers publish one outcome per task into it, a collector thread or the caller's poller reads
 * them. A full result ring makes workers wait, which holds their task-ring gating sequences back, which makes
 * producers wait: backpressure reaches the producers through the rings alone.
 * <p>
 * <b>Claim after the handler.</b> A worker claims its result slot only after its handler returned (REFERENCE §8):
 * a slow handler then never holds a result slot that outcomes behind it wait for.
 *
 * @param <R> the result type.
 */
public final class ResultRing<R> implements ResultSink<R>
{
    private final RingBuffer<ResultSlot<R>> ring;
    private final EventFactory<R> resultFactory;

    private ResultRing(final RingBuffer<ResultSlot<R>> ring, final EventFactory<R> resultFactory)
    {
        this.ring = ring;
        this.resultFactory = resultFactory;
    }

    /**
     * Makes a result ring.
     *
     * @param resultFactory makes the result objects, once per entry plus one spare per worker.
     * @param size          the number of entries, a power of two.
     * @param writers       the number of workers that publish into it.
     * @param waitStrategy  how its consumer waits.
     * @param <R>           the result type.
     * @return the ring.
     */
    public static <R> ResultRing<R> create(
        final EventFactory<R> resultFactory, final int size, final int writers, final WaitStrategy waitStrategy)
    {
        final EventFactory<ResultSlot<R>> slots = () -> new ResultSlot<>(resultFactory.newInstance());
        final ProducerType producerType = writers == 1 ? ProducerType.SINGLE : ProducerType.MULTI;
        return new ResultRing<>(RingBuffer.create(producerType, slots, size, waitStrategy), resultFactory);
    }

    /**
     * The underlying ring, for the consumer's barrier, poller and gating sequence.
     *
     * @return the ring.
     */
    public RingBuffer<ResultSlot<R>> ring()
    {
        return ring;
    }

    @Override
    public R newSpare()
    {
        return resultFactory.newInstance();
    }

    @Override
    public long claim(final long taskSequence, final WorkerTicket ticket, final IdleStrategy idle)
    {
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return claimSlowPath(ticket, idle);
        }
    }

    private long claimSlowPath(final WorkerTicket ticket, final IdleStrategy idle)
    {
        idle.reset();
        while (!ticket.isAbandoned())
        {
            idle.idle();
            try
            {
                return ring.tryNext();
            }
            catch (final InsufficientCapacityException ignore)
            {
                // still full: the consumer is behind
            }
        }
        return -1;
    }

    @Override
    public R publish(
        final long handle,
        final R filled,
        final long taskSequence,
        final int workerId,
        final OutcomeStatus status,
        final Throwable failure)
    {
        final R previous = ring.get(handle).swapIn(filled, taskSequence, workerId, status, failure);
        ring.publish(handle);
        return previous;
    }

    @Override
    public void publishVoid(final long handle)
    {
        ring.get(handle).markVoid();
        ring.publish(handle);
    }

    @Override
    public void skip(final long taskSequence, final StopLimit limit, final IdleStrategy idle)
    {
        // Completion order needs no entry for a sequence without an outcome.
    }

    /**
     * Waits until every claimed slot after {@code from} up to the cursor is published: after a halt, an abandoned
     * worker may still be publishing the void entry it had claimed.
     *
     * @param from       the consumer's last consumed sequence.
     * @param deadlineNs the {@link System#nanoTime()} to give up at.
     * @return the highest sequence up to which every slot is published.
     */
    long awaitPublished(final long from, final long deadlineNs)
    {
        final long cursor = ring.getCursor();
        for (long s = from + 1; s <= cursor; s++)
        {
            while (!ring.isAvailable(s))
            {
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    return s - 1;
                }
                LockSupport.parkNanos(10_000L);
            }
        }
        return cursor;
    }

    /**
     * The outcomes published after {@code consumed}: what a consumer has not read.
     *
     * @param consumed the consumer's last consumed sequence.
     * @param upTo     the last published sequence.
     * @return the unconsumed outcomes in ring order, void entries left out.
     */
    List<Outcome<R>> outcomesAfter(final long consumed, final long upTo)
    {
        final List<Outcome<R>> outcomes = new ArrayList<>();
        for (long s = consumed + 1; s <= upTo; s++)
        {
            final ResultSlot<R> slot = ring.get(s);
            if (!slot.isVoid)
            {
                outcomes.add(slot);
            }
        }
        return outcomes;
    }
}
