package io.ringpool.internal;

import io.ringpool.OutcomeStatus;
import org.agrona.concurrent.IdleStrategy;

/**
 * The worker's side of the result ring: claim a slot after the handler returned, then publish the outcome into it
 * (or a void entry if the worker was abandoned in between).
 * <p>
 * Two orders: {@link ResultRing} (completion order, a Disruptor ring that workers claim in the order they finish)
 * and {@link OrderedResultRing} (submission order, where the slot of a task is fixed by its sequence).
 *
 * @param <R> the result type.
 */
interface ResultSink<R>
{
    /**
     * A new result object for a worker's spare.
     *
     * @return a result object.
     */
    R newSpare();

    /**
     * Claims the slot for the outcome of {@code taskSequence} if there is room now.
     *
     * @param taskSequence the task's sequence.
     * @return a handle for {@link #publish}, or -1 if the ring is full.
     */
    long tryClaim(long taskSequence);

    /**
     * Claims the slot for the outcome of {@code taskSequence}, waiting while the ring is full.
     *
     * @param taskSequence the task's sequence.
     * @param ticket       the worker's ticket: a halt that seizes the outcome ends the wait.
     * @param limit        the workers' stop limit: a halt ends the wait too (the worker then stops, leaving the
     *                     outcome in its ticket for the halt to seize).
     * @param idle         the worker's idle strategy.
     * @return a handle for {@link #publish}, or -1 if a halt seized the outcome or stopped the workers meanwhile.
     */
    long claim(long taskSequence, WorkerTicket ticket, StopLimit limit, IdleStrategy idle);

    /**
     * Publishes an outcome into a claimed slot by swapping the filled result object in.
     *
     * @param handle       the claimed slot.
     * @param filled       the result object the handler filled.
     * @param taskSequence the task's sequence.
     * @param workerId     the worker's id.
     * @param status       how the task ended.
     * @param failure      what the handler threw, or null.
     * @return the result object that was in the slot: the worker's next spare.
     */
    R publish(long handle, R filled, long taskSequence, int workerId, OutcomeStatus status, Throwable failure);

    /**
     * Publishes a claimed slot with no outcome in it.
     *
     * @param handle the claimed slot.
     */
    void publishVoid(long handle);

    /**
     * The entry a claimed handle names, to stamp it before {@link #publish}.
     *
     * @param handle a handle from a claim.
     * @return the entry.
     */
    ResultSlot<R> slot(long handle);

    /**
     * Marks a task sequence that will never have an outcome (a void entry), where the order needs every sequence.
     *
     * @param taskSequence the sequence.
     * @param limit        the workers' stop limit: a halt ends the wait for room.
     * @param idle         the worker's idle strategy.
     */
    void skip(long taskSequence, StopLimit limit, IdleStrategy idle);
}
