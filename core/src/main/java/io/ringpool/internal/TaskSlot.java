package io.ringpool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One entry of the task ring: the user's pre-allocated task beside the engine's state word for it.
 * <p>
 * The task object is created once by the user's factory and reused every lap. The state word is written by the
 * producer before it publishes the slot (ordered by the ring's release on publish) and changed afterwards only
 * by compare-and-set: a worker starting the task, or a halt returning it.
 *
 * @param <T> the task type.
 */
public final class TaskSlot<T>
{
    private static final VarHandle STATE;

    static
    {
        try
        {
            STATE = MethodHandles.lookup().findVarHandle(TaskSlot.class, "state", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final T task;
    private long state;
    /**
     * The worker this entry is routed to (keyed dispatch; any worker's id for a void entry). Plain: written before
     * the ring's publish, read after the worker's barrier.
     */
    int route;

    TaskSlot(final T task)
    {
        this.task = task;
    }

    /**
     * The user's task object held in this slot.
     *
     * @return the task.
     */
    public T task()
    {
        return task;
    }

    long stateAcquire()
    {
        return (long)STATE.getAcquire(this);
    }

    /** A plain store: the ring's publish, which follows it, is the release that orders it. */
    void statePlain(final long word)
    {
        STATE.set(this, word);
    }

    boolean casState(final long expected, final long update)
    {
        return STATE.compareAndSet(this, expected, update);
    }

    /** {@link #take}: the entry is no task to run (void, returned or settled by a halt, or another sequence). */
    static final int NOT_TAKEN = 0;
    /** {@link #take}: the worker took the task and must run it. */
    static final int TAKEN_TO_RUN = 1;
    /** {@link #take}: the worker took a cancelled task and must publish its CANCELLED outcome. */
    static final int TAKEN_CANCELLED = 2;

    /**
     * A worker takes the entry of {@code sequence}: PUBLISHED or CANCELLED to STARTED, by CAS, so that a racing
     * cancel or halt either wins before (the worker sees it) or loses.
     *
     * @param sequence the sequence the worker was given.
     * @return {@link #TAKEN_TO_RUN}, {@link #TAKEN_CANCELLED} or {@link #NOT_TAKEN}.
     */
    int take(final long sequence)
    {
        long word = stateAcquire();
        final long started = TaskState.pack(sequence, TaskState.STARTED);
        while (TaskState.is(word, sequence, TaskState.PUBLISHED) || TaskState.is(word, sequence, TaskState.CANCELLED))
        {
            if (casState(word, started))
            {
                return TaskState.statusOf(word) == TaskState.CANCELLED ? TAKEN_CANCELLED : TAKEN_TO_RUN;
            }
            word = stateAcquire();
        }
        return NOT_TAKEN;
    }

    /**
     * Cancels the task of {@code sequence} if no worker has taken it.
     *
     * @param sequence the task's handle.
     * @return true if this call cancelled it.
     */
    boolean cancel(final long sequence)
    {
        final long published = TaskState.pack(sequence, TaskState.PUBLISHED);
        return stateAcquire() == published && casState(published, TaskState.pack(sequence, TaskState.CANCELLED));
    }

    /** {@link #settleForHalt}: nothing to settle (taken, void, or another sequence). */
    static final int UNSETTLED = 0;
    /** {@link #settleForHalt}: the untaken task was returned. */
    static final int SETTLED_RETURNED = 1;
    /** {@link #settleForHalt}: the cancelled, untaken task was counted as cancelled. */
    static final int SETTLED_CANCELLED = 2;

    /**
     * A halt settles the entry of {@code sequence} if no worker took it: PUBLISHED to RETURNED, CANCELLED to
     * CANCEL_SETTLED, by CAS against a worker's {@link #take}.
     *
     * @param sequence the entry's sequence.
     * @return {@link #SETTLED_RETURNED}, {@link #SETTLED_CANCELLED} or {@link #UNSETTLED}.
     */
    int settleForHalt(final long sequence)
    {
        long word = stateAcquire();
        while (true)
        {
            if (TaskState.is(word, sequence, TaskState.PUBLISHED))
            {
                if (casState(word, TaskState.pack(sequence, TaskState.RETURNED)))
                {
                    return SETTLED_RETURNED;
                }
            }
            else if (TaskState.is(word, sequence, TaskState.CANCELLED))
            {
                if (casState(word, TaskState.pack(sequence, TaskState.CANCEL_SETTLED)))
                {
                    return SETTLED_CANCELLED;
                }
            }
            else
            {
                return UNSETTLED;
            }
            word = stateAcquire();
        }
    }
}
