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
    /** IDLE or PUBLISHING; written only by the owning producer. */
    int state;
    /** Tasks this producer had accepted; single writer. */
    long accepted;
}

abstract class ProducerCellPadding2 extends ProducerCellFields
{
    byte p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111, p112, p113, p114, p115;
    byte p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127, p128, p129, p130, p131;
    byte p132, p133, p134, p135, p136, p137, p138, p139, p140, p141, p142, p143, p144, p145, p146, p147;
    byte p148, p149, p150, p151, p152, p153, p154, p155, p156, p157, p158, p159, p160, p161, p162, p163;
}

/**
 * One producer thread's count of accepted tasks and, for a single-producer pool, its announcement of a publish in
 * flight. Every field has one writer: the owning producer.
 * <p>
 * <b>Protocol</b> (the race between a publish and a drain or halt, REFERENCE §8). A publish must read the run state
 * <i>after</i> its claim is visible to a shutdown, which needs one full fence per publish:
 * <ul>
 *     <li>Multi-producer: the Disruptor's claim is a CAS on the ring's cursor, which is that fence; a shutdown
 *     writes the run state, reads the cursor, and waits until every sequence up to it is published.</li>
 *     <li>Single-producer: the claim is a plain field of the Disruptor's sequencer, so the producer stores
 *     {@link #PUBLISHING} here with a volatile store ({@link #enter()}) before it reads the run state; a shutdown
 *     writes the run state, then waits for this cell to be {@link #IDLE}.</li>
 * </ul>
 * Either the shutdown sees the claim (and waits for its publish), or the producer sees the new run state (and
 * publishes its slots as void, rejected): a publish is never half-accepted. The accepted count is written before
 * the ring's publish (a release), so a shutdown that saw the publish sees the count.
 */
public final class ProducerCell extends ProducerCellPadding2
{
    public static final int IDLE = 0;
    public static final int PUBLISHING = 1;

    private static final VarHandle STATE;
    private static final VarHandle ACCEPTED;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(ProducerCellFields.class, "state", int.class);
            ACCEPTED = lookup.findVarHandle(ProducerCellFields.class, "accepted", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    final Thread owner;
    final IdleStrategy idleStrategy;
    /** The sequences this producer has claimed and not yet published; read only by its own thread. */
    long claimedLo = -1L;
    long claimedHi = -1L;

    ProducerCell(final Thread owner, final IdleStrategy idleStrategy)
    {
        this.owner = owner;
        this.idleStrategy = idleStrategy;
    }

    /** Announces a publish in flight; the volatile store is the full fence before the run-state read. */
    void enter()
    {
        STATE.setVolatile(this, PUBLISHING);
    }

    void claimed(final long lo, final long hi)
    {
        claimedLo = lo;
        claimedHi = hi;
    }

    void exit()
    {
        claimedLo = -1L;
        claimedHi = -1L;
        STATE.setRelease(this, IDLE);
    }

    /** Counts accepted tasks; called before the ring's publish, whose release orders it. */
    void addAccepted(final int count)
    {
        ACCEPTED.setOpaque(this, accepted + count);
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
