package io.ringpool;

import com.lmax.disruptor.EventPoller;

/**
 * Reads outcomes from the result ring on the caller's own thread, for a pool built with
 * {@link RingPoolBuilder#pollResults()}. A thin layer over the Disruptor's {@link EventPoller}.
 * <p>
 * <b>Thread safety:</b> one thread polls at a time. Polling still works after the pool terminated, so outcomes a
 * halt left undelivered can be read here.
 * <p>
 * <b>Backpressure:</b> outcomes not polled hold result-ring entries; once the result ring is full, workers wait, then
 * producers. A pool in polling mode must be polled, or drained from another thread than the one that polls.
 *
 * @param <R> the result type.
 */
public interface ResultPoller<R>
{
    /**
     * Receives polled outcomes.
     *
     * @param <R> the result type.
     */
    @FunctionalInterface
    interface Handler<R>
    {
        /**
         * Consumes one outcome; it is reused once this returns.
         *
         * @param outcome    the outcome.
         * @param endOfBatch true for the last outcome available in this poll.
         * @return true to continue with the next available outcome, false to end this poll after this one.
         */
        boolean onOutcome(Outcome<R> outcome, boolean endOfBatch);
    }

    /**
     * Hands every outcome available now, in result-ring order, to the handler; never waits.
     *
     * @param handler receives the outcomes; an exception it throws propagates, and the outcome it was handling
     *                will be polled again.
     * @return {@link EventPoller.PollState#PROCESSING} if at least one outcome was handled,
     *     {@link EventPoller.PollState#GATING} if outcomes are claimed but not yet published, else
     *     {@link EventPoller.PollState#IDLE}.
     */
    EventPoller.PollState poll(Handler<R> handler);
}
