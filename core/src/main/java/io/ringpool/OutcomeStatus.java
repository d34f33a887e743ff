package io.ringpool;

/**
 * How a task ended, as carried by its {@link Outcome} on the result ring.
 */
public enum OutcomeStatus
{
    /** The handler returned normally; the result object holds what it wrote. */
    COMPLETED,

    /** The handler threw; {@link Outcome#failure()} holds what it threw, and the worker carried on. */
    FAILED
}
