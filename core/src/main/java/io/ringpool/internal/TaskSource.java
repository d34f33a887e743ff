package io.ringpool.internal;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;

/**
 * Where one worker's tasks come from: which sequences it takes, in what order, and how its gating sequence moves.
 * The dispatch modes are subclasses; a worker calls {@link #next()} for a sequence, runs it, and calls
 * {@link #done(long)}.
 * <p>
 * <b>Contract</b> every implementation keeps:
 * <ul>
 *     <li>It returns only published sequences, each at most once, and never one above the {@link StopLimit}.</li>
 *     <li>The gating sequence stays below every sequence it has returned and not yet seen {@code done}, and below
 *     every sequence it will still return: a producer can never overwrite a task this worker holds or will take.</li>
 *     <li>It waits only through its own barrier, so an alert on it (drain, halt, failure) wakes only this worker,
 *     which then re-reads the limit.</li>
 * </ul>
 * Single-threaded: each instance belongs to one worker thread.
 */
public abstract class TaskSource
{
    /** Returned by {@link #next()} when the worker must stop. */
    public static final long STOP = -1L;
    /** Returned by {@link #tryNext()} when the next sequence is not at hand without a wait. */
    public static final long NONE = -2L;

    protected final RingBuffer<? extends TaskSlot<?>> ring;
    protected final TaskRing<?> tasks;
    protected final SequenceBarrier barrier;
    protected final Sequence sequence = new Sequence();
    protected final StopLimit limit;
    protected final int workerId;
    protected final int workers;
    /** Whether the sequence last returned is the last of this worker's current batch. */
    protected boolean endOfBatch;
    /** The highest sequence known to be published. */
    protected long available = -1L;

    protected TaskSource(final TaskRing<?> tasks, final StopLimit limit, final int workerId, final int workers)
    {
        this.tasks = tasks;
        this.ring = tasks.ring();
        this.barrier = ring.newBarrier();
        this.limit = limit;
        this.workerId = workerId;
        this.workers = workers;
    }

    /**
     * The next sequence this worker must run, waiting until one is published.
     *
     * @return a published sequence, or {@link #STOP}.
     */
    public abstract long next();

    /**
     * The next sequence this worker must run if it is at hand without waiting: in the batch already claimed, or
     * known to be published.
     *
     * @return a published sequence, {@link #NONE} if the next one would need a wait, or {@link #STOP}.
     */
    public abstract long tryNext();

    /**
     * The worker finished {@code sequence} (ran it, or skipped it as void).
     *
     * @param sequence the sequence last returned by {@link #next()}.
     */
    public void done(final long sequence)
    {
        this.sequence.set(sequence);
    }

    /**
     * The gating sequence that the task ring tracks for this worker.
     *
     * @return the sequence.
     */
    public final Sequence sequence()
    {
        return sequence;
    }

    final boolean endOfBatch()
    {
        return endOfBatch;
    }

    /**
     * Refreshes {@link #available} without waiting, if it is below {@code wanted}.
     *
     * @param wanted the sequence the caller needs published; every one below it is known published.
     * @return true if {@code wanted} is published.
     */
    protected final boolean refreshAvailable(final long wanted)
    {
        if (available < wanted)
        {
            available = tasks.publishedFrom(wanted);
        }
        return available >= wanted;
    }

    /** Wakes the worker if it waits on the ring, so it re-reads the stop limit. */
    final void alert()
    {
        barrier.alert();
    }

    /**
     * Waits until {@code next} is published, holding the gating sequence just below it meanwhile (nothing below
     * {@code next} is this worker's to hold), and re-reading the stop limit whenever the wait is cut short.
     *
     * @param next the sequence wanted.
     * @return true once {@code next} is published ({@link #available} is then at least {@code next}); false if the
     *     limit says stop.
     */
    protected final boolean awaitPublished(final long next)
    {
        while (next <= limit.get())
        {
            if (available >= next)
            {
                return true;
            }
            sequence.set(next - 1L);
            available = await(next, available);
        }
        return false;
    }

    /**
     * Waits once for {@code next} through this worker's barrier.
     *
     * @param next      the sequence wanted.
     * @param available the highest sequence known to be published so far.
     * @return the highest published sequence now known; below {@code next} if the wait was cut short.
     */
    protected final long await(final long next, final long available)
    {
        try
        {
            final long published = barrier.waitFor(next);
            if (published < next)
            {
                // A multi-producer claim below ours is not published yet: the wait strategy returned at once.
                Thread.onSpinWait();
            }
            return published;
        }
        catch (final AlertException ex)
        {
            // Cleared before the caller re-reads the limit: an alert raised after this clear stays raised.
            barrier.clearAlert();
        }
        catch (final TimeoutException | InterruptedException ex)
        {
            // re-read the limit and wait again
        }
        return available;
    }

    /**
     * Work stealing ({@link WorkStealingDispatch}): every worker takes the next unclaimed sequences.
     *
     * @param maxBatch the most sequences one claim may take; 1 claims one at a time.
     * @return the factory of one pool's sources.
     */
    public static Factory workStealing(final int maxBatch)
    {
        return WorkStealingDispatch.factory(maxBatch);
    }

    /**
     * ID-sequenced ({@link IdSequencedDispatch}): worker {@code i} takes the sequences where {@code seq % N == i}.
     *
     * @return the factory of one pool's sources.
     */
    public static Factory idSequenced()
    {
        return IdSequencedDispatch.factory();
    }

    /**
     * Keyed ({@link KeyedDispatch}): each worker takes the entries routed to it, in order.
     *
     * @return the factory of one pool's sources.
     */
    public static Factory keyed()
    {
        return KeyedDispatch.factory();
    }

    /** Makes the task source of each worker of one pool; sources of one pool may share state. */
    @FunctionalInterface
    public interface Factory
    {
        /**
         * Makes the source of one worker.
         *
         * @param tasks    the task ring.
         * @param limit    the pool's stop limit for workers.
         * @param workerId the worker's id.
         * @param workers  the number of workers.
         * @return the source.
         */
        TaskSource create(TaskRing<?> tasks, StopLimit limit, int workerId, int workers);
    }
}
