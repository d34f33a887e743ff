package io.ringpool.internal;

import io.ringpool.Outcome;
import io.ringpool.OutcomeStatus;

abstract class ResultSlotPadding1
{
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
}

abstract class ResultSlotFields<R> extends ResultSlotPadding1
{
    R result;
    long taskSequence = -1;
    int workerId = -1;
    /**
     * The status's ordinal, not a reference: a reference stored into a long-lived ring entry costs the collector's
     * write barrier on every outcome.
     */
    byte status;
    Throwable failure;
    /** True for an entry a worker had claimed when it was declared abandoned: consumers skip it. */
    boolean isVoid;
    /** Stage stamps, written only by pools that time stages. */
    long publishedNanos;
    long startedNanos;
    long endedNanos;

    ResultSlotFields(final R result)
    {
        this.result = result;
    }
}

abstract class ResultSlotPadding2<R> extends ResultSlotFields<R>
{
    byte p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111, p112, p113, p114, p115;
    byte p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127, p128, p129, p130, p131;
    byte p132, p133, p134, p135, p136, p137, p138, p139, p140, p141, p142, p143, p144, p145, p146, p147;
    byte p148, p149, p150, p151, p152, p153, p154, p155, p156, p157, p158, p159, p160, p161, p162, p163;

    ResultSlotPadding2(final R result)
    {
        super(result);
    }
}

/**
 * One entry of the result ring. A worker fills it after its handler returned, then publishes it; the result object
 * itself is swapped with the worker's spare rather than copied, so a result costs no copy and no allocation.
 * <p>
 * Fields are plain: they are written before the ring's publish (a release) and read after the consumer's barrier
 * (an acquire). Padded like {@link TaskSlot}, so a worker filling one entry never shares a line with the consumer
 * reading its neighbour.
 *
 * @param <R> the result type.
 */
final class ResultSlot<R> extends ResultSlotPadding2<R> implements Outcome<R>
{
    private static final OutcomeStatus[] STATUSES = OutcomeStatus.values();

    ResultSlot(final R result)
    {
        super(result);
    }

    /**
     * Fills the entry, swapping the worker's filled result object in.
     *
     * @return the result object that was in the entry: the worker's next spare.
     */
    R swapIn(
        final R filled, final long taskSequence, final int workerId, final OutcomeStatus status, final Throwable failure)
    {
        final R previous = this.result;
        this.result = filled;
        this.taskSequence = taskSequence;
        this.workerId = workerId;
        this.status = (byte)status.ordinal();
        if (null != failure || null != this.failure)
        {
            // Only a failure, or the clearing of one, stores a reference.
            this.failure = failure;
        }
        this.isVoid = false;
        return previous;
    }

    /** Writes the stage stamps; before the publish, like the rest of the entry. */
    void stamp(final long publishedNanos, final long startedNanos, final long endedNanos)
    {
        this.publishedNanos = publishedNanos;
        this.startedNanos = startedNanos;
        this.endedNanos = endedNanos;
    }

    @Override
    public long publishedNanos()
    {
        return publishedNanos;
    }

    @Override
    public long startedNanos()
    {
        return startedNanos;
    }

    @Override
    public long endedNanos()
    {
        return endedNanos;
    }

    void markVoid()
    {
        this.isVoid = true;
        this.taskSequence = -1;
        this.failure = null;
    }

    @Override
    public R result()
    {
        return result;
    }

    @Override
    public long taskSequence()
    {
        return taskSequence;
    }

    @Override
    public int workerId()
    {
        return workerId;
    }

    @Override
    public OutcomeStatus status()
    {
        return STATUSES[status];
    }

    @Override
    public Throwable failure()
    {
        return failure;
    }

    @Override
    public String toString()
    {
        return "Outcome{task=" + taskSequence + ", worker=" + workerId + ", status=" + status() +
            (failure != null ? ", failure=" + failure : "") + ", result=" + result + '}';
    }
}
