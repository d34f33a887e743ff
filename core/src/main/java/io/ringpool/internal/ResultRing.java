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

/**
 * The second ring: workers publish one outcome per task into it, a collector thread or the caller's poller reads
 * them. A full result ring makes workers wait, which holds their task-ring gating sequences back, which makes
 * producers wait: backpressure reaches the producers through the rings alone.
 * <p>
 * <b>Claim after the handler.</b> A worker claims its result slot only after its handler returned: a slow handler
 * then never holds a result slot that outcomes behind it wait for, and a halt never finds a claimed slot whose
 * publish waits on user code.
 *
 * @param <R> the result type.
 */
final class ResultRing<R> implements ResultSink<R>
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
    public long tryClaim(final long taskSequence)
    {
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return -1L;
        }
    }

    @Override
    public long claim(
        final long taskSequence, final WorkerTicket ticket, final StopLimit limit, final IdleStrategy idle)
    {
        idle.reset();
        while (!ticket.isSeized() && limit.get() != Long.MIN_VALUE)
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
    public ResultSlot<R> slot(final long handle)
    {
        return ring.get(handle);
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
     * Waits until every claimed slot after {@code from} up to the cursor is published. A slot is claimed only by a
     * worker that has committed its outcome, and published right after by engine code alone (void, if a halt seized
     * the outcome meanwhile), so this waits without a deadline, for as long as a worker that could hold the slot is
     * alive.
     *
     * @param from          the consumer's last consumed sequence.
     * @param writersActive whether a worker that may still publish a claimed slot is alive.
     * @return the highest sequence up to which every slot is published: the cursor, unless every writer died.
     */
    long awaitPublished(final long from, final java.util.function.BooleanSupplier writersActive)
    {
        final long cursor = ring.getCursor();
        int steps = 0;
        for (long s = from + 1; s <= cursor; s++)
        {
            while (!ring.isAvailable(s))
            {
                if (!writersActive.getAsBoolean())
                {
                    return s - 1;
                }
                steps = Pause.step(steps);
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
