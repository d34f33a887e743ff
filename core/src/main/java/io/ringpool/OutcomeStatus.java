package io.ringpool;

/**
 * How a task ended, as carried by its {@link Outcome} on the result ring.
 */
public enum OutcomeStatus
{
    /** The handler returned normally; the result object holds what it wrote. */
    COMPLETED,

    /** The handler threw; {@link Outcome#failure()} holds what it threw, and the worker carried on. */
    FAILED,

    /** {@link RingPool#cancel(long)} won before any worker started the task: its handler never ran. */
    CANCELLED,

    /** A worker reached the task after its deadline: its handler never ran. */
    EXPIRED
}
