package io.ringpool;

/**
 * A task that was accepted but never started, handed back by a halt.
 * <p>
 * The task object is the ring's own entry: it stays valid, and is not reused, as long as the pool that returned it
 * is not discarded (a terminated pool never publishes again).
 *
 * @param sequence the task's sequence: the handle its publish returned.
 * @param task     the task object.
 * @param <T>      the task type.
 */
public record ReturnedTask<T>(long sequence, T task)
{
}
