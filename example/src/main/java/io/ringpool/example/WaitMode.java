package io.ringpool.example;

import io.ringpool.WaitPolicy;

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
     * The pool's wait policy for this mode: every wait of the pool (rings, room, the consumer), not just the rings'.
     *
     * @return the policy.
     */
    public WaitPolicy policy()
    {
        switch (this)
        {
            case BLOCKING:
                return WaitPolicy.BLOCKING;
            case SLEEPING:
                return WaitPolicy.SLEEPING;
            default:
                return WaitPolicy.YIELDING;
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
