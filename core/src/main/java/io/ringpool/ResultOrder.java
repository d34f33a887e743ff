package io.ringpool;

/**
 * The order in which outcomes reach the result consumer.
 */
public enum ResultOrder
{
    /**
     * The order in which workers finish their tasks: each outcome is delivered as soon as it is ready.
     */
    COMPLETION,

    /**
     * Task-sequence order, however the workers finish: an outcome waits for every earlier one. Cancelled, expired and
     * rejected entries take their place in the order, so nothing waits for them. Needs a result ring at least as
     * large as the task ring; the result consumer waits with the pool's idle strategy rather than the result wait
     * strategy.
     */
    SUBMISSION
}
