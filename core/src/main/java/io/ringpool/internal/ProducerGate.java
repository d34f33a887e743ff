package io.ringpool.internal;

import org.agrona.concurrent.IdleStrategy;

import java.util.function.Supplier;

/**
 * Finds the calling producer's {@link ProducerCell}, and lets a shutdown see every cell.
 * <p>
 * Two forms: {@link #single} enforces the single-producer promise (the Disruptor checks it only under {@code -ea})
 * with one reference comparison per publish; {@link #multi} gives each producing thread its own cell through a
 * {@link ThreadLocal}, so producers never write a shared line to announce a publish.
 */
abstract class ProducerGate
{
    final Supplier<IdleStrategy> idleStrategies;
    private final TaskRing<?> tasks;
    /** Set under the gate's lock by {@link #closeAll}: cells made afterwards are born closed. */
    boolean closed;

    ProducerGate(final Supplier<IdleStrategy> idleStrategies, final TaskRing<?> tasks)
    {
        this.idleStrategies = idleStrategies;
        this.tasks = tasks;
    }

    /**
     * A producer thread that has ended while it held an uncommitted {@code Producer} claim: its slots are published
     * void, so that no worker waits for them, and counted as failed publishes. Its thread has ended, which orders
     * everything it did before this. Under the gate's lock: a shutdown's {@link #closeAll} and a new producer's
     * registration may both find the same dead cell, and only the first may publish its slots (a second publish of
     * them could land on the ring's next lap).
     *
     * @param dead a cell whose owner is no longer alive.
     */
    final synchronized void voidOrphanedClaim(final ProducerCell dead)
    {
        if (dead.hasClaim())
        {
            final long lo = dead.claimedLo;
            final long hi = dead.claimedHi;
            dead.clearClaim();
            dead.countTranslatorFailures((int)(hi - lo + 1));
            tasks.markVoid(lo, hi);
            tasks.ring().publish(lo, hi);
        }
    }

    /**
     * The calling thread's cell.
     *
     * @return the cell.
     * @throws IllegalStateException if a second thread publishes into a single-producer pool.
     */
    public abstract ProducerCell cell();

    /**
     * Closes every cell, present and future, for a shutdown: once this returns no publish can be accepted, and every
     * publish that was accepted is in the ring, published. Waits, without a deadline, only for accepting windows in
     * progress, which run engine code alone (see {@link ProducerCell}); never for a translator.
     *
     * @param caller the shutdown's thread.
     * @return the names of producer threads whose window could not be waited out (they died inside it), empty
     *     normally.
     */
    public java.util.List<String> closeAll(final Thread caller)
    {
        final ProducerCell[] cells;
        synchronized (this)
        {
            closed = true;
            cells = cells();
        }
        final java.util.List<String> abandoned = new java.util.ArrayList<>(0);
        for (final ProducerCell cell : cells)
        {
            if (cell.owner != caller && !cell.owner.isAlive())
            {
                voidOrphanedClaim(cell);
            }
            if (cell.close(caller) == ProducerCell.WINDOW_ABANDONED)
            {
                abandoned.add(cell.owner.getName());
            }
        }
        return abandoned;
    }

    /**
     * Every cell that may have accepted a task or be mid-publish. Allocates: for shutdown only.
     *
     * @return a snapshot of the cells.
     */
    public abstract ProducerCell[] cells();

    /**
     * Tasks accepted by every producer so far. Exact once no publish is in flight and the pool no longer runs.
     *
     * @return the number of accepted tasks.
     */
    public abstract long acceptedTotal();

    /**
     * Adds every producer's counts, those of ended producers included, into a metrics sample. Takes the gate's lock
     * (uncontended but for a producer registering); allocates nothing.
     *
     * @param into a pool sample, indexed by {@link Sample}.
     */
    public abstract void addCountsTo(long[] into);

    /**
     * Publishes void the open claims of every producer thread that has ended holding one ({@link #voidOrphanedClaim}),
     * for a producer that waits for room: the ring may be full only because workers wait at such a claim.
     */
    final synchronized void voidOrphanedClaims()
    {
        for (final ProducerCell cell : cells())
        {
            if (!cell.owner.isAlive())
            {
                voidOrphanedClaim(cell);
            }
        }
    }

    /**
     * A gate for a pool whose caller promised a single producing thread.
     *
     * @param idleStrategies where the producer's idle strategy comes from.
     * @param tasks          the task ring, to void the claim of a producer that ended holding one.
     * @return the gate.
     */
    public static ProducerGate single(final Supplier<IdleStrategy> idleStrategies, final TaskRing<?> tasks)
    {
        return new Single(idleStrategies, tasks);
    }

    /**
     * A gate for a pool with any number of producing threads.
     *
     * @param idleStrategies where each producer's idle strategy comes from.
     * @param tasks          the task ring, to void the claim of a producer that ended holding one.
     * @return the gate.
     */
    public static ProducerGate multi(final Supplier<IdleStrategy> idleStrategies, final TaskRing<?> tasks)
    {
        return new Multi(idleStrategies, tasks);
    }

    private static void addRetired(final long[] retired, final long[] into)
    {
        into[Sample.PUBLISHED] += retired[Sample.PUBLISHED];
        into[Sample.REJECTED_NOT_RUNNING] += retired[Sample.REJECTED_NOT_RUNNING];
        into[Sample.REJECTED_INTERRUPTED] += retired[Sample.REJECTED_INTERRUPTED];
        into[Sample.TRANSLATOR_FAILURES] += retired[Sample.TRANSLATOR_FAILURES];
        into[Sample.BACK_PRESSURE_WAITS] += retired[Sample.BACK_PRESSURE_WAITS];
        into[Sample.TRY_PUBLISH_REFUSALS] += retired[Sample.TRY_PUBLISH_REFUSALS];
    }

    private static final class Single extends ProducerGate
    {
        /** Plain read on the fast path: a stale null or another thread only sends a caller to the locked path. */
        private ProducerCell current;
        private long retiredAccepted;
        private final long[] retiredCounts = new long[Sample.POOL_LENGTH];

        Single(final Supplier<IdleStrategy> idleStrategies, final TaskRing<?> tasks)
        {
            super(idleStrategies, tasks);
        }

        @Override
        public ProducerCell cell()
        {
            final ProducerCell cell = current;
            if (null != cell && cell.owner == Thread.currentThread())
            {
                return cell;
            }
            return ownSlowPath();
        }

        private synchronized ProducerCell ownSlowPath()
        {
            final Thread caller = Thread.currentThread();
            final ProducerCell cell = current;
            if (null != cell && cell.owner == caller)
            {
                return cell;
            }
            if (null != cell)
            {
                // Thread.isAlive() == false orders everything the old producer did before this takeover.
                if (cell.owner.isAlive() || cell.stateAcquire() == ProducerCell.ACCEPTING)
                {
                    throw new IllegalStateException(
                        "producerType SINGLE: thread '" + caller.getName() + "' published, but thread '" +
                        cell.owner.getName() + "' is this pool's producer; build the pool with ProducerType.MULTI " +
                        "to publish from several threads");
                }
                voidOrphanedClaim(cell);
                retiredAccepted += cell.acceptedAcquire();
                cell.addCountsTo(retiredCounts);
            }
            final ProducerCell owned = new ProducerCell(caller, idleStrategies.get(), closed);
            current = owned;
            return owned;
        }

        @Override
        public synchronized ProducerCell[] cells()
        {
            return null == current ? new ProducerCell[0] : new ProducerCell[]{ current };
        }

        @Override
        public synchronized long acceptedTotal()
        {
            return retiredAccepted + (null == current ? 0 : current.acceptedAcquire());
        }

        @Override
        public synchronized void addCountsTo(final long[] into)
        {
            addRetired(retiredCounts, into);
            if (null != current)
            {
                current.addCountsTo(into);
            }
        }
    }

    private static final class Multi extends ProducerGate
    {
        private final ThreadLocal<ProducerCell> cellOfThread = new ThreadLocal<>();
        private ProducerCell[] registered = new ProducerCell[0];
        private long retiredAccepted;
        private final long[] retiredCounts = new long[Sample.POOL_LENGTH];

        Multi(final Supplier<IdleStrategy> idleStrategies, final TaskRing<?> tasks)
        {
            super(idleStrategies, tasks);
        }

        @Override
        public ProducerCell cell()
        {
            final ProducerCell cell = cellOfThread.get();
            return null != cell ? cell : register();
        }

        private synchronized ProducerCell register()
        {
            pruneTerminated();
            final ProducerCell cell = new ProducerCell(Thread.currentThread(), idleStrategies.get(), closed);
            final ProducerCell[] grown = java.util.Arrays.copyOf(registered, registered.length + 1);
            grown[registered.length] = cell;
            registered = grown;
            cellOfThread.set(cell);
            return cell;
        }

        /** Folds the cells of producer threads that have ended into one count, so short-lived producers do not leak. */
        private void pruneTerminated()
        {
            int live = 0;
            final ProducerCell[] cells = registered;
            for (final ProducerCell cell : cells)
            {
                if (!cell.owner.isAlive() && cell.stateAcquire() != ProducerCell.ACCEPTING)
                {
                    voidOrphanedClaim(cell);
                    retiredAccepted += cell.acceptedAcquire();
                    cell.addCountsTo(retiredCounts);
                }
                else
                {
                    cells[live++] = cell;
                }
            }
            if (live != cells.length)
            {
                registered = java.util.Arrays.copyOf(cells, live);
            }
        }

        @Override
        public synchronized ProducerCell[] cells()
        {
            return registered.clone();
        }

        @Override
        public synchronized void addCountsTo(final long[] into)
        {
            addRetired(retiredCounts, into);
            for (final ProducerCell cell : registered)
            {
                cell.addCountsTo(into);
            }
        }

        @Override
        public synchronized long acceptedTotal()
        {
            long total = retiredAccepted;
            for (final ProducerCell cell : registered)
            {
                total += cell.acceptedAcquire();
            }
            return total;
        }
    }
}
