package io.ringpool.internal;

import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.util.Util;
import io.ringpool.Outcome;
import io.ringpool.OutcomeStatus;
import org.agrona.concurrent.IdleStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The result ring in submission order: the outcome of task {@code s} goes to slot {@code s mod size}, so the consumer
 * reads outcomes in task-sequence order however the workers finish. Workers never contend for a claim: each knows
 * its slot; a per-slot availability flag (the lap number, as in the Disruptor's multi-producer sequencer) says when
 * the outcome is there.
 * <p>
 * <b>Why it must be at least as large as the task ring.</b> A worker may write the outcome of {@code s} only once the
 * consumer has passed {@code s - size}. Every task in flight lies within one task-ring length of the oldest task not
 * yet finished, which is the one the consumer waits for; with {@code size >= taskRingSize} its slot and every later
 * one are always free, so out-of-order outcomes can never fill the ring while the consumer waits for a missing one.
 * Sequences without an outcome (void entries) are marked void by the worker that meets them, so nothing waits for
 * them.
 *
 * @param <R> the result type.
 */
final class OrderedResultRing<R> implements ResultSink<R>
{
    private static final VarHandle AVAILABLE = MethodHandles.arrayElementVarHandle(int[].class);

    private final ResultSlot<R>[] slots;
    private final int[] available;
    private final int mask;
    private final int shift;
    private final Sequence consumed = new Sequence();
    private final EventFactory<R> resultFactory;

    @SuppressWarnings("unchecked")
    OrderedResultRing(final EventFactory<R> resultFactory, final int size)
    {
        this.resultFactory = resultFactory;
        this.slots = (ResultSlot<R>[])new ResultSlot<?>[size];
        for (int i = 0; i < size; i++)
        {
            slots[i] = new ResultSlot<>(resultFactory.newInstance());
        }
        this.available = new int[size];
        java.util.Arrays.fill(available, -1);
        this.mask = size - 1;
        this.shift = Util.log2(size);
        VarHandle.releaseFence();
    }

    /**
     * The consumer's sequence: every slot up to it may be reused.
     *
     * @return the sequence.
     */
    Sequence consumed()
    {
        return consumed;
    }

    ResultSlot<R> get(final long sequence)
    {
        return slots[(int)sequence & mask];
    }

    boolean isAvailable(final long sequence)
    {
        return (int)AVAILABLE.getAcquire(available, (int)sequence & mask) == (int)(sequence >>> shift);
    }

    /**
     * The highest sequence from {@code from} on up to which every outcome is available.
     *
     * @param from the first sequence to check.
     * @param max  the highest sequence to check.
     * @return the highest contiguous available sequence, or {@code from - 1} if {@code from} is not available.
     */
    long highestAvailable(final long from, final long max)
    {
        long s = from;
        while (s <= max && isAvailable(s))
        {
            s++;
        }
        return s - 1;
    }

    private boolean hasRoom(final long taskSequence)
    {
        return taskSequence - slots.length <= consumed.get();
    }

    @Override
    public R newSpare()
    {
        return resultFactory.newInstance();
    }

    @Override
    public long tryClaim(final long taskSequence)
    {
        return hasRoom(taskSequence) ? taskSequence : -1L;
    }

    @Override
    public long claim(
        final long taskSequence, final WorkerTicket ticket, final StopLimit limit, final IdleStrategy idle)
    {
        idle.reset();
        while (!ticket.isSeized() && limit.get() != Long.MIN_VALUE)
        {
            idle.idle();
            if (hasRoom(taskSequence))
            {
                return taskSequence;
            }
        }
        return -1L;
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
        final R previous = get(handle).swapIn(filled, taskSequence, workerId, status, failure);
        markAvailable(handle);
        return previous;
    }

    @Override
    public ResultSlot<R> slot(final long handle)
    {
        return get(handle);
    }

    @Override
    public void publishVoid(final long handle)
    {
        get(handle).markVoid();
        markAvailable(handle);
    }

    @Override
    public void skip(final long taskSequence, final StopLimit limit, final IdleStrategy idle)
    {
        idle.reset();
        while (!hasRoom(taskSequence))
        {
            if (limit.get() == Long.MIN_VALUE)
            {
                return;
            }
            idle.idle();
        }
        publishVoid(taskSequence);
    }

    private void markAvailable(final long sequence)
    {
        AVAILABLE.setRelease(available, (int)sequence & mask, (int)(sequence >>> shift));
    }

    /**
     * The outcomes available after {@code consumed}, up to {@code upTo}, in order, void entries left out.
     *
     * @param consumed the consumer's last consumed sequence.
     * @param upTo     the highest task sequence.
     * @return the unconsumed outcomes.
     */
    List<Outcome<R>> outcomesAfter(final long consumed, final long upTo)
    {
        final List<Outcome<R>> outcomes = new ArrayList<>();
        for (long s = consumed + 1; s <= upTo && s - consumed <= slots.length; s++)
        {
            if (isAvailable(s) && !get(s).isVoid)
            {
                outcomes.add(get(s));
            }
        }
        return outcomes;
    }
}
