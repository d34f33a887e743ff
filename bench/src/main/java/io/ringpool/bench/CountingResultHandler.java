package io.ringpool.bench;

import com.lmax.disruptor.Sequence;
import io.ringpool.Outcome;
import io.ringpool.ResultHandler;

/**
 * The result handler of the round-trip benchmarks: adds every result into a checksum and counts the outcomes in a
 * padded sequence that the benchmark thread waits on.
 * <p>
 * <b>Threading:</b> {@link #onResult} runs on the pool's collector thread only, the single writer of every field.
 * {@link #awaitReceived} runs on the benchmark thread: its acquire read of the count orders the checksum written
 * before the matching release store. {@link #received()} and {@link #checksum()} are exact only once the pool has
 * terminated (its drain joined the collector thread).
 * <p>
 * <b>Guarantee:</b> a wait never hangs: it throws once its deadline has passed.
 */
public final class CountingResultHandler implements ResultHandler<RoundTripResult>
{
    /** A Disruptor {@link Sequence} is padded on both sides: the waiter's reads never share a line with other data. */
    private final Sequence received = new Sequence(0L);
    private long count;
    private long checksum;

    @Override
    public void onResult(final Outcome<RoundTripResult> outcome, final boolean endOfBatch)
    {
        checksum += outcome.result().value;
        received.set(++count);
    }

    /**
     * Waits, yielding the core, until {@code target} outcomes have been received in total.
     * <p>
     * Yields rather than spins: on two cores a spinning waiter takes the CPU the worker and the collector need.
     *
     * @param target    the total number of outcomes to wait for.
     * @param timeoutNs how long to wait at most.
     * @return the checksum of every result received so far.
     * @throws IllegalStateException if the outcomes did not all arrive within {@code timeoutNs}.
     */
    public long awaitReceived(final long target, final long timeoutNs)
    {
        if (received.get() < target)
        {
            awaitSlowPath(target, timeoutNs);
        }
        return checksum;
    }

    private void awaitSlowPath(final long target, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        while (received.get() < target)
        {
            Thread.yield();
            if (System.nanoTime() - deadlineNs >= 0)
            {
                final long seen = received.get();
                if (seen < target)
                {
                    throw new IllegalStateException(
                        "outcomes did not arrive within " + timeoutNs / 1_000_000L + " ms: received " + seen +
                        " of " + target);
                }
            }
        }
    }

    /**
     * Outcomes received so far.
     *
     * @return the count.
     */
    public long received()
    {
        return received.get();
    }

    /**
     * The sum of every result received so far, modulo 2<sup>64</sup>.
     *
     * @return the checksum.
     */
    public long checksum()
    {
        return checksum;
    }
}
