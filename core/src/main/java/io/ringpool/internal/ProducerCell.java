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
    /** Written by the owning producer on every publish; by a shutdown only to void a stalled publish. */
    int state;
    /** Tasks this producer had accepted; single writer, published by the release of {@link #state}. */
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
 * One producer thread's announcement of a publish in flight, and its count of accepted tasks.
 * <p>
 * <b>Protocol</b> (the race between a publish and a drain or halt, REFERENCE §8):
 * <ol>
 *     <li>The producer claims its ring slots, then stores {@link #ANNOUNCED} (a release).</li>
 *     <li>After its translator ran, the producer moves {@link #ANNOUNCED} to {@link #PUBLISHING} by CAS and only
 *     then reads the pool's run state. That CAS is the full fence between the store and the load.</li>
 *     <li>The shutdown writes the new run state first, then reads every cell.</li>
 * </ol>
 * Either the shutdown sees {@link #PUBLISHING} (or the accepted count that follows it) and waits, or the producer
 * reads the new run state and voids its slots: a publish is never half-accepted. A shutdown that waited its full
 * bound on a stalled {@link #ANNOUNCED} producer moves it to {@link #VOIDED}; that producer's CAS then fails and its
 * publish is rejected.
 */
public final class ProducerCell extends ProducerCellPadding2
{
    public static final int IDLE = 0;
    public static final int ANNOUNCED = 1;
    public static final int PUBLISHING = 2;
    public static final int VOIDED = 3;

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

    ProducerCell(final Thread owner, final IdleStrategy idleStrategy)
    {
        this.owner = owner;
        this.idleStrategy = idleStrategy;
    }

    void announce()
    {
        STATE.setRelease(this, ANNOUNCED);
    }

    boolean beginPublish()
    {
        return STATE.compareAndSet(this, ANNOUNCED, PUBLISHING);
    }

    void endAccepted(final int count)
    {
        ACCEPTED.setOpaque(this, accepted + count);
        STATE.setRelease(this, IDLE);
    }

    void endRejected()
    {
        STATE.setRelease(this, IDLE);
    }

    int stateAcquire()
    {
        return (int)STATE.getAcquire(this);
    }

    boolean voidAnnounced()
    {
        return STATE.compareAndSet(this, ANNOUNCED, VOIDED);
    }

    long acceptedAcquire()
    {
        return (long)ACCEPTED.getAcquire(this);
    }
}
