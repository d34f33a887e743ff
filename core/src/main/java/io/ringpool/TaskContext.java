package io.ringpool;

/**
 * What a {@link WorkHandler} knows about the task it is running, beside the task itself.
 * <p>
 * <b>Thread safety:</b> each worker has one context object which it updates before every task; read it only on
 * the worker's thread, during {@link WorkHandler#onTask}.
 */
public interface TaskContext
{
    /**
     * The id of the worker running the task: stable for the pool's lifetime, from 0 to workers-1.
     *
     * @return the worker id.
     */
    int workerId();

    /**
     * The task's sequence: the handle returned to the producer that published it.
     *
     * @return the task's sequence.
     */
    long sequence();

    /**
     * Whether this is the last task this worker knows to be available right now: a hint to flush work batched
     * across tasks (a buffered write, a batched send) before waiting for more.
     *
     * @return true if no further task was known to be published when this one was handed over.
     */
    boolean endOfBatch();

    /**
     * The pool's cooperative cancellation signal: true once a halt (or a failure) asks workers to stop. A long task
     * may poll it and return early; a drain does not set it.
     *
     * @return true if the worker should finish the task in hand as soon as it can.
     */
    boolean haltRequested();
}
