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
public final class Worker<T, R> implements Runnable
{
    private final int id;
    private final RingBuffer<TaskSlot<T>> ring;
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
    private R spare;

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
        final CountDownLatch started)
    {
        this.id = id;
        this.ring = tasks.ring();
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
        while (true)
        {
            final long sequence = source.next();
            if (sequence == TaskSource.STOP || !process(sequence, source.endOfBatch()))
            {
                return;
            }
            source.done(sequence);
        }
    }

    /**
     * Runs the entry at {@code sequence}, if it is still a task to run.
     *
     * @return false if the worker must stop: the entry was returned by a halt, or the worker was abandoned.
     */
    private boolean process(final long sequence, final boolean endOfBatch)
    {
        final TaskSlot<T> slot = ring.get(sequence);
        if (TaskState.is(slot.stateAcquire(), sequence, TaskState.VOID))
        {
            if (null != results)
            {
                results.skip(sequence, limit, idle);
            }
            return true;
        }

        ticket.begin(sequence);
        final int taken = slot.take(sequence);
        if (taken == TaskSlot.NOT_TAKEN)
        {
            // Returned, or cancelled and settled, by a halt: nothing of ours to run.
            ticket.cancelBegin();
            return false;
        }
        final boolean cancelled = taken == TaskSlot.TAKEN_CANCELLED;

        final T task = slot.task();
        if (cancelled)
        {
            return finish(sequence, OutcomeStatus.CANCELLED, null);
        }
        if (null != deadlines && isExpired(task, sequence))
        {
            return finish(sequence, OutcomeStatus.EXPIRED, null);
        }

        context.sequence = sequence;
        context.endOfBatch = endOfBatch;
        try
        {
            handler.onTask(task, spare, context);
        }
        catch (final Throwable ex)
        {
            if (ex instanceof Error)
            {
                // Before the commit that counts the task: a report that counts it then sees the pool FAILED.
                sink.record(ex);
            }
            Listeners.taskFailed(listener, sink, task, sequence, id, ex);
            final boolean carryOn = finish(sequence, OutcomeStatus.FAILED, ex);
            if (ex instanceof Error)
            {
                sink.fail(ex);
            }
            return carryOn;
        }
        return finish(sequence, OutcomeStatus.COMPLETED, null);
    }

    private boolean isExpired(final T task, final long sequence)
    {
        final long deadline = deadlines.applyAsLong(task);
        return deadline != RingPool.NO_DEADLINE && System.nanoTime() - deadline > 0;
    }

    /**
     * Counts the task as this worker's and publishes its outcome.
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
            spare = results.publish(handle, spare, sequence, id, status, failure);
        }
        ticket.settle(status);
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
        ticket.awaitRoom(status, failure, spare);
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
