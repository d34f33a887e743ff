package io.ringpool.internal;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import io.ringpool.FailureListener;
import io.ringpool.WorkHandler;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.CountDownLatch;

/**
 * One worker of the pool: claims the next task of the ring (work stealing), runs the user's handler on it and
 * publishes its outcome.
 * <p>
 * <b>Claiming.</b> All workers share one work sequence; a worker claims sequence {@code n} by CAS from {@code n-1}.
 * Before each attempt it sets its own gating sequence to {@code n-1}: everything it claimed earlier is finished,
 * and the entry it is about to claim stays protected until it has finished that one too. No producer can overwrite
 * an entry that is claimed and not finished.
 * <p>
 * <b>Stopping.</b> The worker reads the pool's {@link StopLimit} once per entry: it never takes an entry above it.
 * Its barrier is its own, so waking one worker never disturbs another.
 * <p>
 * <b>Accounting.</b> Before starting an entry it marks its {@link WorkerTicket} BUSY, then CASes the entry from
 * PUBLISHED to STARTED (a halt that returned the entry wins that CAS instead). After the handler it claims a result
 * slot and commits the ticket; see {@link WorkerTicket} for why no task is counted twice or lost.
 *
 * @param <T> the task type.
 * @param <R> the result type.
 */
public final class Worker<T, R> implements Runnable
{
    private final int id;
    private final RingBuffer<TaskSlot<T>> ring;
    private final SequenceBarrier barrier;
    private final Sequence workSequence;
    private final Sequence sequence = new Sequence();
    private final WorkerTicket ticket = new WorkerTicket();
    private final StopLimit limit;
    private final WorkHandler<T, R> handler;
    private final ResultRing<R> results;
    private final IdleStrategy idle;
    private final FailureListener<T> listener;
    private final FailureSink sink;
    private final CountDownLatch started;
    private final WorkerContext context;
    private R spare;

    Worker(
        final int id,
        final TaskRing<T> tasks,
        final Sequence workSequence,
        final StopLimit limit,
        final WorkHandler<T, R> handler,
        final ResultRing<R> results,
        final IdleStrategy idle,
        final FailureListener<T> listener,
        final FailureSink sink,
        final CountDownLatch started)
    {
        this.id = id;
        this.ring = tasks.ring();
        this.barrier = ring.newBarrier();
        this.workSequence = workSequence;
        this.limit = limit;
        this.handler = handler;
        this.results = results;
        this.idle = idle;
        this.listener = listener;
        this.sink = sink;
        this.started = started;
        this.context = new WorkerContext(id);
        this.spare = null == results ? null : results.newSpare();
    }

    /**
     * This worker's gating sequence on the task ring.
     *
     * @return the sequence.
     */
    Sequence sequence()
    {
        return sequence;
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
        barrier.alert();
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
        long available = -1L;
        long next = claim();
        while (next <= limit.get())
        {
            if (available < next)
            {
                available = await(next, available);
                continue;
            }
            if (!process(next, next == available))
            {
                return;
            }
            next = claim();
        }
    }

    private long claim()
    {
        long next;
        do
        {
            next = workSequence.get() + 1L;
            sequence.set(next - 1L);
        }
        while (!workSequence.compareAndSet(next - 1L, next));
        return next;
    }

    private long await(final long next, final long available)
    {
        try
        {
            final long published = barrier.waitFor(next);
            if (published < next)
            {
                // A multi-producer claim below ours is not published yet: the wait strategy returned at once.
                Thread.onSpinWait();
            }
            return published;
        }
        catch (final AlertException ex)
        {
            // Cleared before the caller re-reads the limit: an alert raised after this clear stays raised.
            barrier.clearAlert();
        }
        catch (final TimeoutException | InterruptedException ex)
        {
            // re-read the limit and wait again
        }
        return available;
    }

    /**
     * Runs the task at {@code sequence}, if it is still a task to run.
     *
     * @return false if the worker must stop: the entry was returned by a halt, or the worker was abandoned.
     */
    private boolean process(final long sequence, final boolean endOfBatch)
    {
        final TaskSlot<T> slot = ring.get(sequence);
        final long word = slot.stateAcquire();
        if (!TaskState.is(word, sequence, TaskState.PUBLISHED))
        {
            return TaskState.is(word, sequence, TaskState.VOID);
        }

        ticket.begin(sequence);
        if (!slot.casState(word, TaskState.pack(sequence, TaskState.STARTED)))
        {
            ticket.cancelBegin();
            return false;
        }

        final T task = slot.task();
        context.sequence = sequence;
        context.endOfBatch = endOfBatch;
        Throwable failure = null;
        try
        {
            handler.onTask(task, spare, context);
        }
        catch (final Throwable ex)
        {
            failure = ex;
            Listeners.taskFailed(listener, sink, task, sequence, id, ex);
        }
        return finish(sequence, failure);
    }

    private boolean finish(final long sequence, final Throwable failure)
    {
        if (null != results)
        {
            final long resultSequence = results.claim(ticket, idle);
            if (resultSequence < 0)
            {
                return false;
            }
            if (!ticket.commit())
            {
                results.publishVoid(resultSequence);
                return false;
            }
            spare = results.publish(resultSequence, spare, sequence, id, failure);
        }
        else if (!ticket.commit())
        {
            return false;
        }
        ticket.settle(null != failure);

        if (failure instanceof Error)
        {
            sink.fail(failure);
        }
        return true;
    }

    private static String threadName()
    {
        return Thread.currentThread().getName();
    }
}
