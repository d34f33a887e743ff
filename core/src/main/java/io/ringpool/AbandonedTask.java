package io.ringpool;

/**
 * A task whose handler was still running when a halt ran out of time, even after its worker was interrupted.
 * <p>
 * The task counts neither as completed nor as failed: whatever its worker produces afterwards is discarded.
 *
 * @param sequence the task's sequence.
 * @param workerId the worker that was running it.
 */
public record AbandonedTask(long sequence, int workerId)
{
}
