package io.ringpool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of one task submitted to a {@link RingPoolExecutor}, and the {@link Runnable} its ring entry holds: the
 * one object {@code submit} allocates.
 * <pre>
 *   NEW ──run()──► RUNNING ──task returned──► NORMAL
 *    │                │     ──task threw────► EXCEPTIONAL
 *    │                ├──cancel(false)──► CANCELLED       (the task runs on; its outcome is dropped)
 *    │                └──cancel(true)───► INTERRUPTING ──interrupt delivered──► INTERRUPTED
 *    └──cancel(any)──► CANCELLED                          (never runs; the pool's own cancel skips its entry)
 * </pre>
 * Every move is a compare-and-set on {@code state}, except INTERRUPTING to INTERRUPTED, which only the canceller that
 * made INTERRUPTING writes.
 * <p>
 * <b>Who is interrupted.</b> {@code run()} records its thread (the runner) before it moves NEW to RUNNING, and
 * {@code cancel(true)} interrupts the runner only after moving RUNNING to INTERRUPTING. A runner whose task ended
 * finds INTERRUPTING when its own RUNNING-to-outcome CAS fails, and waits for INTERRUPTED before {@code run()}
 * returns: the interrupt therefore always lands while this task's {@code run()} is on the runner's stack, never on a
 * later task of the same thread. The worker clears it once {@code run()} returned ({@link ExecutorWorkHandler}).
 * <p>
 * <b>Memory order.</b> The runner writes the outcome before the CAS that publishes it; {@code get()} reads the state
 * (volatile) before the outcome: everything the task did happens-before {@code get()} returns.
 * <p>
 * <b>Waiting.</b> {@code get()} on an unfinished future makes a lock object once (the only allocation after
 * {@code submit}) and waits on it; a finisher that finds a lock notifies it. A waiter publishes the lock before it
 * reads the state, and a finisher writes the state before it reads the lock, both volatile, so one of them sees the
 * other: no wake-up is lost.
 *
 * @param <V> the task's result type.
 */
final class ExecutorFuture<V> implements RunnableFuture<V>
{
    static final int NEW = 0;
    static final int RUNNING = 1;
    static final int NORMAL = 2;
    static final int EXCEPTIONAL = 3;
    static final int CANCELLED = 4;
    static final int INTERRUPTING = 5;
    static final int INTERRUPTED = 6;

    private static final VarHandle STATE;
    private static final VarHandle RUNNER;
    private static final VarHandle WAIT_LOCK;
    private static final VarHandle SEQUENCE;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(ExecutorFuture.class, "state", int.class);
            RUNNER = lookup.findVarHandle(ExecutorFuture.class, "runner", Thread.class);
            WAIT_LOCK = lookup.findVarHandle(ExecutorFuture.class, "waitLock", Object.class);
            SEQUENCE = lookup.findVarHandle(ExecutorFuture.class, "sequence", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final RingPool<?, ?> pool;
    private final boolean isCallable;
    private volatile int state;
    /** The Callable or Runnable; dropped once the future is done. */
    private Object task;
    /** The result, or what the task threw; for a Runnable, the given result until the task ends. */
    private Object outcome;
    private volatile Thread runner;
    /**
     * What {@code get()} waits on: null until a caller has to wait. For a future of an {@code invokeAny} call it is
     * the call's {@link FirstSuccess} group from the start, told when the future is done; sharing the field keeps
     * the future at 48 bytes (with compressed references), since this is what {@code submit} allocates.
     */
    private volatile Object waitLock;
    /** The task's ring sequence once published, -1 before; written with release, read with acquire. */
    @SuppressWarnings("unused")
    private long sequence = -1L;

    ExecutorFuture(final RingPool<?, ?> pool, final Callable<V> callable)
    {
        this.pool = pool;
        this.isCallable = true;
        this.task = callable;
    }

    ExecutorFuture(final RingPool<?, ?> pool, final Runnable runnable, final V result)
    {
        this.pool = pool;
        this.isCallable = false;
        this.task = runnable;
        this.outcome = result;
    }

    /**
     * Records the ring sequence the publish returned, the handle of the pool's own cancel.
     *
     * @param published the sequence.
     */
    void published(final long published)
    {
        SEQUENCE.setRelease(this, published);
    }

    /**
     * Joins an invokeAny group; before the future is published.
     *
     * @param joined the group.
     */
    void joinGroup(final FirstSuccess<V> joined)
    {
        this.waitLock = joined;
    }

    @Override
    public void run()
    {
        if (state != NEW || !RUNNER.compareAndSet(this, null, Thread.currentThread()))
        {
            return;
        }
        final Object work = task;
        if (!STATE.compareAndSet(this, NEW, RUNNING))
        {
            return;
        }
        Object result;
        int end;
        try
        {
            result = call(work);
            end = NORMAL;
        }
        catch (final Throwable ex)
        {
            result = ex;
            end = EXCEPTIONAL;
        }
        outcome = result;
        if (STATE.compareAndSet(this, RUNNING, end))
        {
            finish();
        }
        else
        {
            outcome = null;
            awaitCancellerInterrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private Object call(final Object work) throws Exception
    {
        if (isCallable)
        {
            return ((Callable<V>)work).call();
        }
        ((Runnable)work).run();
        return outcome;
    }

    /** A cancel(true) won against the end of the task: wait until its interrupt is delivered, so it hits this task. */
    private void awaitCancellerInterrupt()
    {
        while (state == INTERRUPTING)
        {
            // The canceller is between its CAS and its store, with one Thread.interrupt() in between.
            Thread.yield();
        }
    }

    @Override
    public boolean cancel(final boolean mayInterruptIfRunning)
    {
        while (true)
        {
            final int current = state;
            if (current == NEW)
            {
                if (STATE.compareAndSet(this, NEW, CANCELLED))
                {
                    withdraw();
                    finish();
                    return true;
                }
            }
            else if (current == RUNNING)
            {
                if (mayInterruptIfRunning)
                {
                    if (STATE.compareAndSet(this, RUNNING, INTERRUPTING))
                    {
                        interruptRunner();
                        finish();
                        return true;
                    }
                }
                else if (STATE.compareAndSet(this, RUNNING, CANCELLED))
                {
                    finish();
                    return true;
                }
            }
            else
            {
                return false;
            }
        }
    }

    private void interruptRunner()
    {
        try
        {
            final Thread running = runner;
            if (null != running)
            {
                running.interrupt();
            }
        }
        finally
        {
            state = INTERRUPTED;
        }
    }

    /**
     * The task will never run: tell the pool, so its worker skips the entry (and a halt counts it cancelled rather
     * than returning it). A lost race (a worker already took the entry) is harmless: {@code run()} finds the state
     * CANCELLED and does nothing. A future not yet published (-1) has no entry to skip.
     */
    private void withdraw()
    {
        final long published = (long)SEQUENCE.getAcquire(this);
        if (published >= 0)
        {
            pool.cancel(published);
        }
    }

    /** After the final state is written: drop the task, tell the group if any, wake the waiters. */
    @SuppressWarnings("unchecked")
    private void finish()
    {
        task = null;
        final Object lock = waitLock;
        if (lock instanceof FirstSuccess)
        {
            ((FirstSuccess<V>)lock).onDone(this);
        }
        if (null != lock)
        {
            synchronized (lock)
            {
                lock.notifyAll();
            }
        }
    }

    @Override
    public boolean isCancelled()
    {
        return state >= CANCELLED;
    }

    @Override
    public boolean isDone()
    {
        return state > RUNNING;
    }

    /**
     * Whether the task ended by returning, so {@link #resultOfDone()} may be read.
     *
     * @return true once the state is NORMAL.
     */
    boolean succeeded()
    {
        return state == NORMAL;
    }

    /**
     * What the task threw, for a future that ended EXCEPTIONAL.
     *
     * @return the throwable, or null in any other state.
     */
    Throwable failureOfDone()
    {
        return state == EXCEPTIONAL ? (Throwable)outcome : null;
    }

    /**
     * The result of a future that {@link #succeeded()}.
     *
     * @return the result.
     */
    @SuppressWarnings("unchecked")
    V resultOfDone()
    {
        return (V)outcome;
    }

    @Override
    public V get() throws InterruptedException, ExecutionException
    {
        int current = state;
        if (current <= RUNNING)
        {
            current = awaitDone(false, 0L);
        }
        return report(current);
    }

    @Override
    public V get(final long timeout, final TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        if (null == unit)
        {
            throw new NullPointerException("unit");
        }
        int current = state;
        if (current <= RUNNING && (current = awaitDone(true, unit.toNanos(timeout))) <= RUNNING)
        {
            throw new TimeoutException("the task did not finish within " + timeout + " " + unit);
        }
        return report(current);
    }

    /**
     * Waits until the future is done, or the timeout runs out.
     *
     * @return the state at the end of the wait.
     * @throws InterruptedException if the caller is interrupted while the future is not done.
     */
    private int awaitDone(final boolean timed, final long timeoutNs) throws InterruptedException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        if (timed && timeoutNs <= 0)
        {
            return state;
        }
        final long deadline = System.nanoTime() + timeoutNs;
        final Object lock = waitLock();
        synchronized (lock)
        {
            int current;
            while ((current = state) <= RUNNING)
            {
                if (timed)
                {
                    // deadline - now equals timeoutNs minus the time elapsed, even if the sum overflowed.
                    final long remaining = deadline - System.nanoTime();
                    if (remaining <= 0)
                    {
                        return current;
                    }
                    TimeUnit.NANOSECONDS.timedWait(lock, remaining);
                }
                else
                {
                    lock.wait();
                }
            }
            return current;
        }
    }

    private Object waitLock()
    {
        final Object lock = waitLock;
        if (null != lock)
        {
            return lock;
        }
        final Object made = new Object();
        final Object witness = WAIT_LOCK.compareAndExchange(this, null, made);
        return null == witness ? made : witness;
    }

    @SuppressWarnings("unchecked")
    private V report(final int done) throws ExecutionException
    {
        if (done == NORMAL)
        {
            return (V)outcome;
        }
        if (done == EXCEPTIONAL)
        {
            throw new ExecutionException((Throwable)outcome);
        }
        throw new CancellationException("the task was cancelled");
    }

    @Override
    public String toString()
    {
        final int current = state;
        final String status;
        switch (current)
        {
            case NEW:
                status = "not started";
                break;
            case RUNNING:
                status = "running";
                break;
            case NORMAL:
                status = "completed normally";
                break;
            case EXCEPTIONAL:
                status = "completed exceptionally: " + outcome;
                break;
            default:
                status = "cancelled";
                break;
        }
        return "ExecutorFuture[" + status + "]";
    }
}
