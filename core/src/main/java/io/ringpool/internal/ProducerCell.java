package io.ringpool.internal;

import org.agrona.concurrent.IdleStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

abstract class ProducerCellPadding1
{
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
}

abstract class ProducerCellFields extends ProducerCellPadding1
{
    /** OPEN, ACCEPTING or CLOSED; see {@link ProducerCell}. */
    int state;
    /** Tasks this producer had accepted; single writer. */
    long accepted;
    /**
     * Slow-path counts for the pool's metrics; single writer (the owner), opaque stores, written only where a publish
     * already left its fast path (a full ring, a refusal, a translator that threw).
     */
    long rejectedNotRunning;
    long rejectedInterrupted;
    long translatorFailures;
    long backPressureWaits;
    long tryPublishRefusals;
    /**
     * The slots of the owner's uncommitted {@code Producer} claim, or -1 and -1: plain, owner only (read by another
     * thread only once the owner has ended, which orders them).
     */
    long claimedLo = -1;
    long claimedHi = -1;
    /** True while the owner runs a translator of this pool: a publish from inside it is refused. Owner only. */
    boolean translating;
}

abstract class ProducerCellPadding2 extends ProducerCellFields
{
    byte p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111, p112, p113, p114, p115;
    byte p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127, p128, p129, p130, p131;
    byte p132, p133, p134, p135, p136, p137, p138, p139, p140, p141, p142, p143, p144, p145, p146, p147;
    byte p148, p149, p150, p151, p152, p153, p154, p155, p156, p157, p158, p159, p160, p161, p162, p163;
}

/**
 * One producer thread's gate into the pool: the word whose compare-and-set decides, against a drain or halt, whether
 * a publish is accepted, and the producer's count of accepted tasks. The owning producer is the only writer of the
 * count; the word is written by the producer and, once, by the shutdown that closes it.
 * <p>
 * <b>Protocol</b> (docs/protocol.md, section 1). A translated publish CASes the word from
 * {@link #OPEN} to {@link #ACCEPTING}; a shutdown CASes it from {@code OPEN} to {@link #CLOSED}. Exactly one of the
 * two wins. The producer that wins marks its slots, publishes them, counts them and stores {@code OPEN} again
 * (a release): from the CAS to that store it runs only the engine's own non-blocking code, so a shutdown that finds
 * {@code ACCEPTING} waits for it, however short its deadline, while the owner is alive. The producer that loses
 * publishes its slots as void and throws. A publish still in its translator has not CASed yet: it is never waited
 * for, and it will lose. So a shutdown that has closed every cell knows every accepted task, whatever its deadline.
 */
final class ProducerCell extends ProducerCellPadding2
{
    /** Publishes may be accepted. */
    public static final int OPEN = 0;
    /** The owner won the CAS and is publishing accepted slots: engine code only. */
    public static final int ACCEPTING = 1;
    /** A shutdown closed the cell: every later publish through it is rejected. */
    public static final int CLOSED = 2;

    private static final VarHandle STATE;
    private static final VarHandle ACCEPTED;
    private static final VarHandle REJECTED_NOT_RUNNING;
    private static final VarHandle REJECTED_INTERRUPTED;
    private static final VarHandle TRANSLATOR_FAILURES;
    private static final VarHandle BACK_PRESSURE_WAITS;
    private static final VarHandle TRY_PUBLISH_REFUSALS;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(ProducerCellFields.class, "state", int.class);
            ACCEPTED = lookup.findVarHandle(ProducerCellFields.class, "accepted", long.class);
            REJECTED_NOT_RUNNING = lookup.findVarHandle(ProducerCellFields.class, "rejectedNotRunning", long.class);
            REJECTED_INTERRUPTED = lookup.findVarHandle(ProducerCellFields.class, "rejectedInterrupted", long.class);
            TRANSLATOR_FAILURES = lookup.findVarHandle(ProducerCellFields.class, "translatorFailures", long.class);
            BACK_PRESSURE_WAITS = lookup.findVarHandle(ProducerCellFields.class, "backPressureWaits", long.class);
            TRY_PUBLISH_REFUSALS = lookup.findVarHandle(ProducerCellFields.class, "tryPublishRefusals", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    final Thread owner;
    final IdleStrategy idleStrategy;

    ProducerCell(final Thread owner, final IdleStrategy idleStrategy, final boolean closed)
    {
        this.owner = owner;
        this.idleStrategy = idleStrategy;
        if (closed)
        {
            STATE.setRelease(this, CLOSED);
        }
    }

    /**
     * The producer's decision: the publish is accepted if the cell is still open. A full fence.
     *
     * @return true if accepted: the caller must publish its slots and then call {@link #acceptDone()}.
     */
    boolean tryAccept()
    {
        return STATE.compareAndSet(this, OPEN, ACCEPTING);
    }

    /** Ends the accepting window: everything the producer did in it happens-before a shutdown that sees OPEN. */
    void acceptDone()
    {
        STATE.setRelease(this, OPEN);
    }

    /** Counts accepted tasks; inside the accepting window, ordered by {@link #acceptDone()}. */
    void addAccepted(final int count)
    {
        ACCEPTED.setOpaque(this, accepted + count);
    }

    /** {@link #close}: the cell is closed and no publish through it is in flight. */
    static final int CLOSED_QUIET = 0;
    /**
     * {@link #close}: the window cannot be waited out: its owner died inside it (its publish never returned), or is
     * the shutdown's own thread (a wait strategy that drains from inside the ring's publish).
     */
    static final int WINDOW_ABANDONED = 1;

    /**
     * Closes the cell for a shutdown, waiting out an accepting window in progress: that window runs only engine code,
     * so it is waited for without a deadline, for as long as its owner is alive.
     *
     * @param caller the shutdown's thread.
     * @return {@link #CLOSED_QUIET} or {@link #WINDOW_ABANDONED}.
     */
    int close(final Thread caller)
    {
        int spins = 0;
        while (true)
        {
            final int state = stateAcquire();
            if (state == CLOSED)
            {
                return CLOSED_QUIET;
            }
            if (state == OPEN)
            {
                if (STATE.compareAndSet(this, OPEN, CLOSED))
                {
                    return CLOSED_QUIET;
                }
                continue;
            }
            if (owner == caller || !owner.isAlive())
            {
                return WINDOW_ABANDONED;
            }
            spins = Pause.step(spins);
        }
    }

    /**
     * Whether the owner holds an uncommitted claim: no other publish may claim until it is committed or aborted.
     *
     * @return true while a claim is outstanding.
     */
    boolean hasClaim()
    {
        return claimedHi >= 0;
    }

    /** Records the owner's claim of {@code lo..hi}; owner only. */
    void holdClaim(final long lo, final long hi)
    {
        claimedLo = lo;
        claimedHi = hi;
    }

    /** Forgets the claim, once it is committed or aborted; owner only. */
    void clearClaim()
    {
        claimedLo = -1;
        claimedHi = -1;
    }

    /** Counts tasks refused because the pool was not running; owner only. */
    void countRejectedNotRunning(final int tasks)
    {
        REJECTED_NOT_RUNNING.setOpaque(this, rejectedNotRunning + tasks);
    }

    /** Counts tasks refused because the owner was interrupted while it waited for room; owner only. */
    void countRejectedInterrupted(final int tasks)
    {
        REJECTED_INTERRUPTED.setOpaque(this, rejectedInterrupted + tasks);
    }

    /** Counts tasks whose translator or key extractor threw; owner only. */
    void countTranslatorFailures(final int tasks)
    {
        TRANSLATOR_FAILURES.setOpaque(this, translatorFailures + tasks);
    }

    /** Counts a publish that found the ring full and waited; owner only. */
    void countBackPressureWait()
    {
        BACK_PRESSURE_WAITS.setOpaque(this, backPressureWaits + 1);
    }

    /** Counts a tryPublish that returned -1; owner only. */
    void countTryPublishRefusal()
    {
        TRY_PUBLISH_REFUSALS.setOpaque(this, tryPublishRefusals + 1);
    }

    /**
     * Adds this cell's counts into a metrics sample.
     *
     * @param into a pool sample, indexed by {@link Sample}.
     */
    void addCountsTo(final long[] into)
    {
        into[Sample.PUBLISHED] += (long)ACCEPTED.getOpaque(this);
        into[Sample.REJECTED_NOT_RUNNING] += (long)REJECTED_NOT_RUNNING.getOpaque(this);
        into[Sample.REJECTED_INTERRUPTED] += (long)REJECTED_INTERRUPTED.getOpaque(this);
        into[Sample.TRANSLATOR_FAILURES] += (long)TRANSLATOR_FAILURES.getOpaque(this);
        into[Sample.BACK_PRESSURE_WAITS] += (long)BACK_PRESSURE_WAITS.getOpaque(this);
        into[Sample.TRY_PUBLISH_REFUSALS] += (long)TRY_PUBLISH_REFUSALS.getOpaque(this);
    }

    int stateAcquire()
    {
        return (int)STATE.getAcquire(this);
    }

    long acceptedAcquire()
    {
        return (long)ACCEPTED.getAcquire(this);
    }
}
