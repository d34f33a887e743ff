package io.ringpool.internal;

import io.ringpool.PoolState;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

abstract class RunStatePadding1
{
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
}

abstract class RunStateFields extends RunStatePadding1
{
    /** Read by every publish: kept on its own cache line, written only at state changes. */
    volatile int state;
    volatile Throwable cause;
}

abstract class RunStatePadding2 extends RunStateFields
{
    byte p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111, p112, p113, p114, p115;
    byte p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127, p128, p129, p130, p131;
    byte p132, p133, p134, p135, p136, p137, p138, p139, p140, p141, p142, p143, p144, p145, p146, p147;
    byte p148, p149, p150, p151, p152, p153, p154, p155, p156, p157, p158, p159, p160, p161, p162, p163;
}

/**
 * The pool's run state, changed only by compare-and-exchange so that racing callers (start against halt, drain
 * against halt, a failure against either) agree on one winner. The first failure cause is kept; later ones are
 * dropped.
 * <p>
 * STARTING is internal: it covers the thread creation inside {@code start()} and reads as {@link PoolState#NEW}.
 */
final class RunState extends RunStatePadding2
{
    public static final int NEW = 0;
    public static final int STARTING = 1;
    public static final int RUNNING = 2;
    public static final int DRAINING = 3;
    public static final int HALTING = 4;
    public static final int TERMINATED = 5;
    public static final int FAILED = 6;

    private static final VarHandle STATE;
    private static final VarHandle CAUSE;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(RunStateFields.class, "state", int.class);
            CAUSE = lookup.findVarHandle(RunStateFields.class, "cause", Throwable.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /**
     * The current state.
     *
     * @return one of the state constants.
     */
    public int get()
    {
        return state;
    }

    /**
     * Atomically moves from {@code expected} to {@code update}.
     *
     * @param expected the state to leave.
     * @param update   the state to enter.
     * @return the state seen: equal to {@code expected} if and only if the move happened.
     */
    public int compareAndExchange(final int expected, final int update)
    {
        return (int)STATE.compareAndExchange(this, expected, update);
    }

    /**
     * Leaves RUNNING for a shutdown: NEW goes straight to TERMINATED (nothing ever ran), RUNNING to DRAINING or
     * HALTING, and a halt overtakes a DRAINING pool. Racing callers agree: every transition is one
     * compare-and-exchange, retried on the state it lost to.
     *
     * @param halt true for a halt, false for a drain.
     * @return the state the pool is in afterwards; {@link #STARTING} if a {@code start()} is in progress, which the
     *     caller must wait out and then call again.
     */
    public int leaveRunning(final boolean halt)
    {
        while (true)
        {
            final int current = state;
            final int next;
            switch (current)
            {
                case NEW:
                    next = TERMINATED;
                    break;
                case RUNNING:
                    next = halt ? HALTING : DRAINING;
                    break;
                case DRAINING:
                    if (!halt)
                    {
                        return DRAINING;
                    }
                    next = HALTING;
                    break;
                default:
                    return current;
            }
            if (compareAndExchange(current, next) == current)
            {
                return next;
            }
        }
    }

    /**
     * Records a failure and moves to FAILED unless the pool already terminated or failed.
     *
     * @param failure what went wrong.
     * @return true if this call moved the pool to FAILED.
     */
    public boolean fail(final Throwable failure)
    {
        CAUSE.compareAndSet(this, null, failure);
        int current = state;
        while (current != TERMINATED && current != FAILED)
        {
            final int seen = compareAndExchange(current, FAILED);
            if (seen == current)
            {
                return true;
            }
            current = seen;
        }
        return false;
    }

    /**
     * The first failure recorded, if any.
     *
     * @return the cause, or null.
     */
    public Throwable cause()
    {
        return cause;
    }

    /**
     * The public view of a state constant.
     *
     * @param state a state constant.
     * @return its public name.
     */
    public static PoolState toPublic(final int state)
    {
        switch (state)
        {
            case NEW:
            case STARTING:
                return PoolState.NEW;
            case RUNNING:
                return PoolState.RUNNING;
            case DRAINING:
                return PoolState.DRAINING;
            case HALTING:
                return PoolState.HALTING;
            case TERMINATED:
                return PoolState.TERMINATED;
            default:
                return PoolState.FAILED;
        }
    }
}
