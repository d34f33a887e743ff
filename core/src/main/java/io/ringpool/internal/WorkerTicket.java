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
    /** {@code processed << 2 | phase}. */
    long word;
    /** Sequence of the task in hand; plain, published by the release of {@link #word}. */
    long current = -1;
    /** Tasks whose handler threw; single writer, published by the release of {@link #word}. */
    long failed;
    /** Tasks that ended CANCELLED; likewise. */
    long cancelled;
    /** Tasks that ended EXPIRED; likewise. */
    long expired;
}

abstract class WorkerTicketPadding2 extends WorkerTicketFields
{
    byte p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111, p112, p113, p114, p115;
    byte p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127, p128, p129, p130, p131;
    byte p132, p133, p134, p135, p136, p137, p138, p139, p140, p141, p142, p143, p144, p145, p146, p147;
    byte p148, p149, p150, p151, p152, p153, p154, p155, p156, p157, p158, p159, p160, p161, p162, p163;
}

/**
 * A worker's count of finished tasks and the phase of the task in hand, in one word, so that a halt can take a
 * task away from a worker that overran its bound without ever counting it twice.
 * <p>
 * <b>Protocol.</b> Phases: {@code IDLE → BUSY} (a release store by the worker, before it CASes the task's entry to
 * STARTED), {@code BUSY → COMMITTING} (a CAS by the worker once its handler returned and its result slot is
 * claimed; it adds one to the count), {@code COMMITTING → IDLE} (a release store, after the result is published and
 * the failure count updated). A halt that runs out of time CASes {@code BUSY → ABANDONED}. Exactly one of the two
 * CASes wins: the task is either counted by the worker, or reported abandoned by the halt, never both, never
 * neither. A halt that finds {@code COMMITTING} waits for {@code IDLE}: the worker is then running only the
 * engine's own non-blocking code.
 */
public final class WorkerTicket extends WorkerTicketPadding2
{
    public static final int IDLE = 0;
    public static final int BUSY = 1;
    public static final int COMMITTING = 2;
    public static final int ABANDONED = 3;

    private static final int PHASE_BITS = 2;
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

    void settle(final OutcomeStatus status)
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

    boolean isAbandoned()
    {
        return phaseOf((long)WORD.getAcquire(this)) == ABANDONED;
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

    /** {@link #settleForHalt}: the worker held no started task (or counted it itself). */
    static final long NOTHING_ABANDONED = -1L;
    /** {@link #settleForHalt}: the worker was still committing when the deadline passed. */
    static final long STILL_COMMITTING = -2L;

    /**
     * A halt settles this worker once the untaken entries are settled: a task the worker started and has not
     * committed is abandoned; a commit in progress is waited for (it runs only the engine's own code), up to the
     * deadline.
     *
     * @param isStarted  whether a sequence's entry is STARTED (taken by a worker).
     * @param deadlineNs the {@link System#nanoTime()} to stop waiting for a commit at.
     * @return the abandoned sequence, {@link #NOTHING_ABANDONED} or {@link #STILL_COMMITTING}.
     */
    long settleForHalt(final java.util.function.LongPredicate isStarted, final long deadlineNs)
    {
        long seen = wordAcquire();
        while (true)
        {
            final int phase = phaseOf(seen);
            if (phase == BUSY)
            {
                final long task = currentAcquire();
                if (!isStarted.test(task))
                {
                    // It lost the take of a settled entry and goes back to IDLE without counting anything.
                    return NOTHING_ABANDONED;
                }
                if (abandon(seen))
                {
                    return task;
                }
            }
            else if (phase == COMMITTING)
            {
                if (System.nanoTime() - deadlineNs >= 0)
                {
                    return STILL_COMMITTING;
                }
                Thread.yield();
            }
            else
            {
                return NOTHING_ABANDONED;
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
