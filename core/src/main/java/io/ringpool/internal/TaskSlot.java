package io.ringpool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

abstract class TaskSlotPadding1
{
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
}

abstract class TaskSlotFields<T> extends TaskSlotPadding1
{
    /** Read by the producer's translator and the worker; never written after construction. */
    final T task;
    /**
     * The worker this entry is routed to (keyed dispatch; any worker's id for a void entry). Plain: written before
     * the ring's publish, read after the worker's barrier.
     */
    int route;
    /**
     * When the producer published the task ({@code System.nanoTime()}), in a pool that times stages. Plain, like
     * {@link #route}.
     */
    long publishedNanos;

    TaskSlotFields(final T task)
    {
        this.task = task;
    }
}

abstract class TaskSlotPadding2<T> extends TaskSlotFields<T>
{
    byte p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111, p112, p113, p114, p115;
    byte p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127, p128, p129, p130, p131;
    byte p132, p133, p134, p135, p136, p137, p138, p139, p140, p141, p142, p143, p144, p145, p146, p147;
    byte p148, p149, p150, p151, p152, p153, p154, p155, p156, p157, p158, p159, p160, p161, p162, p163;

    TaskSlotPadding2(final T task)
    {
        super(task);
    }
}

abstract class TaskSlotState<T> extends TaskSlotPadding2<T>
{
    /**
     * The entry's state word, on a line of its own: a worker marking it STARTED must not take away the line that
     * the producer reads the task reference from.
     */
    long state;

    TaskSlotState(final T task)
    {
        super(task);
    }
}

abstract class TaskSlotPadding3<T> extends TaskSlotState<T>
{
    byte p200, p201, p202, p203, p204, p205, p206, p207, p208, p209, p210, p211, p212, p213, p214, p215;
    byte p216, p217, p218, p219, p220, p221, p222, p223, p224, p225, p226, p227, p228, p229, p230, p231;
    byte p232, p233, p234, p235, p236, p237, p238, p239, p240, p241, p242, p243, p244, p245, p246, p247;
    byte p248, p249, p250, p251, p252, p253, p254, p255, p256, p257, p258, p259, p260, p261, p262, p263;

    TaskSlotPadding3(final T task)
    {
        super(task);
    }
}

/**
 * One entry of the task ring: the user's pre-allocated task beside the engine's state word for it.
 * <p>
 * The task object is created once by the user's factory and reused every lap. The state word is written by the
 * producer before it publishes the slot (ordered by the ring's release on publish) and changed afterwards only
 * by compare-and-set: a worker starting the task, a cancel, or a halt returning it (docs/protocol.md, section 2).
 * <p>
 * Each slot is padded so that its state word has a line of its own, apart from the task reference (which the
 * producer reads on every publish) and from its neighbours' (which other workers write); the task object, allocated
 * just before its slot, is kept apart from its neighbours too.
 *
 * @param <T> the task type.
 */
final class TaskSlot<T> extends TaskSlotPadding3<T>
{
    private static final VarHandle STATE;

    static
    {
        try
        {
            STATE = MethodHandles.lookup().findVarHandle(TaskSlotState.class, "state", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    TaskSlot(final T task)
    {
        super(task);
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
    void setStatePlain(final long word)
    {
        STATE.set(this, word);
    }

    boolean casState(final long expected, final long update)
    {
        return STATE.compareAndSet(this, expected, update);
    }

    /**
     * A pool without cancellation marks the entry of the task a worker has begun: a plain store, made after the
     * ticket's CAS that began the task and ordered before the worker's next move of its ticket, so a halt that has
     * frozen the ticket sees it for every task but the one the ticket still holds. No CAS: without {@code cancel}
     * nothing else writes a published entry, and a halt returns entries only once every ticket is frozen.
     *
     * @param sequence the task's sequence.
     */
    void markStarted(final long sequence)
    {
        STATE.set(this, TaskState.pack(sequence, TaskState.STARTED));
    }

    /**
     * A halt returns the published entry of {@code sequence} in a pool without cancellation, unless a worker marked it
     * STARTED (or it is void, or already returned). Call it only once every ticket is frozen, and never for a sequence
     * a frozen ticket holds: then no worker can mark it any more, and every mark made is visible.
     *
     * @param sequence the entry's sequence, published.
     * @return {@link #SETTLED_RETURNED} or {@link #UNSETTLED}.
     */
    int returnIfUnmarked(final long sequence)
    {
        long word = stateAcquire();
        while (!TaskState.is(word, sequence, TaskState.STARTED) && !TaskState.is(word, sequence, TaskState.VOID) &&
            !TaskState.is(word, sequence, TaskState.RETURNED))
        {
            if (casState(word, TaskState.pack(sequence, TaskState.RETURNED)))
            {
                return SETTLED_RETURNED;
            }
            word = stateAcquire();
        }
        return UNSETTLED;
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
