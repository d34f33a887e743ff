package io.ringpool;

/**
 * Told when a worker has been running one task for longer than the pool's stall threshold while later tasks wait:
 * a stuck handler, a dead lock inside it, or a result consumer that stopped taking outcomes.
 * <p>
 * <b>Threading:</b> called on the pool's watchdog thread ({@code <name>-watchdog}), at most once per worker and task.
 * It must not block; an exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface StallListener
{
    /**
     * A worker is stalled.
     *
     * @param workerId     the stalled worker.
     * @param sequence     the task it has been holding.
     * @param stalledNanos how long it has held it, at least the stall threshold (as sampled, so up to a quarter of
     *                     the threshold more).
     */
    void onStall(int workerId, long sequence, long stalledNanos);
}
