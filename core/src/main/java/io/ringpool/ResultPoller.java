package io.ringpool;

import com.lmax.disruptor.EventPoller;

import java.time.Duration;

/**
 * Reads outcomes from the result ring on the caller's own thread, for a pool built with
 * {@link RingPoolBuilder#pollResults()}. A thin layer over the Disruptor's {@link EventPoller}.
 * <p>
 * <b>Thread safety:</b> one thread polls at a time.
 * <p>
 * <b>Exactly once.</b> Each outcome is handed to the poll handler at most once, and an outcome that a drain or halt
 * lists in {@link ShutdownReport#undeliveredResults()} is never handed out: once the report is made, a poll hands
 * out nothing and returns {@link EventPoller.PollState#IDLE}. A drain called from another thread waits, within its
 * timeout, until the thread that polls has taken every outcome (if a live thread other than the drain's has polled);
 * a drain called from the polling thread does not wait for polls, and lists what is left as undelivered.
 * <p>
 * <b>Backpressure:</b> outcomes not polled hold result-ring entries; once the result ring is full, workers wait, then
 * producers. A pool in polling mode must be polled while it runs. A drain that finds a worker waiting for room while
 * no other live thread polls (it is called from the polling thread, or nobody polled) cannot finish: it falls back to
 * a halt at once, whose report lists the outcomes the workers held as undelivered.
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
     *                will be polled again (unless a drain or halt made its report meanwhile, which then counts
     *                that outcome as handed over).
     * @return {@link EventPoller.PollState#PROCESSING} if at least one outcome was handled,
     *     {@link EventPoller.PollState#GATING} if outcomes are claimed but not yet published, else
     *     {@link EventPoller.PollState#IDLE} (always, once the pool's report is made).
     */
    EventPoller.PollState poll(Handler<R> handler);

    /**
     * Waits up to {@code timeout} for an outcome, then hands every outcome available, in result-ring order, to the
     * handler: the poll to call in a loop instead of spinning on {@link #poll(Handler)}.
     * <p>
     * Between empty polls the calling thread spins briefly, then yields, then parks for 1 µs, doubling up to 100 µs,
     * so an outcome that arrives while it waits is handed over within about 100 µs. It returns at once, without
     * waiting out the timeout, once the pool's report is made or if the thread is interrupted (the interrupt flag
     * stays set). {@link Duration#ZERO} polls once, as {@link #poll(Handler)} does.
     *
     * @param handler receives the outcomes, as for {@link #poll(Handler)}.
     * @param timeout the longest wait for the first outcome, non-negative.
     * @return {@link EventPoller.PollState#PROCESSING} if at least one outcome was handled, else
     *     {@link EventPoller.PollState#GATING} if outcomes were claimed but not yet published when it gave up, else
     *     {@link EventPoller.PollState#IDLE}.
     * @throws IllegalArgumentException if {@code timeout} is null or negative.
     * @throws NullPointerException     if {@code handler} is null.
     */
    EventPoller.PollState poll(Handler<R> handler, Duration timeout);
}
