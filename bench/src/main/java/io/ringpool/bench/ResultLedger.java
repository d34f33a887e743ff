package io.ringpool.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Where a round trip ends: counts each producer's results and adds them into that producer's checksum, and lets the
 * producer wait until all of its tasks have come back.
 * <p>
 * Each producer has its own slot, 128 bytes from any other slot and from the array's header, so two producers
 * waiting on their own counts do not share a cache line.
 * <p>
 * <b>Assumptions:</b> one thread at a time writes a producer's slot with {@link #record} (the contender's result
 * consumer, or the producer itself for the inline baseline).
 * <b>Guarantees:</b> a count is stored with release and read with acquire, so a producer that has seen its count
 * reach {@code n} also sees the checksum of those {@code n} results. A wait never hangs: it throws once its deadline
 * has passed. {@link #checksum} is exact once the writer has stopped.
 */
final class ResultLedger
{
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

    /** 16 longs, 128 bytes: two cache lines, so that the adjacent-line prefetcher cannot pair two slots either. */
    private static final int STRIDE = 16;
    private static final int COUNT = 0;
    private static final int CHECKSUM = 1;

    private final long[] slots;
    private final int producers;

    /**
     * A ledger for {@code producers} producers.
     *
     * @param producers 1 or more.
     */
    ResultLedger(final int producers)
    {
        this.producers = producers;
        this.slots = new long[(producers + 2) * STRIDE];
    }

    /**
     * Counts one result of a producer and adds it into that producer's checksum.
     *
     * @param producer the producer, 0 to producers-1.
     * @param result   the task's result.
     */
    void record(final int producer, final long result)
    {
        final int slot = slot(producer);
        slots[slot + CHECKSUM] += result;
        SLOTS.setRelease(slots, slot + COUNT, slots[slot + COUNT] + 1L);
    }

    /**
     * Counts {@code count} results of a producer at once, with their sum: for a writer that adds up a batch itself.
     *
     * @param producer the producer, 0 to producers-1.
     * @param count    the number of results.
     * @param sum      their sum, modulo 2<sup>64</sup>.
     */
    void recordBatch(final int producer, final long count, final long sum)
    {
        final int slot = slot(producer);
        slots[slot + CHECKSUM] += sum;
        SLOTS.setRelease(slots, slot + COUNT, slots[slot + COUNT] + count);
    }

    /**
     * Waits, yielding the core, until a producer has {@code target} results in total.
     * <p>
     * Yields rather than spins: on two cores a spinning waiter takes the CPU the workers and the result consumer need.
     *
     * @param producer  the producer, 0 to producers-1.
     * @param target    the total number of results to wait for.
     * @param timeoutNs how long to wait at most.
     * @throws IllegalStateException if the results did not all arrive within {@code timeoutNs}.
     */
    void await(final int producer, final long target, final long timeoutNs)
    {
        if (received(producer) < target)
        {
            awaitSlowPath(producer, target, timeoutNs);
        }
    }

    private void awaitSlowPath(final int producer, final long target, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (received(producer) < target)
        {
            Thread.yield();
            if (System.nanoTime() - deadlineNs >= 0 && received(producer) < target)
            {
                throw new IllegalStateException("results of producer " + producer + " did not arrive within " +
                    timeoutNs / 1_000_000L + " ms: received " + received(producer) + " of " + target);
            }
        }
    }

    /**
     * The results of a producer counted so far.
     *
     * @param producer the producer, 0 to producers-1.
     * @return the count.
     */
    long received(final int producer)
    {
        return (long)SLOTS.getAcquire(slots, slot(producer) + COUNT);
    }

    /**
     * The sum of a producer's results counted so far, modulo 2<sup>64</sup>; exact once the writer has stopped.
     *
     * @param producer the producer, 0 to producers-1.
     * @return the checksum.
     */
    long checksum(final int producer)
    {
        received(producer);
        return slots[slot(producer) + CHECKSUM];
    }

    /**
     * The number of producers.
     *
     * @return the count.
     */
    int producers()
    {
        return producers;
    }

    private static int slot(final int producer)
    {
        return (producer + 1) * STRIDE;
    }
}
