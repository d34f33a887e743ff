package io.ringpool.internal;

import io.ringpool.OutcomeStatus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

abstract class WorkerTicketPadding1
{
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
}

abstract class WorkerTicketFields extends WorkerTicketPadding1
{
    /** {@code processed << 3 | phase}. */
    long word;
    /** Sequence of the task in hand; plain, published by the release of {@link #word}. */
    long current = -1;
    /** Tasks whose handler threw; single writer, published by the release of {@link #word}. */
    long failed;
    /** Tasks that ended CANCELLED; likewise. */
    long cancelled;
    /** Tasks that ended EXPIRED; likewise. */
    long expired;
    /** The outcome a worker waiting for result-ring room holds: published by the release of AWAITING_ROOM. */
    io.ringpool.OutcomeStatus pendingStatus;
    Throwable pendingFailure;
    Object pendingResult;
}

abstract class WorkerTicketPadding2 extends WorkerTicketFields
{
    byte p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111, p112, p113, p114, p115;
    byte p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127, p128, p129, p130, p131;
    byte p132, p133, p134, p135, p136, p137, p138, p139, p140, p141, p142, p143, p144, p145, p146, p147;
    byte p148, p149, p150, p151, p152, p153, p154, p155, p156, p157, p158, p159, p160, p161, p162, p163;
}

/**
 * A worker's count of finished tasks and the phase of the task in hand, in one word, so that a halt can take a task
 * or its outcome away from a worker without ever counting it twice or losing it.
 * <p>
 * <b>Protocol</b> (docs/protocol.md, section 3). Phases and who moves them:
 * <ul>
 *     <li>{@code IDLE → BUSY}: a release store by the worker, before it CASes the task's entry to STARTED.</li>
 *     <li>{@code BUSY → COMMITTING}: a CAS by the worker once its handler returned (or the task turned out cancelled
 *     or expired); it adds one to the count. From here the worker owns the outcome.</li>
 *     <li>{@code BUSY → ABANDONED}: a CAS by a halt whose bound and interrupt ran out while the handler still ran.
 *     Exactly one of this and the commit wins: the task is counted by the worker or reported abandoned.</li>
 *     <li>{@code COMMITTING → IDLE}: a release store once the outcome is published. COMMITTING runs only engine code,
 *     so a halt waits for it, without a deadline, while the worker is alive.</li>
 *     <li>{@code COMMITTING → AWAITING_ROOM}: a release store when the result ring is full; the outcome (status,
 *     failure, filled result object) is stored in the ticket first. The wait depends on the result consumer, so a
 *     halt does not wait for it (its stop limit ends the wait, and the worker stops): it CASes
 *     {@code AWAITING_ROOM → SEIZED} and lists the outcome as undelivered; the worker, once it has room, CASes
 *     {@code AWAITING_ROOM → COMMITTING}. Exactly one wins; a worker that loses publishes its claimed slot as void
 *     and stops.</li>
 * </ul>
 */
public final class WorkerTicket extends WorkerTicketPadding2
{
    public static final int IDLE = 0;
    public static final int BUSY = 1;
    public static final int COMMITTING = 2;
    public static final int ABANDONED = 3;
    public static final int AWAITING_ROOM = 4;
    public static final int SEIZED = 5;

    private static final int PHASE_BITS = 3;
    private static final long PHASE_MASK = (1L << PHASE_BITS) - 1;

    private static final VarHandle WORD;
    private static final VarHandle CURRENT;
    private static final VarHandle FAILED;
    private static final VarHandle CANCELLED;
    private static final VarHandle EXPIRED;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            WORD = lookup.findVarHandle(WorkerTicketFields.class, "word", long.class);
            CURRENT = lookup.findVarHandle(WorkerTicketFields.class, "current", long.class);
            FAILED = lookup.findVarHandle(WorkerTicketFields.class, "failed", long.class);
            CANCELLED = lookup.findVarHandle(WorkerTicketFields.class, "cancelled", long.class);
            EXPIRED = lookup.findVarHandle(WorkerTicketFields.class, "expired", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /** The worker's own copy of its count; only the worker reads it. */
    private long processedByOwner;

    static int phaseOf(final long word)
    {
        return (int)(word & PHASE_MASK);
    }

    static long processedOf(final long word)
    {
        return word >>> PHASE_BITS;
    }

    private static long word(final long processed, final int phase)
    {
        return (processed << PHASE_BITS) | phase;
    }

    // ---- worker side ----

    void begin(final long sequence)
    {
        CURRENT.setOpaque(this, sequence);
        WORD.setRelease(this, word(processedByOwner, BUSY));
    }

    /**
     * The task's entry could not be started (a halt returned it): back to IDLE.
     *
     * @return false if the worker was abandoned meanwhile.
     */
    boolean cancelBegin()
    {
        return WORD.compareAndSet(this, word(processedByOwner, BUSY), word(processedByOwner, IDLE));
    }

    /**
     * Claims the task in hand as finished by this worker.
     *
     * @return false if a halt abandoned it first: the worker must discard its result and stop.
     */
    boolean commit()
    {
        return WORD.compareAndSet(this, word(processedByOwner, BUSY), word(processedByOwner + 1, COMMITTING));
    }

    /**
     * The result ring is full: hands the committed outcome to the ticket, where a halt can seize it.
     *
     * @param status  how the task ended.
     * @param failure what the handler threw, or null.
     * @param result  the filled result object.
     */
    void awaitRoom(final io.ringpool.OutcomeStatus status, final Throwable failure, final Object result)
    {
        pendingStatus = status;
        pendingFailure = failure;
        pendingResult = result;
        WORD.setRelease(this, word(processedByOwner + 1, AWAITING_ROOM));
    }

    /**
     * The worker found room for the outcome it holds in the ticket.
     *
     * @return false if a halt seized the outcome first: the worker must publish its slot void and stop.
     */
    boolean resumeCommit()
    {
        final boolean won = WORD.compareAndSet(
            this, word(processedByOwner + 1, AWAITING_ROOM), word(processedByOwner + 1, COMMITTING));
        if (won)
        {
            pendingResult = null;
            pendingFailure = null;
        }
        return won;
    }

    void settle(final io.ringpool.OutcomeStatus status)
    {
        switch (status)
        {
            case FAILED:
                FAILED.setOpaque(this, failed + 1);
                break;
            case CANCELLED:
                CANCELLED.setOpaque(this, cancelled + 1);
                break;
            case EXPIRED:
                EXPIRED.setOpaque(this, expired + 1);
                break;
            default:
                break;
        }
        processedByOwner++;
        WORD.setRelease(this, word(processedByOwner, IDLE));
    }

    /**
     * Whether a halt took the outcome this worker holds while it waits for result-ring room.
     *
     * @return true once SEIZED.
     */
    boolean isSeized()
    {
        return phaseOf((long)WORD.getAcquire(this)) == SEIZED;
    }

    // ---- shutdown side ----

    long wordAcquire()
    {
        return (long)WORD.getAcquire(this);
    }

    long currentAcquire()
    {
        return (long)CURRENT.getAcquire(this);
    }

    long failedAcquire()
    {
        return (long)FAILED.getAcquire(this);
    }

    long cancelledAcquire()
    {
        return (long)CANCELLED.getAcquire(this);
    }

    long expiredAcquire()
    {
        return (long)EXPIRED.getAcquire(this);
    }

    /** {@link #settleForHalt}: the worker held no started task, or counted and published it itself. */
    static final int NOTHING_HELD = 0;
    /** {@link #settleForHalt}: the handler was still running; the task is now abandoned ({@link #currentAcquire}). */
    static final int TASK_ABANDONED = 1;
    /**
     * {@link #settleForHalt}: the worker was waiting for result-ring room; its outcome is now the halt's, in
     * {@link #pendingStatus}, {@link #pendingFailure}, {@link #pendingResult} and {@link #currentAcquire}.
     */
    static final int OUTCOME_SEIZED = 2;
    /** {@link #settleForHalt}: the worker's thread died while committing (an asynchronous error): counted as is. */
    static final int WORKER_DIED = 3;

    /**
     * A halt settles this worker once the untaken entries are settled: a task whose handler still runs is abandoned,
     * an outcome waiting for result-ring room is seized, and a commit in progress is waited for without a deadline,
     * since it runs only the engine's own non-blocking code.
     *
     * @param isStarted whether a sequence's entry is STARTED (taken by a worker).
     * @param worker    the worker's thread, to stop waiting if it died; null if it is the caller's own thread.
     * @return {@link #NOTHING_HELD}, {@link #TASK_ABANDONED}, {@link #OUTCOME_SEIZED} or {@link #WORKER_DIED}.
     */
    int settleForHalt(final java.util.function.LongPredicate isStarted, final Thread worker)
    {
        int steps = 0;
        long seen = wordAcquire();
        while (true)
        {
            final int phase = phaseOf(seen);
            if (phase == BUSY)
            {
                if (!isStarted.test(currentAcquire()))
                {
                    // It lost the take of a settled entry and goes back to IDLE without counting anything.
                    return NOTHING_HELD;
                }
                if (abandon(seen))
                {
                    return TASK_ABANDONED;
                }
            }
            else if (phase == AWAITING_ROOM)
            {
                if (WORD.compareAndSet(this, seen, word(processedOf(seen), SEIZED)))
                {
                    return OUTCOME_SEIZED;
                }
            }
            else if (phase == COMMITTING)
            {
                if (null == worker || !worker.isAlive())
                {
                    return WORKER_DIED;
                }
                steps = Pause.step(steps);
            }
            else
            {
                return NOTHING_HELD;
            }
            seen = wordAcquire();
        }
    }

    /**
     * Takes the task in hand away from the worker, if the worker is still BUSY with it.
     *
     * @param seen the word read by the caller, which must be BUSY.
     * @return true if the task is now abandoned.
     */
    boolean abandon(final long seen)
    {
        return phaseOf(seen) == BUSY && WORD.compareAndSet(this, seen, word(processedOf(seen), ABANDONED));
    }
}
