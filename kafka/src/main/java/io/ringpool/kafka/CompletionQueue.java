package io.ringpool.kafka;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded single-producer, single-consumer queue of finished records: the pool's collector thread offers, the poll
 * thread polls. Written here rather than taken from Agrona because Agrona's queues need {@code --add-opens} on the
 * JVM, which a library should not ask of its users.
 * <p>
 * <b>Memory order.</b> A slot is empty when it holds null. The producer writes an element with a release store into
 * an empty slot; the consumer reads it with an acquire load (so it sees everything the producer wrote before, among
 * it the worker's writes to the record) and empties the slot with a release store, which the producer's plain check
 * of that slot may see late (the slot then looks full a little longer, never wrongly empty).
 */
final class CompletionQueue
{
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(RecordWork[].class);

    private final RecordWork[] slots;
    private final int mask;
    /** Producer thread only. */
    private long tail;
    /** Consumer thread only. */
    private long head;

    CompletionQueue(final int minCapacity)
    {
        int capacity = 1;
        while (capacity < minCapacity)
        {
            capacity <<= 1;
        }
        slots = new RecordWork[capacity];
        mask = capacity - 1;
    }

    int capacity()
    {
        return slots.length;
    }

    /** Producer: adds a record; false if the queue is full. */
    boolean offer(final RecordWork work)
    {
        final int index = (int)tail & mask;
        if (null != SLOT.getAcquire(slots, index))
        {
            return false;
        }
        SLOT.setRelease(slots, index, work);
        tail++;
        return true;
    }

    /** Consumer: takes the oldest record, or null if there is none. */
    RecordWork poll()
    {
        final int index = (int)head & mask;
        final RecordWork work = (RecordWork)SLOT.getAcquire(slots, index);
        if (null == work)
        {
            return null;
        }
        SLOT.setRelease(slots, index, null);
        head++;
        return work;
    }
}
