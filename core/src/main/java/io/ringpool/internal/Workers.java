package io.ringpool.internal;

import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.util.Util;
import io.ringpool.AbandonedTask;
import io.ringpool.FailureListener;
import io.ringpool.WorkHandler;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import java.util.function.Supplier;

/**
 * A fixed set of {@link Worker}s with stable ids 0..N-1, each fed by its own {@link TaskSource}.
 * <p>
 * This replaces the {@code WorkerPool} that Disruptor 4 removed, without its known failures: a halt never loses a
 * claimed entry, a worker halted before its thread ran does not run forever, a handler's exception never kills a
 * worker, and every worker has its own barrier.
 *
 * @param <T> the task type.
 * @param <R> the result type.
 */
final class Workers<T, R>
{
    private final List<Worker<T, R>> workers;
    private final List<Thread> threads = new ArrayList<>();

    Workers(
        final int count,
        final TaskRing<T> tasks,
        final TaskSource.Factory sources,
        final IntFunction<WorkHandler<T, R>> handlers,
        final ResultSink<R> results,
        final ToLongFunction<? super T> deadlines,
        final Supplier<IdleStrategy> idleStrategies,
        final FailureListener<T> listener,
        final FailureSink sink,
        final StopLimit limit,
        final CountDownLatch started,
        final boolean cancellable,
        final boolean timeStages)
    {
        final List<Worker<T, R>> made = new ArrayList<>(count);
        final Sequence[] gating = new Sequence[count];
        for (int id = 0; id < count; id++)
        {
            final WorkHandler<T, R> handler = handlers.apply(id);
            if (null == handler)
            {
                throw new IllegalArgumentException("handlerFactory returned null for worker " + id);
            }
            final TaskSource source = sources.create(tasks, limit, id, count);
            final Worker<T, R> worker = new Worker<>(
                id, tasks, source, limit, handler, results, deadlines, idleStrategies.get(), listener, sink, started, cancellable,
                timeStages);
            made.add(worker);
            gating[id] = source.sequence();
        }
        this.workers = List.copyOf(made);
        tasks.ring().addGatingSequences(gating);
    }

    List<Worker<T, R>> list()
    {
        return workers;
    }

    /**
     * Makes the worker threads (without starting them).
     *
     * @param poolName    the pool's name: threads are named {@code <poolName>-worker-<id>}.
     * @param factory     the thread factory.
     * @param poolThreads the registry of pool threads.
     */
    void createThreads(final String poolName, final ThreadFactory factory, final PoolThreads poolThreads)
    {
        for (final Worker<T, R> worker : workers)
        {
            threads.add(poolThreads.create(factory, poolName + "-worker-" + worker.id(), worker));
        }
    }

    List<Thread> threads()
    {
        return threads;
    }

    void alertAll()
    {
        for (final Worker<T, R> worker : workers)
        {
            worker.alert();
        }
    }

    /**
     * The lowest gating sequence: every task at or below it is finished.
     *
     * @return the minimum of the workers' sequences.
     */
    long minimumSequence()
    {
        final Sequence[] sequences = new Sequence[workers.size()];
        for (int i = 0; i < sequences.length; i++)
        {
            sequences[i] = workers.get(i).source().sequence();
        }
        return Util.getMinimumSequence(sequences);
    }

    /**
     * A halt's (or drain's) account of the workers: freezes every ticket, so that no worker begins another task, and
     * collects what each held. In a cancellable pool a task begun but not yet taken has its entry settled here, by
     * CAS against the worker's take.
     *
     * @param tasks       the task ring.
     * @param caller      the shutdown's thread.
     * @param cancellable whether tasks are taken by CAS on their entry.
     * @param returned    receives tasks whose entry this settles (cancellable pools).
     * @param cancelled   receives cancelled sequences this settles (cancellable pools).
     * @return the settlement.
     */
    @SuppressWarnings("unchecked")
    Settlement<R> settle(
        final TaskRing<T> tasks,
        final Thread caller,
        final boolean cancellable,
        final List<io.ringpool.ReturnedTask<T>> returned,
        final List<Long> cancelled)
    {
        final Settlement<R> settlement = new Settlement<>(workers.size());
        final WorkerTicket.EntrySettler settler =
            cancellable ? sequence -> tasks.settleOne(sequence, returned, cancelled) : null;
        for (int i = 0; i < workers.size(); i++)
        {
            final Worker<T, R> worker = workers.get(i);
            final WorkerTicket ticket = worker.ticket();
            final Thread thread = i < threads.size() ? threads.get(i) : null;
            final int settled = ticket.freeze(settler, thread == caller ? null : thread);
            final long word = ticket.wordAcquire();
            if (settled == WorkerTicket.TASK_ABANDONED)
            {
                final long sequence = ticket.heldBy(word);
                settlement.held[i] = sequence;
                settlement.abandoned.add(new AbandonedTask(sequence, worker.id()));
            }
            else if (settled == WorkerTicket.OUTCOME_SEIZED)
            {
                final io.ringpool.OutcomeStatus status = ticket.pendingStatus;
                settlement.seized.add(new SettledOutcome<>(
                    (R)ticket.pendingResult, ticket.pendingSequence, worker.id(), status, ticket.pendingFailure));
                settlement.count(status);
            }
            else if (settled == WorkerTicket.WORKER_DIED)
            {
                settlement.problem = "worker " + worker.id() + " died while committing a task: its outcome is " +
                    "counted but may not have reached the result ring";
            }
            settlement.processed += WorkerTicket.processedOf(word);
            settlement.failed += ticket.failedAcquire();
            settlement.cancelled += ticket.cancelledAcquire();
            settlement.expired += ticket.expiredAcquire();
        }
        return settlement;
    }

    boolean anyResultWriterAlive(final Thread caller)
    {
        for (int i = 0; i < threads.size(); i++)
        {
            final Thread thread = threads.get(i);
            if (thread != caller && thread.isAlive() &&
                WorkerTicket.phaseOf(workers.get(i).ticket().wordAcquire()) != WorkerTicket.ABANDONED)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a worker holds an outcome while it waits for room in a full result ring.
     *
     * @return true if one does now.
     */
    boolean anyAwaitingRoom()
    {
        for (final Worker<T, R> worker : workers)
        {
            if (WorkerTicket.phaseOf(worker.ticket().wordAcquire()) == WorkerTicket.AWAITING_ROOM)
            {
                return true;
            }
        }
        return false;
    }

    /** What {@link #settle} found. */
    static final class Settlement<R>
    {
        final List<AbandonedTask> abandoned = new ArrayList<>();
        /** Per worker, the sequence its frozen ticket holds (abandoned), or -1. */
        final long[] held;
        final List<io.ringpool.Outcome<R>> seized = new ArrayList<>();
        long processed;
        long failed;
        long cancelled;
        long expired;
        String problem;

        Settlement(final int workers)
        {
            held = new long[workers];
            java.util.Arrays.fill(held, -1L);
        }

        void count(final io.ringpool.OutcomeStatus status)
        {
            switch (status)
            {
                case FAILED:
                    failed++;
                    break;
                case CANCELLED:
                    cancelled++;
                    break;
                case EXPIRED:
                    expired++;
                    break;
                default:
                    break;
            }
        }
    }
}
