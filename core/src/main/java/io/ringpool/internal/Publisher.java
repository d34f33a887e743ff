package io.ringpool.internal;

import com.lmax.disruptor.EventTranslator;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.EventTranslatorThreeArg;
import com.lmax.disruptor.EventTranslatorTwoArg;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * The producer side of the pool: claim, translate, commit.
 * <p>
 * <b>Publishing protocol</b> (docs/protocol.md, section 1). A publish reads the run state, claims its slots with
 * {@code tryNext} (never the Disruptor's blocking {@code next}, which cannot be woken), lets the caller's translator
 * fill the tasks, and then commits: a CAS on the producer's own cell, which a shutdown races (see
 * {@link ProducerCell}), decides whether the tasks are accepted. Accepted slots are published (marked PUBLISHED first
 * in a cancellable pool); rejected ones are marked VOID and published all the same, because a claimed slot that is
 * never published would stall every worker behind it.
 *
 * @param <T> the task type.
 */
public final class Publisher<T>
{
    /** {@link #publishOne}: an {@code EventTranslator}. */
    public static final int NO_ARG = 0;
    /** {@link #publishOne}: an {@code EventTranslatorOneArg}. */
    public static final int ONE_ARG = 1;
    /** {@link #publishOne}: an {@code EventTranslatorTwoArg}. */
    public static final int TWO_ARG = 2;
    /** {@link #publishOne}: an {@code EventTranslatorThreeArg}. */
    public static final int THREE_ARG = 3;

    /** How long a producer waits for room before it looks for the open claims of producers that have ended. */
    static final long ORPHAN_CHECK_NS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1);

    private final TaskRing<T> tasks;
    private final RingBuffer<TaskSlot<T>> ring;
    private final ProducerGate gate;
    private final RunState runState;
    private final PoolThreads poolThreads;
    private final String poolName;
    private final int ringSize;
    private final boolean timeStages;

    /**
     * Makes the publisher of one pool.
     *
     * @param tasks       the task ring.
     * @param gate        the producers' cells.
     * @param runState    the pool's run state.
     * @param poolThreads the pool's own threads, which must not block on a full ring.
     * @param poolName    the pool's name, for error messages.
     * @param timeStages  whether each task is stamped with its publish time.
     */
    Publisher(
        final TaskRing<T> tasks,
        final ProducerGate gate,
        final RunState runState,
        final PoolThreads poolThreads,
        final String poolName,
        final boolean timeStages)
    {
        this.timeStages = timeStages;
        this.tasks = tasks;
        this.ring = tasks.ring();
        this.gate = gate;
        this.runState = runState;
        this.poolThreads = poolThreads;
        this.poolName = poolName;
        this.ringSize = ring.getBufferSize();
    }

    /**
     * Publishes one task.
     *
     * @param timeoutNs  0 to try once, a positive bound on the wait for room, or negative to wait while running.
     * @param kind       {@link #NO_ARG}, {@link #ONE_ARG}, {@link #TWO_ARG} or {@link #THREE_ARG}.
     * @param translator the caller's translator, of the kind given.
     * @param arg0       the first argument, or null.
     * @param arg1       the second argument, or null.
     * @param arg2       the third argument, or null.
     * @return the task's sequence, or -1 if there was no room in time.
     */
    public long publishOne(
        final long timeoutNs, final int kind, final Object translator, final Object arg0, final Object arg1,
        final Object arg2)
    {
        Objects.requireNonNull(translator, "translator");
        final ProducerCell cell = gate.cell();
        final long sequence = claim(cell, 1, timeoutNs);
        if (sequence < 0)
        {
            return sequence;
        }
        cell.translating = true;
        try
        {
            translate(kind, translator, tasks.task(sequence), sequence, arg0, arg1, arg2);
            tasks.route(sequence);
            if (timeStages)
            {
                ring.get(sequence).publishedNanos = System.nanoTime();
            }
        }
        catch (final Throwable ex)
        {
            cell.translating = false;
            abort(sequence, 1);
            cell.countTranslatorFailures(1);
            throw ex;
        }
        cell.translating = false;
        return commit(cell, sequence, 1);
    }

    @SuppressWarnings("unchecked")
    private void translate(
        final int kind, final Object translator, final T task, final long sequence, final Object arg0,
        final Object arg1, final Object arg2)
    {
        switch (kind)
        {
            case ONE_ARG:
                ((EventTranslatorOneArg<T, Object>)translator).translateTo(task, sequence, arg0);
                break;
            case TWO_ARG:
                ((EventTranslatorTwoArg<T, Object, Object>)translator).translateTo(task, sequence, arg0, arg1);
                break;
            case THREE_ARG:
                ((EventTranslatorThreeArg<T, Object, Object, Object>)translator)
                    .translateTo(task, sequence, arg0, arg1, arg2);
                break;
            default:
                ((EventTranslator<T>)translator).translateTo(task, sequence);
                break;
        }
    }

    /**
     * Publishes {@code count} tasks as one batch, accepted or rejected as a whole, with consecutive sequences.
     *
     * @param timeoutNs  as for {@link #publishOne}.
     * @param translator fills each task from its argument.
     * @param args       the arguments; task {@code i} gets {@code args[offset + i]}.
     * @param offset     the first argument to use.
     * @param count      the number of tasks, 1 to the ring size.
     * @param <A>        the argument type.
     * @return the first task's sequence, or -1 if there was no room in time.
     */
    public <A> long publishBatch(
        final long timeoutNs, final EventTranslatorOneArg<T, A> translator, final A[] args, final int offset,
        final int count)
    {
        Objects.requireNonNull(translator, "translator");
        Objects.requireNonNull(args, "args");
        return publishBatch(timeoutNs, ONE_ARG, translator, args, offset, count);
    }

    /**
     * Publishes {@code count} tasks as one batch, each filled by a translator without arguments.
     *
     * @param timeoutNs  as for {@link #publishOne}.
     * @param translator fills each task.
     * @param count      the number of tasks, 1 to the ring size.
     * @return the first task's sequence, or -1 if there was no room in time.
     */
    public long publishBatch(final long timeoutNs, final EventTranslator<T> translator, final int count)
    {
        Objects.requireNonNull(translator, "translator");
        return publishBatch(timeoutNs, NO_ARG, translator, null, 0, count);
    }

    private long publishBatch(
        final long timeoutNs, final int kind, final Object translator, final Object[] args, final int offset,
        final int count)
    {
        if (count < 1 || count > ringSize)
        {
            throw new IllegalArgumentException(
                "count must be in 1.." + ringSize + " (the ring size); was " + count);
        }
        if (null != args && (offset < 0 || offset > args.length - count))
        {
            throw new IllegalArgumentException("offset must be in 0.." + (args.length - count) +
                " for " + count + " tasks from " + args.length + " arguments; was " + offset);
        }
        final ProducerCell cell = gate.cell();
        final long hi = claim(cell, count, timeoutNs);
        if (hi < 0)
        {
            return hi;
        }
        final long lo = hi - count + 1;
        cell.translating = true;
        try
        {
            if (ONE_ARG == kind)
            {
                @SuppressWarnings("unchecked")
                final EventTranslatorOneArg<T, Object> oneArg = (EventTranslatorOneArg<T, Object>)translator;
                for (int i = 0; i < count; i++)
                {
                    final long sequence = lo + i;
                    oneArg.translateTo(tasks.task(sequence), sequence, args[offset + i]);
                    tasks.route(sequence);
                }
            }
            else
            {
                @SuppressWarnings("unchecked")
                final EventTranslator<T> noArg = (EventTranslator<T>)translator;
                for (int i = 0; i < count; i++)
                {
                    final long sequence = lo + i;
                    noArg.translateTo(tasks.task(sequence), sequence);
                    tasks.route(sequence);
                }
            }
            if (timeStages)
            {
                // One clock read for the batch, after its translators: the publish follows at once.
                final long publishedNanos = System.nanoTime();
                for (long sequence = lo; sequence <= hi; sequence++)
                {
                    ring.get(sequence).publishedNanos = publishedNanos;
                }
            }
        }
        catch (final Throwable ex)
        {
            cell.translating = false;
            abort(hi, count);
            cell.countTranslatorFailures(count);
            throw ex;
        }
        cell.translating = false;
        return commit(cell, hi, count);
    }

    /**
     * Claims {@code n} slots, waiting, if {@code timeoutNs} allows, while the ring is full.
     *
     * @param cell      the calling producer's cell.
     * @param n         how many slots, 1 to the ring size.
     * @param timeoutNs 0 to try once, a positive bound, or a negative value to wait as long as the pool runs.
     * @return the highest claimed sequence, or -1 if there was no room in time.
     * @throws RejectedExecutionException if the pool is not running, or the thread is interrupted while waiting.
     * @throws IllegalStateException      if a pool thread would wait for room it may itself be holding.
     */
    long claim(final ProducerCell cell, final int n, final long timeoutNs)
    {
        if (cell.translating || cell.hasClaim())
        {
            throw cell.translating ? nestedPublish(cell) : claimOutstanding(cell);
        }
        if (runState.get() != RunState.RUNNING)
        {
            cell.countRejectedNotRunning(n);
            throw rejected(runState.get());
        }
        try
        {
            final long hi = ring.tryNext(n);
            return hi;
        }
        catch (final InsufficientCapacityException ex)
        {
            if (0 == timeoutNs)
            {
                cell.countTryPublishRefusal();
                return -1L;
            }
            cell.countBackPressureWait();
            return claimSlowPath(cell, n, timeoutNs);
        }
    }

    private long claimSlowPath(final ProducerCell cell, final int n, final long timeoutNs)
    {
        final boolean untilRunning = timeoutNs < 0;
        final Thread caller = Thread.currentThread();
        if (untilRunning && poolThreads.contains(caller))
        {
            throw new IllegalStateException(
                "blocking publish from pool thread '" + caller.getName() + "' into a full ring: it could wait " +
                "forever for room that it holds itself; use tryPublish from pool threads");
        }
        final long deadline = untilRunning ? 0L : System.nanoTime() + timeoutNs;
        long orphanCheck = System.nanoTime() + ORPHAN_CHECK_NS;
        final IdleStrategy idle = cell.idleStrategy;
        idle.reset();
        while (true)
        {
            idle.idle();
            if (System.nanoTime() - orphanCheck >= 0)
            {
                // The ring may be full only because workers wait at the open claim of a producer that has ended.
                gate.voidOrphanedClaims();
                orphanCheck = System.nanoTime() + ORPHAN_CHECK_NS;
            }
            final int state = runState.get();
            if (state != RunState.RUNNING)
            {
                cell.countRejectedNotRunning(n);
                throw rejected(state);
            }
            if (caller.isInterrupted())
            {
                cell.countRejectedInterrupted(n);
                throw new RejectedExecutionException(
                    "pool '" + poolName + "': interrupted while waiting for room in the task ring; the task was " +
                    "not accepted", new InterruptedException());
            }
            try
            {
                final long hi = ring.tryNext(n);
                return hi;
            }
            catch (final InsufficientCapacityException ignore)
            {
                if (!untilRunning && System.nanoTime() - deadline >= 0)
                {
                    cell.countTryPublishRefusal();
                    return -1L;
                }
            }
        }
    }

    /**
     * Accepts or rejects the translated tasks {@code hi-n+1 .. hi} and publishes their slots.
     * <p>
     * The cell's CAS decides acceptance against a shutdown (see {@link ProducerCell}); the run state read after it
     * rejects a publish that won the CAS after the pool stopped running but before the shutdown closed the cell.
     *
     * @param cell the calling producer's cell.
     * @param hi   the highest claimed sequence.
     * @param n    the number of claimed slots.
     * @return the lowest sequence: the handle of the (first) task.
     * @throws RejectedExecutionException if the pool stopped running before the tasks were accepted.
     */
    long commit(final ProducerCell cell, final long hi, final int n)
    {
        final long lo = hi - n + 1;
        if (cell.tryAccept())
        {
            final int state = runState.get();
            if (state == RunState.RUNNING)
            {
                tasks.markAccepted(lo, hi);
                cell.addAccepted(n);
                ring.publish(lo, hi);
                cell.acceptDone();
                return lo;
            }
            abort(hi, n);
            cell.countRejectedNotRunning(n);
            cell.acceptDone();
            throw rejected(state);
        }
        abort(hi, n);
        cell.countRejectedNotRunning(n);
        throw rejected(runState.get());
    }

    /**
     * Publishes claimed slots as VOID: the translator threw, or the tasks were rejected.
     *
     * @param hi the highest claimed sequence.
     * @param n  the number of claimed slots.
     */
    void abort(final long hi, final int n)
    {
        final long lo = hi - n + 1;
        tasks.markVoid(lo, hi);
        ring.publish(lo, hi);
    }

    // ---- claim and commit through a Producer handle ----

    /**
     * A handle on the calling thread's claims. Handles keep no state of their own (the open claim lives in the
     * thread's cell), so every handle of one thread sees the same claim; nothing caches them, so that no producer
     * thread's {@code ThreadLocal} value ever reaches back to the pool.
     *
     * @param factory makes the public handle around the claims.
     * @param <P>     the handle's type.
     * @return a handle on the calling thread's claims.
     * @throws IllegalStateException if a second thread calls this on a single-producer pool.
     */
    public <P> P producer(final java.util.function.Function<Claims<T>, P> factory)
    {
        return factory.apply(new Claims<>(this, gate.cell()));
    }

    /**
     * One producer thread's claims: claim slots, fill their tasks in place, then commit them (accepted or rejected as
     * a whole, as a batch publish is) or abort them (published void). At most one claim is outstanding; no other
     * publish of the thread may claim until it is committed or aborted.
     * <p>
     * <b>Threading:</b> the owner thread only; every method checks.
     *
     * @param <T> the task type.
     */
    public static final class Claims<T>
    {
        private final Publisher<T> publisher;
        private final ProducerCell cell;

        Claims(final Publisher<T> publisher, final ProducerCell cell)
        {
            this.publisher = publisher;
            this.cell = cell;
        }

        /**
         * The thread that owns these claims.
         *
         * @return the thread.
         */
        public Thread owner()
        {
            return cell.owner;
        }

        /**
         * Claims {@code n} consecutive slots.
         *
         * @param n         1 to the ring size.
         * @param timeoutNs 0 to try once, a positive bound on the wait for room, or negative to wait while running.
         * @return the first claimed sequence, or -1 if there was no room in time.
         */
        public long claim(final int n, final long timeoutNs)
        {
            checkOwner();
            if (n < 1 || n > publisher.ringSize)
            {
                throw new IllegalArgumentException("count must be in 1.." + publisher.ringSize +
                    " (the ring size); was " + n);
            }
            final long hi = publisher.claim(cell, n, timeoutNs);
            if (hi < 0)
            {
                return hi;
            }
            final long lo = hi - n + 1;
            cell.holdClaim(lo, hi);
            return lo;
        }

        /**
         * The task of a claimed slot, to fill in place.
         *
         * @param sequence a sequence of the outstanding claim.
         * @return the task object.
         */
        public T task(final long sequence)
        {
            if (sequence < cell.claimedLo || sequence > cell.claimedHi)
            {
                throw notClaimed(sequence);
            }
            return publisher.tasks.task(sequence);
        }

        /**
         * Commits the outstanding claim: its tasks are accepted and published, or, if the pool no longer runs,
         * published void and rejected.
         *
         * @param first the claim's first sequence, as {@link #claim} returned it.
         * @return {@code first}: the handle of the first task.
         */
        public long commit(final long first)
        {
            checkOwner();
            checkFirst(first, "commit");
            final long lo = cell.claimedLo;
            final long hi = cell.claimedHi;
            final int n = (int)(hi - lo + 1);
            try
            {
                // The claim stays open while a keyed pool's key extractor runs: it may not publish either.
                for (long sequence = lo; sequence <= hi; sequence++)
                {
                    publisher.tasks.route(sequence);
                }
                if (publisher.timeStages)
                {
                    final long publishedNanos = System.nanoTime();
                    for (long sequence = lo; sequence <= hi; sequence++)
                    {
                        publisher.ring.get(sequence).publishedNanos = publishedNanos;
                    }
                }
            }
            catch (final Throwable ex)
            {
                cell.clearClaim();
                publisher.abort(hi, n);
                cell.countTranslatorFailures(n);
                throw ex;
            }
            cell.clearClaim();
            return publisher.commit(cell, hi, n);
        }

        /**
         * Gives up the outstanding claim: its slots are published void, so no worker waits for them, and counted as
         * failed publishes.
         *
         * @param first the claim's first sequence, as {@link #claim} returned it.
         */
        public void abort(final long first)
        {
            checkOwner();
            checkFirst(first, "abort");
            final long lo = cell.claimedLo;
            final long hi = cell.claimedHi;
            cell.clearClaim();
            final int n = (int)(hi - lo + 1);
            publisher.abort(hi, n);
            cell.countTranslatorFailures(n);
        }

        /**
         * The outstanding claim's first sequence.
         *
         * @return the sequence, or -1 if no claim is outstanding.
         */
        public long claimedFirst()
        {
            return cell.claimedLo;
        }

        /**
         * The outstanding claim's last sequence.
         *
         * @return the sequence, or -1 if no claim is outstanding.
         */
        public long claimedLast()
        {
            return cell.claimedHi;
        }

        private void checkOwner()
        {
            final Thread caller = Thread.currentThread();
            if (caller != cell.owner)
            {
                throw new IllegalStateException("this Producer belongs to thread '" + cell.owner.getName() +
                    "', not '" + caller.getName() + "': each thread gets its own from pool.producer()");
            }
        }

        private void checkFirst(final long first, final String what)
        {
            if (!cell.hasClaim())
            {
                throw new IllegalStateException("nothing to " + what + ": no claim is outstanding");
            }
            if (first != cell.claimedLo)
            {
                throw new IllegalArgumentException(what + "(" + first + "): the outstanding claim is " +
                    cell.claimedLo + ".." + cell.claimedHi + "; pass its first sequence, " + cell.claimedLo);
            }
        }

        private IllegalArgumentException notClaimed(final long sequence)
        {
            return new IllegalArgumentException("sequence " + sequence + " is not in the outstanding claim" +
                (cell.hasClaim() ? " (" + cell.claimedLo + ".." + cell.claimedHi + ")" : " (there is none)"));
        }
    }

    private static IllegalStateException nestedPublish(final ProducerCell cell)
    {
        return new IllegalStateException("thread '" + cell.owner.getName() + "' published from inside a translator " +
            "of this pool: the outer task's slot is claimed and not yet filled, and a publish in between could hand " +
            "it to a worker unfilled; publish after the translator returns");
    }

    private static IllegalStateException claimOutstanding(final ProducerCell cell)
    {
        return new IllegalStateException("thread '" + cell.owner.getName() + "' holds an uncommitted claim of " +
            "sequences " + cell.claimedLo + ".." + cell.claimedHi + " from its Producer: commit or abort it before " +
            "it publishes or claims again");
    }

    private RejectedExecutionException rejected(final int state)
    {
        return new RejectedExecutionException(
            "pool '" + poolName + "' is " + RunState.toPublic(state) + ": it accepts tasks only while RUNNING");
    }

}
