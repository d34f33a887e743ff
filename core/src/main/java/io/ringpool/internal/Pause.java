package io.ringpool.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * How a shutdown waits for another thread to finish a few instructions of engine code: spin briefly, then yield,
 * then park for short slices, so a descheduled thread on a busy machine gets the core back.
 */
final class Pause
{
    private static final int SPINS = 100;
    private static final int YIELDS = 200;
    private static final long PARK_NS = 20_000L;

    private Pause()
    {
    }

    /**
     * Waits one step.
     *
     * @param steps the steps taken so far.
     * @return the steps taken, this one included.
     */
    static int step(final int steps)
    {
        if (steps < SPINS)
        {
            Thread.onSpinWait();
        }
        else if (steps < SPINS + YIELDS)
        {
            Thread.yield();
        }
        else
        {
            LockSupport.parkNanos(PARK_NS);
        }
        return steps == Integer.MAX_VALUE ? steps : steps + 1;
    }
}
