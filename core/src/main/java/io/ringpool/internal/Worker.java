package io.ringpool.internal;

import com.lmax.disruptor.RingBuffer;
import io.ringpool.FailureListener;
import io.ringpool.OutcomeStatus;
import io.ringpool.RingPool;
import io.ringpool.WorkHandler;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.CountDownLatch;
import java.util.function.ToLongFunction;

/**
 * One worker of the pool: takes the sequences its {@link TaskSource} gives it (work stealing, ID-sequenced or
 * keyed), runs the user's handler on each, and publishes one outcome per task.
 * <p>
 * <b>Starting a task.</b> Before it touches an entry the worker marks its {@link WorkerTicket} BUSY, then CASes the
 * entry from PUBLISHED to STARTED. The CAS is the arbiter against {@code cancel} (PUBLISHED to CANCELLED) and against
 * a halt returning the entry (PUBLISHED to RETURNED): exactly one side wins. A cancelled entry is taken by CAS too
 * (CANCELLED to STARTED), so that its CANCELLED outcome is counted by the worker or by a halt, not both.
 * <p>
 * <b>Finishing it.</b> The worker commits its ticket (the CAS a halt's abandonment races with; see
 * {@link WorkerTicket}), claims a result slot, publishes the outcome and settles the ticket. If the result ring is
 * full it waits with the outcome held in its ticket, where a halt can seize it.
 *
 * @param <T> the task type.
 * @param <R> the result type.
 */
final class Worker<T, R> implements Runnable
{
    /** How many times {@link #nextAtHand()} looks for the next task before the worker goes IDLE to wait for it. */
    static final int LOOKS_BEFORE_IDLE = 64;

    private final int id;
    private final RingBuffer<TaskSlot<T>> ring;
    private final TaskRing<T> tasks;
    private final TaskSource source;
    private final WorkerTicket ticket = new WorkerTicket();
    private final StopLimit limit;
    private final WorkHandler<T, R> handler;
    private final ResultSink<R> results;
    private final ToLongFunction<? super T> deadlines;
    private final IdleStrategy idle;
    private final FailureListener<T> listener;
    private final FailureSink sink;
    private final CountDownLatch started;
    private final WorkerContext context;
    private final boolean cancellable;
    private final boolean timeStages;
    /** The stage stamps of the task just run, in a pool that times stages; handed from {@link #runFrom} to finish. */
    private long stagePublished;
    private long stageStarted;
    private long stageEnded;
    private R spare;
    /** What the handler of the task just run threw; handed from {@link #run} to the caller. */
    private Throwable failure;

    Worker(
        final int id,
        final TaskRing<T> tasks,
        final TaskSource source,
        final StopLimit limit,
        final WorkHandler<T, R> handler,
        final ResultSink<R> results,
        final ToLongFunction<? super T> deadlines,
        final IdleStrategy idle,
        final FailureListener<T> listener,
        final FailureSink sink,
        final CountDownLatch started,
        final boolean cancellable,
        final boolean timeStages)
    {
        this.cancellable = cancellable;
        this.timeStages = timeStages;
        this.id = id;
        this.ring = tasks.ring();
        this.tasks = tasks;
        this.source = source;
        this.limit = limit;
        this.handler = handler;
        this.results = results;
        this.deadlines = deadlines;
        this.idle = idle;
        this.listener = listener;
        this.sink = sink;
        this.started = started;
        this.context = new WorkerContext(id, limit);
        this.spare = null == results ? null : results.newSpare();
    }

    TaskSource source()
    {
        return source;
    }

    WorkerTicket ticket()
    {
        return ticket;
    }

    int id()
    {
        return id;
    }

    /** Wakes the worker if it waits on the ring, so it re-reads the stop limit. */
    void alert()
    {
        source.alert();
    }

    @Override
    public void run()
    {
        try
        {
            handler.onStart(id);
        }
        catch (final Throwable ex)
        {
            sink.fail(new IllegalStateException("handler.onStart(" + id + ") threw on " + threadName(), ex));
            started.countDown();
            return;
        }
        started.countDown();

        try
        {
            work();
        }
        catch (final Throwable ex)
        {
            sink.fail(ex);
        }
        finally
        {
            try
            {
                handler.onShutdown();
            }
            catch (final Throwable ex)
            {
                Listeners.lifecycleFailed(listener, sink, threadName(), ex);
                if (ex instanceof Error)
                {
                    sink.fail(ex);
                }
            }
        }
    }

    private void work()
    {
        long sequence = source.next();
        while (sequence != TaskSource.STOP)
        {
            if (isVoid(sequence))
            {
                skipVoid(sequence);
                source.done(sequence);
                sequence = source.next();
                continue;
            }
            if (!ticket.begin(sequence))
            {
                // Frozen by a halt: the entry is the halt's to return.
                return;
            }
            sequence = runFrom(sequence);
        }
    }

    private boolean isVoid(final long sequence)
    {
        return TaskState.is(ring.get(sequence).stateAcquire(), sequence, TaskState.VOID);
    }

    private void skipVoid(final long sequence)
    {
        if (null != results)
        {
            results.skip(sequence, limit, idle);
        }
    }

    /**
     * Runs the task the ticket holds (BUSY with {@code sequence}), and every task after it that is at hand without a
     * wait, beginning each in the same step that ends the one before.
     *
     * @return the next sequence to wait for and begin from IDLE (the ticket is then IDLE), or {@link TaskSource#STOP}.
     */
    private long runFrom(final long first)
    {
        long sequence = first;
        while (true)
        {
            final TaskSlot<T> slot = ring.get(sequence);
            final OutcomeStatus status;
            Throwable failure = null;
            if (timeStages)
            {
                stagePublished = slot.publishedNanos;
                stageStarted = System.nanoTime();
            }
            if (cancellable)
            {
                final int taken = slot.take(sequence);
                if (taken == TaskSlot.NOT_TAKEN)
                {
                    // Settled by a halt: nothing of ours to run.
                    ticket.cancelBegin();
                    return TaskSource.STOP;
                }
                status = taken == TaskSlot.TAKEN_CANCELLED ? OutcomeStatus.CANCELLED : run(tasks.task(sequence), sequence);
            }
            else
            {
                slot.markStarted(sequence);
                status = run(tasks.task(sequence), sequence);
            }
            if (status == OutcomeStatus.FAILED)
            {
                failure = this.failure;
                this.failure = null;
            }
            if (timeStages)
            {
                stageEnded = System.nanoTime();
            }

            if (null == results && status == OutcomeStatus.COMPLETED && !cancellable)
            {
                // Nothing to publish or count but the count: commit and begin the next task in one CAS.
                final long next = nextAtHand();
                if (next >= 0 && !isVoid(next))
                {
                    if (!ticket.commitAndBegin(next))
                    {
                        return TaskSource.STOP;
                    }
                    source.done(sequence);
                    sequence = next;
                    continue;
                }
                if (!ticket.commitToIdle())
                {
                    return TaskSource.STOP;
                }
                source.done(sequence);
                return next >= 0 || next == TaskSource.STOP ? next : source.next();
            }

            if (!finish(sequence, status, failure))
            {
                return TaskSource.STOP;
            }
            source.done(sequence);
            if (failure instanceof Error)
            {
                // Out of COMMITTING before the pool is failed (which logs): a halt never waits on a logger.
                ticket.settle();
                sink.fail(failure);
                return source.next();
            }
            final long next = nextAtHand();
            if (next >= 0 && !isVoid(next))
            {
                ticket.settleAndBegin(next);
                sequence = next;
                continue;
            }
            ticket.settle();
            return next >= 0 || next == TaskSource.STOP ? next : source.next();
        }
    }

    /**
     * The next sequence if it is at hand, looking again a few times, briefly, if it is not: a producer publishing one
     * task at a time is often a moment behind, and a task found now saves going IDLE and coming back (two CASes
     * instead of one). Engine code only, bounded: a halt that finds the ticket BUSY or COMMITTING meanwhile is held
     * up by at most these few looks.
     *
     * @return a sequence, {@link TaskSource#NONE} or {@link TaskSource#STOP}.
     */
    private long nextAtHand()
    {
        long next = source.tryNext();
        for (int looks = 1; next == TaskSource.NONE && looks < LOOKS_BEFORE_IDLE; looks++)
        {
            Thread.onSpinWait();
            next = source.tryNext();
        }
        return next;
    }

    /**
     * Runs the handler on one task, unless its deadline passed.
     *
     * @return COMPLETED, FAILED (the throwable is left in {@link #failure}) or EXPIRED.
     */
    private OutcomeStatus run(final T task, final long sequence)
    {
        if (null != deadlines && isExpired(task))
        {
            return OutcomeStatus.EXPIRED;
        }
        context.sequence = sequence;
        context.endOfBatch = source.endOfBatch();
        try
        {
            handler.onTask(task, spare, context);
            return OutcomeStatus.COMPLETED;
        }
        catch (final Throwable ex)
        {
            if (ex instanceof Error)
            {
                // Before the commit that counts the task: a report that counts it then sees the pool FAILED.
                sink.record(ex);
            }
            Listeners.taskFailed(listener, sink, task, sequence, id, ex);
            failure = ex;
            return OutcomeStatus.FAILED;
        }
    }

    private boolean isExpired(final T task)
    {
        final long deadline = deadlines.applyAsLong(task);
        return deadline != RingPool.NO_DEADLINE && System.nanoTime() - deadline > 0;
    }

    /**
     * Commits the task, publishes its outcome and counts its status; the ticket is left COMMITTING for the caller to
     * leave.
     *
     * @return false if the worker must stop: a halt abandoned the task, or seized its outcome.
     */
    private boolean finish(final long sequence, final OutcomeStatus status, final Throwable failure)
    {
        if (!ticket.commit())
        {
            return false;
        }
        if (null != results)
        {
            long handle = results.tryClaim(sequence);
            if (handle < 0)
            {
                handle = claimSlowPath(sequence, status, failure);
                if (handle < 0)
                {
                    return false;
                }
            }
            if (timeStages)
            {
                results.slot(handle).stamp(stagePublished, stageStarted, stageEnded);
            }
            spare = results.publish(handle, spare, sequence, id, status, failure);
        }
        ticket.count(status);
        return true;
    }

    /**
     * The result ring is full: wait for room with the outcome held in the ticket, where a halt can seize it (the
     * wait depends on the result consumer, so a halt must not wait for it). A halt also ends the wait: the worker
     * stops at once, and the halt seizes the outcome it left in the ticket.
     *
     * @return the claimed handle, or -1 if a halt seized the outcome (the spare then belongs to the report).
     */
    private long claimSlowPath(final long sequence, final OutcomeStatus status, final Throwable failure)
    {
        ticket.awaitRoom(sequence, status, failure, spare);
        final long handle = results.claim(sequence, ticket, limit, idle);
        if (handle < 0)
        {
            // Seized, or halting: the outcome (and the spare holding it) is the halt's now.
            spare = null;
            return -1L;
        }
        if (!ticket.resumeCommit())
        {
            spare = null;
            results.publishVoid(handle);
            return -1L;
        }
        return handle;
    }

    private static String threadName()
    {
        return Thread.currentThread().getName();
    }
}
