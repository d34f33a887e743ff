package io.ringpool.example;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

import java.util.Locale;

/**
 * How the pool's workers and collector wait for work: the {@code --wait} flag.
 */
public enum WaitMode
{
    /** Spin briefly, then yield: lowest latency that still shares a 2-core machine. */
    YIELDING,
    /** Block on a lock and condition: least CPU, microseconds of wake-up. */
    BLOCKING,
    /** Spin, yield, then sleep: between the two. */
    SLEEPING;

    /**
     * A new wait strategy of this kind: one per ring, since the pool refuses one instance for both.
     *
     * @return the strategy.
     */
    public WaitStrategy newStrategy()
    {
        switch (this)
        {
            case BLOCKING:
                return new BlockingWaitStrategy();
            case SLEEPING:
                return new SleepingWaitStrategy();
            default:
                return new YieldingWaitStrategy();
        }
    }

    /**
     * The flag value that names this mode.
     *
     * @return the lower-case name.
     */
    public String flagValue()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
