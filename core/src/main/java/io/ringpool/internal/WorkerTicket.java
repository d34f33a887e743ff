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
    /**
     * The sequence of the task in hand while the count is even ({@code held[processed & 1]}); plain, written before
     * the CAS or release store of {@link #word} that announces it.
     */
    long heldEven = -1;
    /** Likewise while the count is odd. */
    long heldOdd = -1;
    /** Tasks whose handler threw; single writer, published by the next release of {@link #word}. */
    long failed;
    /** Tasks that ended CANCELLED; likewise. */
    long cancelled;
    /** Tasks that ended EXPIRED; likewise. */
    long expired;
    /** The outcome a worker waiting for result-ring room holds: published by the release of AWAITING_ROOM. */
    io.ringpool.OutcomeStatus pendingStatus;
    Throwable pendingFailure;
    Object pendingResult;
    long pendingSequence = -1;
}

abstract class WorkerTicketPadding2 extends WorkerTicketFields
{
    byte p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111, p112, p113, p114, p115;
    byte p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127, p128, p129, p130, p131;
    byte p132, p133, p134, p135, p136, p137, p138, p139, p140, p141, p142, p143, p144, p145, p146, p147;
    byte p148, p149, p150, p151, p152, p153, p154, p155, p156, p157, p158, p159, p160, p161, p162, p163;
}

/**
 * A worker's count of finished tasks and the phase of the task in hand, in one word, so that a halt can freeze a
 * worker, and take a task or its outcome away from it, without ever counting a task twice or losing it.
 * <p>
 * <b>Protocol</b> (docs/protocol.md, section 3). The task in hand is announced in the ticket, never on its entry: the
 * worker writes its sequence into {@code held[count & 1]} and then moves the word. Phases and who moves them:
 * <ul>
 *     <li>{@code IDLE → BUSY}: a CAS by the worker that begins a task. It fails only on a frozen ticket: the worker
 *     then leaves the task alone (the halt returns it) and stops.</li>
 *     <li>{@code BUSY(c) → BUSY(c + 1)}: one CAS that commits the task just completed (no result to publish, and
 *     nothing to count but the count) and begins the next one, already published, in the same step.</li>
 *     <li>{@code BUSY(c) → IDLE(c + 1)}: the same commit when no next task is at hand.</li>
 *     <li>{@code BUSY(c) → COMMITTING(c + 1)}: the commit of a task that has an outcome to publish or a status to
 *     count. From here the worker owns the outcome; a halt waits for this phase (engine code only) while the worker
 *     is alive. It ends with a release store: {@code IDLE}, or {@code BUSY} with the next task already announced.</li>
 *     <li>{@code BUSY → ABANDONED}: a CAS by a halt whose bound and interrupt ran out while the task was in hand.
 *     Exactly one of this and the worker's commit wins: the task is counted by the worker or reported abandoned.</li>
 *     <li>{@code IDLE → FROZEN}: a CAS by a halt, before it looks at any untaken entry: a frozen worker can no longer
 *     begin a task, so every entry no ticket holds is the halt's to return.</li>
 *     <li>{@code COMMITTING → AWAITING_ROOM}: a release store when the result ring is full; the outcome (status,
 *     failure, filled result object, sequence) is stored in the ticket first. A halt CASes
 *     {@code AWAITING_ROOM → SEIZED} and lists the outcome as undelivered; the worker, once it has room, CASes
 *     {@code AWAITING_ROOM → COMMITTING}. Exactly one wins.</li>
 * </ul>
 * The halt moves only IDLE, BUSY and AWAITING_ROOM, and the worker leaves those by CAS alone; the worker's release
 * stores leave only COMMITTING, which the halt never moves. So each of the halt's CASes sees a state the worker can no
 * longer leave behind its back.
 */
final class WorkerTicket extends WorkerTicketPadding2
{
    public static final int IDLE = 0;
    public static final int BUSY = 1;
    public static final int COMMITTING = 2;
    public static final int ABANDONED = 3;
    public static final int AWAITING_ROOM = 4;
    public static final int SEIZED = 5;
    public static final int FROZEN = 6;

    private static final int PHASE_BITS = 3;
    private static final long PHASE_MASK = (1L << PHASE_BITS) - 1;

    private static final VarHandle WORD;
    private static final VarHandle HELD_EVEN;
    private static final VarHandle HELD_ODD;
    private static final VarHandle FAILED;
    private static final VarHandle CANCELLED;
    private static final VarHandle EXPIRED;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            WORD = lookup.findVarHandle(WorkerTicketFields.class, "word", long.class);
            HELD_EVEN = lookup.findVarHandle(WorkerTicketFields.class, "heldEven", long.class);
            HELD_ODD = lookup.findVarHandle(WorkerTicketFields.class, "heldOdd", long.class);
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

    /** Writes the sequence that the word with count {@code processed} will announce; plain, ordered by that move. */
    private void hold(final long processed, final long sequence)
    {
        if ((processed & 1) == 0)
        {
            HELD_EVEN.set(this, sequence);
        }
        else
        {
            HELD_ODD.set(this, sequence);
        }
    }

    // ---- worker side ----

    /**
     * Begins a task from IDLE.
     *
     * @param sequence the task's sequence.
     * @return false if a halt froze the ticket: the worker must leave the task alone and stop.
     */
    boolean begin(final long sequence)
    {
        final long count = processedByOwner;
        hold(count, sequence);
        return WORD.compareAndSet(this, word(count, IDLE), word(count, BUSY));
    }

    /**
     * Commits the task in hand (completed, nothing to publish) and begins {@code next} in one CAS.
     *
     * @param next the next task's sequence, already published.
     * @return false if a halt abandoned the task in hand: the worker must leave {@code next} alone and stop.
     */
    boolean commitAndBegin(final long next)
    {
        final long count = processedByOwner;
        hold(count + 1, next);
        if (WORD.compareAndSet(this, word(count, BUSY), word(count + 1, BUSY)))
        {
            processedByOwner = count + 1;
            return true;
        }
        return false;
    }

    /**
     * Commits the task in hand (completed, nothing to publish) and goes IDLE.
     *
     * @return false if a halt abandoned it first: the worker must stop.
     */
    boolean commitToIdle()
    {
        final long count = processedByOwner;
        if (WORD.compareAndSet(this, word(count, BUSY), word(count + 1, IDLE)))
        {
            processedByOwner = count + 1;
            return true;
        }
        return false;
    }

    /**
     * The task's entry could not be started (cancellable pools: a halt settled it): back to IDLE.
     *
     * @return false if the ticket was frozen or abandoned meanwhile.
     */
    boolean cancelBegin()
    {
        return WORD.compareAndSet(this, word(processedByOwner, BUSY), word(processedByOwner, IDLE));
    }

    /**
     * Claims the task in hand as finished by this worker, with an outcome still to publish.
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
     * @param sequence the task's sequence.
     * @param status   how the task ended.
     * @param failure  what the handler threw, or null.
     * @param result   the filled result object.
     */
    void awaitRoom(
        final long sequence, final io.ringpool.OutcomeStatus status, final Throwable failure, final Object result)
    {
        pendingSequence = sequence;
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

    /**
     * Counts the committed task's status; inside COMMITTING, published by the store that leaves it.
     *
     * @param status how the task ended.
     */
    void count(final io.ringpool.OutcomeStatus status)
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
    }

    /** Leaves COMMITTING for IDLE: a release store (a halt never moves COMMITTING). */
    void settle()
    {
        processedByOwner++;
        WORD.setRelease(this, word(processedByOwner, IDLE));
    }

    /**
     * Leaves COMMITTING by beginning {@code next}, already published: a release store.
     *
     * @param next the next task's sequence.
     */
    void settleAndBegin(final long next)
    {
        final long count = ++processedByOwner;
        hold(count, next);
        WORD.setRelease(this, word(count, BUSY));
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

    // ---- shutdown and watchdog side ----

    long wordAcquire()
    {
        return (long)WORD.getAcquire(this);
    }

    /**
     * The task a word read by {@link #wordAcquire()} is about: the one in hand (BUSY, ABANDONED) or the one whose
     * outcome is being published or waits for room (COMMITTING, AWAITING_ROOM, SEIZED; the count already includes
     * it). Meaningless for IDLE and FROZEN.
     *
     * @param word the word read.
     * @return the task's sequence.
     */
    long heldBy(final long word)
    {
        final int phase = phaseOf(word);
        final long count = phase == BUSY || phase == ABANDONED ? processedOf(word) : processedOf(word) - 1;
        return (count & 1) == 0 ? (long)HELD_EVEN.getAcquire(this) : (long)HELD_ODD.getAcquire(this);
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

    /** {@link #freeze}: the worker held no task, or counted and published it itself. */
    static final int NOTHING_HELD = 0;
    /** {@link #freeze}: the task in hand ({@link #heldBy}) is abandoned. */
    static final int TASK_ABANDONED = 1;
    /**
     * {@link #freeze}: the worker was waiting for result-ring room; its outcome is now the halt's, in
     * {@link #pendingSequence}, {@link #pendingStatus}, {@link #pendingFailure} and {@link #pendingResult}.
     */
    static final int OUTCOME_SEIZED = 2;
    /** {@link #freeze}: the worker's thread died while committing (an asynchronous error): counted as is. */
    static final int WORKER_DIED = 3;
    /**
     * {@link #freeze}, cancellable pools: the worker had begun a task whose entry it had not yet taken, and the halt
     * settled that entry first ({@link #heldBy}): returned or cancelled, never abandoned.
     */
    static final int ENTRY_SETTLED = 4;

    /**
     * A halt freezes this worker before it settles any untaken entry: an IDLE worker can no longer begin a task, a
     * task in hand is abandoned, an outcome waiting for result-ring room is seized, and a commit in progress is waited
     * for without a deadline, since it runs only the engine's own non-blocking code.
     *
     * @param entries a cancellable pool's arbiter for a task begun but whose entry is not yet taken (it settles the
     *                entry by CAS if it can; see {@link EntrySettler}); null when tasks are begun by the ticket alone.
     * @param worker  the worker's thread, to stop waiting if it died; null if it is the caller's own thread.
     * @return {@link #NOTHING_HELD}, {@link #TASK_ABANDONED}, {@link #OUTCOME_SEIZED}, {@link #WORKER_DIED} or
     *     {@link #ENTRY_SETTLED}.
     */
    int freeze(final EntrySettler entries, final Thread worker)
    {
        int steps = 0;
        int result = NOTHING_HELD;
        long seen = wordAcquire();
        while (true)
        {
            final int phase = phaseOf(seen);
            if (phase == IDLE)
            {
                if (WORD.compareAndSet(this, seen, word(processedOf(seen), FROZEN)))
                {
                    return result;
                }
            }
            else if (phase == BUSY)
            {
                if (null != entries && result != ENTRY_SETTLED && entries.settleIfUntaken(heldBy(seen)))
                {
                    // The worker's take of that entry fails; it goes back to IDLE or finds the ticket frozen.
                    result = ENTRY_SETTLED;
                }
                if (result == ENTRY_SETTLED)
                {
                    if (WORD.compareAndSet(this, seen, word(processedOf(seen), FROZEN)))
                    {
                        return result;
                    }
                }
                else if (abandon(seen))
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
                return result;
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

    /** A cancellable pool's entry arbiter, used by {@link #freeze} for a task begun but perhaps not yet taken. */
    @FunctionalInterface
    interface EntrySettler
    {
        /**
         * Settles the entry of {@code sequence} by CAS if no worker has taken it (returned, or cancelled and counted).
         *
         * @param sequence the entry's sequence.
         * @return true if the halt settled it; false if a worker took it.
         */
        boolean settleIfUntaken(long sequence);
    }
}
