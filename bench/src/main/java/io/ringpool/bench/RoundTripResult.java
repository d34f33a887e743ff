package io.ringpool.bench;

/**
 * The result of a {@link RoundTripTask}: the task's result and the producer that published it. Pre-allocated once per
 * result-ring entry (and per ringpool worker).
 * <p>
 * <b>Thread safety:</b> none of its own; the result ring hands it from the worker that filled it to the result
 * consumer.
 */
public final class RoundTripResult
{
    long value;
    int producer;
}
