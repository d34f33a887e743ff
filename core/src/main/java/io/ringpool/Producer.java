package io.ringpool;

import io.ringpool.internal.Publisher;
import io.ringpool.internal.Timeouts;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;

/**
 * One producer thread's claim-and-commit publishing, the Disruptor's own idiom: claim slots, fill their pre-allocated
 * tasks in place, commit. No translator and no boxing, so primitive arguments cost nothing, and a claim of many slots
 * pays the publish's one full fence once for all of them.
 * <pre>{@code
 * Producer<Order> producer = pool.producer();        // a handle for the calling thread; keep it
 * long first = producer.claim(batch);                // waits for room while the pool runs
 * try
 * {
 *     for (int i = 0; i < batch; i++)
 *     {
 *         producer.task(first + i).set(ids[i], prices[i]);
 *     }
 * }
 * catch (RuntimeException ex)
 * {
 *     producer.abort(first);                         // nothing is published; no worker waits for these slots
 *     throw ex;
 * }
 * producer.commit(first);                            // accepted as a whole, or RejectedExecutionException
 * }</pre>
 * <b>Rules.</b>
 * <ul>
 *     <li>A handle from {@link RingPool#producer()} works only on the thread that asked for it (every claim, commit
 *     and abort checks, with an {@link IllegalStateException}).</li>
 *     <li>At most one claim is outstanding per thread, whichever of its handles made it. Until it is committed or
 *     aborted the thread may not claim again nor {@code publish} through the pool ({@link IllegalStateException}):
 *     the ring hands out slots in order, so a later publish would otherwise expose a slot still being filled.</li>
 *     <li>Commit or abort soon. An outstanding claim holds back every worker behind it, exactly as a translator that
 *     has not returned does. A shutdown does not wait for the claim itself: a claim committed after a drain or halt
 *     began throws {@link RejectedExecutionException}, is not accepted, and its slots are published void. Tasks that
 *     other threads published behind it wait with it: a drain runs them once the claim is committed, aborted or
 *     voided, or returns them when its bound runs out.</li>
 *     <li>A thread that ends while it holds a claim stalls the ring only until a producer has waited a millisecond
 *     for room, a thread produces into the pool for the first time (in a single-producer pool: the next producer),
 *     or a shutdown begins: its slots are then published void and counted in
 *     {@link PoolMetrics#translatorFailures()}.</li>
 * </ul>
 * A commit is exactly a batch publish: one accept decision for the whole claim, the same exactness against drain and
 * halt, the same handles (consecutive sequences from {@code first}), and aborted claims are counted as failed
 * publishes.
 * <p>
 * <b>Threading:</b> the owner thread only.
 *
 * @param <T> the task type.
 */
public final class Producer<T>
{
    private final Publisher.Claims<T> claims;

    Producer(final Publisher.Claims<T> claims)
    {
        this.claims = claims;
    }

    /**
     * The thread this handle belongs to.
     *
     * @return the thread.
     */
    public Thread owner()
    {
        return claims.owner();
    }

    /**
     * Claims one slot, waiting while the ring is full, as {@link RingPool#publish} does.
     *
     * @return the slot's sequence: fill {@link #task(long)} and {@link #commit(long)} it.
     * @throws RejectedExecutionException if the pool is not running (or stops while this waits), or the thread is
     *                                    interrupted while it waits (the interrupt flag stays set).
     * @throws IllegalStateException      if a claim is outstanding, if called from another thread, or from a pool
     *                                    thread while the ring is full.
     */
    public long claim()
    {
        return claims.claim(1, -1L);
    }

    /**
     * Claims {@code count} consecutive slots, waiting while the ring has no room for all of them.
     *
     * @param count the number of slots, 1 to the ring size.
     * @return the first slot's sequence; the others follow it.
     * @throws IllegalArgumentException   if {@code count} is out of range.
     * @throws RejectedExecutionException if the pool is not running (or stops while this waits), or the thread is
     *                                    interrupted while it waits (the interrupt flag stays set).
     * @throws IllegalStateException      if a claim is outstanding, if called from another thread, or from a pool
     *                                    thread while the ring is full.
     */
    public long claim(final int count)
    {
        return claims.claim(count, -1L);
    }

    /**
     * Claims one slot if the ring has room now.
     *
     * @return the slot's sequence, or -1 if the ring was full.
     * @throws RejectedExecutionException if the pool is not running.
     * @throws IllegalStateException      if a claim is outstanding, or if called from another thread.
     */
    public long tryClaim()
    {
        return claims.claim(1, 0L);
    }

    /**
     * Claims {@code count} consecutive slots if the ring has room for all of them now.
     *
     * @param count the number of slots, 1 to the ring size.
     * @return the first slot's sequence, or -1 if there was no room.
     * @throws IllegalArgumentException   if {@code count} is out of range.
     * @throws RejectedExecutionException if the pool is not running.
     * @throws IllegalStateException      if a claim is outstanding, or if called from another thread.
     */
    public long tryClaim(final int count)
    {
        return claims.claim(count, 0L);
    }

    /**
     * Claims {@code count} consecutive slots, waiting at most {@code timeout} for room.
     *
     * @param count   the number of slots, 1 to the ring size.
     * @param timeout the longest wait, zero or more; zero tries once.
     * @return the first slot's sequence, or -1 if there was no room in time.
     * @throws IllegalArgumentException   if {@code count} is out of range, or {@code timeout} is null or negative.
     * @throws RejectedExecutionException if the pool is not running (or stops while this waits), or the thread is
     *                                    interrupted while it waits (the interrupt flag stays set).
     * @throws IllegalStateException      if a claim is outstanding, or if called from another thread.
     */
    public long tryClaim(final int count, final Duration timeout)
    {
        return claims.claim(count, Timeouts.nonNegativeNanos(timeout));
    }

    /**
     * The pre-allocated task of a claimed slot, to fill in place before the commit.
     *
     * @param sequence a sequence of the outstanding claim.
     * @return the task object.
     * @throws IllegalArgumentException if {@code sequence} is not in the outstanding claim.
     */
    public T task(final long sequence)
    {
        return claims.task(sequence);
    }

    /**
     * Commits the outstanding claim: its tasks are accepted, as one batch, and workers may start them; if a drain or
     * halt has begun they are published void instead and the commit throws.
     *
     * @param first the claim's first sequence, as the claim returned it.
     * @return {@code first}: the first task's handle, for {@link RingPool#cancel(long)}; the others follow it.
     * @throws RejectedExecutionException if the pool stopped running before the tasks were accepted.
     * @throws IllegalArgumentException   if {@code first} is not the outstanding claim's first sequence.
     * @throws IllegalStateException      if no claim is outstanding, or if called from another thread.
     * @throws RuntimeException           whatever a keyed pool's key extractor throws; the claim is then aborted.
     */
    public long commit(final long first)
    {
        return claims.commit(first);
    }

    /**
     * Gives up the outstanding claim: its slots are published void, so no worker waits for them, and counted in
     * {@link PoolMetrics#translatorFailures()}.
     *
     * @param first the claim's first sequence, as the claim returned it.
     * @throws IllegalArgumentException if {@code first} is not the outstanding claim's first sequence.
     * @throws IllegalStateException    if no claim is outstanding, or if called from another thread.
     */
    public void abort(final long first)
    {
        claims.abort(first);
    }

    /**
     * Whether a claim is outstanding.
     *
     * @return true between a claim and its commit or abort.
     */
    public boolean hasClaim()
    {
        return claims.claimedFirst() >= 0;
    }

    @Override
    public String toString()
    {
        final long first = claims.claimedFirst();
        return "Producer{owner=" + owner().getName() +
            (first >= 0 ? ", claim=" + first + ".." + claims.claimedLast() : ", no claim") + '}';
    }
}
