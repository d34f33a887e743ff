package io.ringpool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

abstract class HandOverPadding1
{
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
}

abstract class HandOverFields extends HandOverPadding1
{
    /** One more than the last sequence handed to the consumer; the sign bit marks it sealed. */
    long word;
}

abstract class HandOverPadding2 extends HandOverFields
{
    byte p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111, p112, p113, p114, p115;
    byte p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127, p128, p129, p130, p131;
    byte p132, p133, p134, p135, p136, p137, p138, p139, p140, p141, p142, p143, p144, p145, p146, p147;
    byte p148, p149, p150, p151, p152, p153, p154, p155, p156, p157, p158, p159, p160, p161, p162, p163;
}

/**
 * The result consumer's record of which outcomes it has handed to the user (the collector's result handler, or the
 * poller's handler), sealed by the shutdown when it makes the report.
 * <p>
 * The consumer advances it by CAS before each hand-over; the shutdown seals it by CAS. So every outcome is either
 * handed to the user or listed as undelivered in the report, never both, even when the consumer is descheduled
 * between reading an outcome and handing it over (docs/protocol.md, section 5).
 */
final class HandOver extends HandOverPadding2
{
    private static final VarHandle WORD;

    static
    {
        try
        {
            WORD = MethodHandles.lookup().findVarHandle(HandOverFields.class, "word", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    /**
     * Claims the right to hand over {@code sequence}, the successor of the last one handed over.
     *
     * @param sequence the result sequence about to be handed over.
     * @return false once sealed: the collector must stop.
     */
    boolean tryHandOver(final long sequence)
    {
        return WORD.compareAndSet(this, sequence, sequence + 1);
    }

    /**
     * Takes back the hand-over of {@code sequence}, the last one handed over, whose handler threw before it took the
     * outcome (a poll handler's exception: the outcome is polled again).
     *
     * @param sequence the sequence last handed over.
     * @return false if the record was sealed meanwhile: the outcome stays handed over, and the report counts it so.
     */
    boolean giveBack(final long sequence)
    {
        return WORD.compareAndSet(this, sequence + 1, sequence);
    }

    /**
     * Whether the record is sealed.
     *
     * @return true once the shutdown has sealed it.
     */
    boolean isSealed()
    {
        return (long)WORD.getAcquire(this) < 0;
    }

    /**
     * Seals the record: no outcome is handed over after this returns.
     *
     * @return the last sequence that was handed over.
     */
    long seal()
    {
        long word;
        do
        {
            word = (long)WORD.getAcquire(this);
            if (word < 0)
            {
                return (word & Long.MAX_VALUE) - 1;
            }
        }
        while (!WORD.compareAndSet(this, word, word | Long.MIN_VALUE));
        return word - 1;
    }
}
