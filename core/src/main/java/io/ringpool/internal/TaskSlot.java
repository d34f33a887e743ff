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
}
