package io.ringpool.internal;

/**
 * The one deadline of a shutdown, shared by its steps: concurrent drain and halt calls lower it to the earliest of
 * theirs.
 */
final class ShutdownDeadline
{
    private long deadline;
    private boolean set;

    /**
     * Lowers the deadline to {@code candidate} if it is earlier (or none was set).
     *
     * @param candidate a {@link System#nanoTime()} deadline.
     */
    synchronized void lower(final long candidate)
    {
        if (!set || candidate - deadline < 0)
        {
            deadline = candidate;
            set = true;
        }
    }

    /**
     * The deadline.
     *
     * @return a {@link System#nanoTime()} value.
     */
    synchronized long get()
    {
        return deadline;
    }

    /**
     * Whether the deadline has passed.
     *
     * @return true once {@code System.nanoTime()} reached it.
     */
    boolean isPast()
    {
        return System.nanoTime() - get() >= 0;
    }
}
