package io.ringpool.internal;

import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.ReturnedTask;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The task ring: its entries ({@link TaskSlot}), the task objects packed in ring order, and every access to them that
 * the other parts need (a publish's marks through {@link Publisher}, a worker's view of what is published, a cancel,
 * and a halt's settlement of untaken entries).
 *
 * @param <T> the task type.
 */
final class TaskRing<T>
{
    private final RingBuffer<TaskSlot<T>> ring;
    private final int workers;
    private final ToLongFunction<? super T> keyOf;
    /**
     * Whether entries are marked PUBLISHED, for {@code cancel} and a worker's take to race by CAS on them. Without
     * cancellation a published entry's state word is left as it was (an older lap's, or nothing): the producer never
     * writes the entry's line, so only the worker that marks it STARTED does, and the line stays in its cache.
     */
    private final boolean cancellable;
    private final boolean singleProducer;
    /**
     * The task objects in ring order, the same ones the slots hold: the producer and the worker reach a task through
     * this packed array, never through its slot, whose lines hold the state word the worker writes.
     */
    private final T[] tasks;
    private final int mask;

    /**
     * Makes a task ring.
     *
     * @param taskFactory  makes the tasks, once per entry.
     * @param size         the number of entries, a power of two.
     * @param producerType single or multiple producing threads.
     * @param waitStrategy how workers wait for tasks.
     * @param workers      the number of workers, for routing.
     * @param keyOf        the key of a task, for keyed dispatch; null otherwise.
     */
    public TaskRing(
        final EventFactory<T> taskFactory,
        final int size,
        final ProducerType producerType,
        final WaitStrategy waitStrategy,
        final int workers,
        final ToLongFunction<? super T> keyOf,
        final boolean cancellable)
    {
        this.cancellable = cancellable;
        this.workers = workers;
        this.keyOf = keyOf;
        // Every task object first, one after another, then the slots: the tasks lie packed in ring order, as the
        // Disruptor's own entries do, so a producer filling consecutive tasks and a worker reading them move a few
        // tasks per cache line instead of one.
        final List<T> made = new java.util.ArrayList<>(size);
        for (int i = 0; i < size; i++)
        {
            made.add(taskFactory.newInstance());
        }
        @SuppressWarnings("unchecked")
        final T[] packed = (T[])made.toArray();
        this.tasks = packed;
        this.mask = size - 1;
        final java.util.Iterator<T> inOrder = made.iterator();
        final EventFactory<TaskSlot<T>> slots = () -> new TaskSlot<>(inOrder.next());
        this.ring = RingBuffer.create(producerType, slots, size, waitStrategy);
        this.singleProducer = producerType == ProducerType.SINGLE;
    }

    /**
     * The underlying ring.
     *
     * @return the ring.
     */
    public RingBuffer<TaskSlot<T>> ring()
    {
        return ring;
    }

    /** Most entries a worker checks one by one, without waiting, for a multi-producer ring's published run. */
    private static final int MAX_SCAN = 256;

    /**
     * The highest sequence known published, with everything from {@code from} up to it, read without waiting: the
     * cursor of a single-producer ring; for a multi-producer ring, the run of published entries from {@code from}.
     *
     * @param from a sequence all of whose predecessors are known published.
     * @return at least {@code from - 1}.
     */
    long publishedFrom(final long from)
    {
        final long cursor = ring.getCursor();
        if (singleProducer || cursor < from)
        {
            return Math.max(cursor, from - 1L);
        }
        final long last = Math.min(cursor, from + MAX_SCAN - 1L);
        long published = from - 1L;
        while (published < last && ring.isAvailable(published + 1L))
        {
            published++;
        }
        return published;
    }

    /**
     * The task object in the entry of {@code sequence}.
     *
     * @param sequence a claimed sequence.
     * @return the task to fill.
     */
    public T task(final long sequence)
    {
        return tasks[(int)sequence & mask];
    }

    /**
     * Routes a translated task to its worker, for keyed dispatch: reads the task's key (user code, which may throw;
     * the caller then aborts the publish).
     *
     * @param sequence a claimed, translated sequence.
     */
    public void route(final long sequence)
    {
        if (null != keyOf)
        {
            final TaskSlot<T> slot = ring.get(sequence);
            slot.route = KeyRouting.workerFor(keyOf.applyAsLong(task(sequence)), workers);
        }
    }

    /**
     * Marks accepted slots for a cancellable pool (PUBLISHED, the state a cancel and a worker's take race on); a pool
     * without cancellation leaves them as they are. Plain stores: the ring's publish, which follows, orders them.
     *
     * @param lo the lowest accepted sequence.
     * @param hi the highest.
     */
    void markAccepted(final long lo, final long hi)
    {
        if (cancellable)
        {
            for (long s = lo; s <= hi; s++)
            {
                ring.get(s).setStatePlain(TaskState.pack(s, TaskState.PUBLISHED));
            }
        }
    }

    /**
     * Marks claimed slots VOID: the translator threw, or the tasks were rejected. The caller publishes them.
     *
     * @param lo the lowest claimed sequence.
     * @param hi the highest.
     */
    void markVoid(final long lo, final long hi)
    {
        for (long s = lo; s <= hi; s++)
        {
            final TaskSlot<T> slot = ring.get(s);
            // Some worker must pass a void entry on (submission order needs a void outcome for it): any one will do.
            slot.route = (int)(s % workers);
            slot.setStatePlain(TaskState.pack(s, TaskState.VOID));
        }
    }

    /**
     * Cancels a task that no worker has started.
     *
     * @param sequence the task's handle.
     * @return true if the task will now end CANCELLED without running; false if it already started, ended, was
     *     returned, or the handle is stale (its entry now holds a newer task).
     * @throws IllegalArgumentException if {@code sequence} was never handed out.
     */
    public boolean cancel(final long sequence)
    {
        if (sequence < 0 || sequence > ring.getCursor())
        {
            throw new IllegalArgumentException("sequence must be a handle returned by a publish, from 0 to " +
                ring.getCursor() + "; was " + sequence);
        }
        return ring.get(sequence).cancel(sequence);
    }

    /**
     * Settles every published entry in {@code (low, high]} that no worker took: a PUBLISHED one is returned (to
     * RETURNED), a CANCELLED one is settled (to CANCEL_SETTLED) and its sequence listed, for the report to give it a
     * CANCELLED outcome. Call it once every producer cell is closed and every worker's ticket is frozen: no entry in
     * the range can then become PUBLISHED, and no worker can begin one. An entry still PUBLISHED is then untaken,
     * unless a ticket holds it ({@code held}: a pool without cancellation marks an entry STARTED only after its
     * ticket's CAS, so the task in hand may not show it yet).
     *
     * @param low       a sequence below which every task is finished.
     * @param high      the ring's cursor.
     * @param held      the sequences frozen tickets hold.
     * @param returned  receives the returned tasks.
     * @param cancelled receives the sequences of the cancelled entries no worker reached.
     */
    void settleUntaken(
        final long low,
        final long high,
        final long[] held,
        final List<ReturnedTask<T>> returned,
        final List<Long> cancelled)
    {
        final long from = Math.max(low, high - ring.getBufferSize()) + 1;
        for (long s = from; s <= high; s++)
        {
            if (!ring.isAvailable(s) || isHeld(held, s))
            {
                // Not available: a multi-producer claim still in its translator, which can only be published void.
                continue;
            }
            settleOne(s, returned, cancelled);
        }
    }

    private static boolean isHeld(final long[] held, final long sequence)
    {
        for (final long h : held)
        {
            if (h == sequence)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Settles the entry of {@code sequence} if no worker took it, by CAS (in a cancellable pool a worker that began
     * the task may still be about to take its entry: exactly one of the two wins).
     *
     * @param sequence  the entry's sequence.
     * @param returned  receives the task if it is returned.
     * @param cancelled receives the sequence if it was cancelled and is now counted by the halt.
     * @return true if the halt settled it; false if it was taken (or void, or another sequence's).
     */
    boolean settleOne(final long sequence, final List<ReturnedTask<T>> returned, final List<Long> cancelled)
    {
        final TaskSlot<T> slot = ring.get(sequence);
        final int settled = cancellable ? slot.settleForHalt(sequence) : slot.returnIfUnmarked(sequence);
        if (settled == TaskSlot.SETTLED_RETURNED)
        {
            returned.add(new ReturnedTask<>(sequence, slot.task()));
            return true;
        }
        if (settled == TaskSlot.SETTLED_CANCELLED)
        {
            cancelled.add(sequence);
            return true;
        }
        return false;
    }

    /**
     * Whether the entry of {@code sequence} is a started task.
     *
     * @param sequence a task sequence.
     * @return true if a worker CASed it to STARTED.
     */
    boolean isStarted(final long sequence)
    {
        return TaskState.is(ring.get(sequence).stateAcquire(), sequence, TaskState.STARTED);
    }
}
