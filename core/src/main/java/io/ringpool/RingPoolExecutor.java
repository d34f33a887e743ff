package io.ringpool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link ExecutorService} on a {@link RingPool}: a fixed set of workers fed by a pre-allocated ring instead of a
 * queue, with the full {@code ExecutorService} contract and one extension, key-ordered execution.
 * <pre>
 *   execute(r) / submit(c) ──► task ring (entry holds the Runnable, or the future) ──► worker 0..N-1
 *   shutdown()    = drain: no new tasks, every accepted task runs
 *   shutdownNow() = halt:  no new tasks, running ones interrupted, never-started ones handed back
 * </pre>
 * Build one with {@link #builder()}; {@link RingPoolExecutorBuilder} lists the defaults. The workers are started by
 * {@code build()} and stop only when the executor is shut down.
 * <p>
 * <b>Allocation.</b> {@code execute} allocates nothing: the ring entry is pre-allocated and holds the caller's
 * {@code Runnable}. {@code submit} allocates one object, the future, which is also what the entry holds (a
 * {@code ThreadPoolExecutor} allocates a {@code FutureTask}, and an adapter for a {@code Runnable}, plus a queue node
 * for a linked queue). A {@code get()} that has to wait makes one lock object. {@code invokeAll} and
 * {@code invokeAny} allocate their lists.
 * <p>
 * <b>Backpressure.</b> When the ring is full, {@code execute} and {@code submit} wait for room up to the builder's
 * {@link RingPoolExecutorBuilder#offerTimeout offerTimeout} (10 s by default) and then throw
 * {@link RejectedExecutionException} saying the ring stayed full; an interrupt while waiting also rejects the task
 * (the interrupt status stays set). They never wait longer, from any thread, workers included.
 * <p>
 * <b>Cancellation.</b> {@code cancel(false)} on the future of a task no worker has started cancels it with the pool's
 * own {@link RingPool#cancel(long)}: the task never runs, and a later {@code shutdownNow()} does not hand it back. On
 * a running task, {@code cancel(false)} lets it finish and drops its outcome, as {@code FutureTask} does;
 * {@code cancel(true)} interrupts the worker running that task and no other, never a later task of the same worker:
 * the future waits until the interrupt is delivered before its task counts as ended, and the worker clears it before
 * it takes its next task. A worker never carries an interrupt status from one task into the next.
 * <p>
 * <b>Failures.</b> A {@code Runnable} given to {@code execute} that throws does not kill its worker: the pool's
 * {@link RingPoolExecutorBuilder#failureListener failure listener} is told (by default it logs) and the worker takes
 * the next task. A submitted task's failure goes to its future, and {@code get()} throws
 * {@link ExecutionException}. Only a {@link VirtualMachineError} thrown by an executed task, or a failure listener
 * that throws, fails the pool: it then rejects every task and runs no more, and the executor must still be shut
 * down. The tasks it had accepted and not started are handed back by {@code shutdownNow()}; after
 * {@code shutdown()} or {@code close()} the futures among them end cancelled, so no {@code get()} waits for ever.
 * <p>
 * <b>Key order.</b> An executor built with {@link RingPoolExecutorBuilder#keyed()} runs the tasks given one key with
 * {@link #execute(long, Runnable)} or {@link #submit(long, Callable)} one at a time, on one worker, in the order they
 * were accepted; tasks with different keys run in parallel. No JDK executor offers this.
 * <p>
 * <b>Memory consistency</b>, as {@code ExecutorService} specifies it: actions in a thread before it submits a task
 * happen-before the task runs, and the task's actions happen-before its future's {@code get()} returns (and before
 * {@code invokeAll} or {@code invokeAny} return its result).
 * <p>
 * <b>Thread safety:</b> every method may be called from any thread, workers included.
 */
public final class RingPoolExecutor implements ExecutorService, AutoCloseable
{
    private static final int RUNNING = 0;
    private static final int SHUTDOWN = 1;
    private static final int STOP = 2;

    /** A drain after {@code shutdown()} never gives up: every accepted task runs, however long that takes. */
    private static final Duration UNBOUNDED = Duration.ofNanos(Long.MAX_VALUE);

    private static final VarHandle RUN_STATE;

    static
    {
        try
        {
            RUN_STATE = MethodHandles.lookup().findVarHandle(RingPoolExecutor.class, "runState", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final RingPool<ExecutorTask, Void> pool;
    private final ExecutorThreads threads;
    private final int workers;
    private final boolean keyed;
    private final long offerTimeoutNs;
    /** Counted down once the pool's drain or halt has returned its report. */
    private final CountDownLatch poolStopped = new CountDownLatch(1);
    private volatile int runState = RUNNING;

    RingPoolExecutor(
        final RingPool<ExecutorTask, Void> pool,
        final ExecutorThreads threads,
        final int workers,
        final boolean keyed,
        final long offerTimeoutNs)
    {
        this.pool = pool;
        this.threads = threads;
        this.workers = workers;
        this.keyed = keyed;
        this.offerTimeoutNs = offerTimeoutNs;
    }

    /**
     * A builder; see {@link RingPoolExecutorBuilder} for the options and their defaults.
     *
     * @return a new builder.
     */
    public static RingPoolExecutorBuilder builder()
    {
        return new RingPoolExecutorBuilder();
    }

    // ------------------------------------------------------------------------------------------------------ running

    /**
     * Runs {@code command} on a worker. Allocates nothing.
     *
     * @param command the task.
     * @throws NullPointerException       if {@code command} is null.
     * @throws RejectedExecutionException if the executor is shut down, the ring stayed full for the offer timeout,
     *                                    or the caller was interrupted while it waited for room.
     */
    @Override
    public void execute(final Runnable command)
    {
        if (null == command)
        {
            throw new NullPointerException("command");
        }
        publish(command);
    }

    /**
     * Runs {@code command} after every task given {@code key} before it, on the worker that runs every task with
     * that key. Allocates nothing once the calling thread has published one keyed task.
     *
     * @param key     the task's key: tasks with equal keys run one at a time, in the order they were accepted.
     * @param command the task.
     * @throws NullPointerException       if {@code command} is null.
     * @throws IllegalStateException      if the executor was not built {@link RingPoolExecutorBuilder#keyed() keyed}.
     * @throws RejectedExecutionException as {@link #execute(Runnable)}.
     */
    public void execute(final long key, final Runnable command)
    {
        if (null == command)
        {
            throw new NullPointerException("command");
        }
        publishKeyed(key, command);
    }

    /**
     * Submits a value-returning task.
     *
     * @param task the task.
     * @param <T>  the result type.
     * @return its future, the one object this call allocates.
     * @throws NullPointerException       if {@code task} is null.
     * @throws RejectedExecutionException as {@link #execute(Runnable)}.
     */
    @Override
    public <T> Future<T> submit(final Callable<T> task)
    {
        if (null == task)
        {
            throw new NullPointerException("task");
        }
        final ExecutorFuture<T> future = new ExecutorFuture<>(pool, task);
        future.published(publish(future));
        return future;
    }

    /**
     * Submits a task; its future's {@code get()} returns {@code result} once it ran.
     *
     * @param task   the task.
     * @param result what the future returns.
     * @param <T>    the result type.
     * @return its future, the one object this call allocates.
     * @throws NullPointerException       if {@code task} is null.
     * @throws RejectedExecutionException as {@link #execute(Runnable)}.
     */
    @Override
    public <T> Future<T> submit(final Runnable task, final T result)
    {
        if (null == task)
        {
            throw new NullPointerException("task");
        }
        final ExecutorFuture<T> future = new ExecutorFuture<>(pool, task, result);
        future.published(publish(future));
        return future;
    }

    /**
     * Submits a task; its future's {@code get()} returns null once it ran.
     *
     * @param task the task.
     * @return its future, the one object this call allocates.
     * @throws NullPointerException       if {@code task} is null.
     * @throws RejectedExecutionException as {@link #execute(Runnable)}.
     */
    @Override
    public Future<?> submit(final Runnable task)
    {
        return submit(task, null);
    }

    /**
     * Submits a value-returning task in key order, as {@link #execute(long, Runnable)}.
     *
     * @param key  the task's key.
     * @param task the task.
     * @param <T>  the result type.
     * @return its future.
     * @throws NullPointerException       if {@code task} is null.
     * @throws IllegalStateException      if the executor was not built {@link RingPoolExecutorBuilder#keyed() keyed}.
     * @throws RejectedExecutionException as {@link #execute(Runnable)}.
     */
    public <T> Future<T> submit(final long key, final Callable<T> task)
    {
        if (null == task)
        {
            throw new NullPointerException("task");
        }
        final ExecutorFuture<T> future = new ExecutorFuture<>(pool, task);
        future.published(publishKeyed(key, future));
        return future;
    }

    /**
     * Runs every task and waits until all have ended. If the wait is interrupted, or a task cannot be submitted,
     * the tasks not yet ended are cancelled (with interrupt).
     *
     * @param tasks the tasks.
     * @param <T>   the result type.
     * @return their futures, in the collection's iteration order, each done.
     * @throws InterruptedException       if the caller is interrupted while it waits.
     * @throws NullPointerException       if {@code tasks} or one of its elements is null; then nothing is submitted.
     * @throws RejectedExecutionException if a task cannot be submitted (see {@link #execute(Runnable)}).
     */
    @Override
    public <T> List<Future<T>> invokeAll(final Collection<? extends Callable<T>> tasks) throws InterruptedException
    {
        final List<ExecutorFuture<T>> futures = newFutures(tasks, null);
        try
        {
            publishAll(futures, false, 0L);
            for (final ExecutorFuture<T> future : futures)
            {
                awaitEnd(future);
            }
        }
        catch (final InterruptedException | RuntimeException | Error ex)
        {
            cancelAll(futures);
            throw ex;
        }
        return new ArrayList<>(futures);
    }

    /**
     * Runs every task and waits until all have ended or the timeout runs out; those not ended by then are cancelled
     * (with interrupt), and so are those not yet submitted.
     *
     * @param tasks   the tasks.
     * @param timeout the longest wait.
     * @param unit    the unit of {@code timeout}.
     * @param <T>     the result type.
     * @return their futures, in the collection's iteration order, each done: completed or cancelled.
     * @throws InterruptedException       if the caller is interrupted while it waits.
     * @throws NullPointerException       if {@code tasks}, one of its elements or {@code unit} is null.
     * @throws RejectedExecutionException if a task cannot be submitted (see {@link #execute(Runnable)}).
     */
    @Override
    public <T> List<Future<T>> invokeAll(
        final Collection<? extends Callable<T>> tasks, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + nanos(timeout, unit);
        final List<ExecutorFuture<T>> futures = newFutures(tasks, null);
        try
        {
            if (publishAll(futures, true, deadline))
            {
                for (final ExecutorFuture<T> future : futures)
                {
                    if (!future.isDone() && !awaitEnd(future, deadline))
                    {
                        cancelAll(futures);
                        break;
                    }
                }
            }
            else
            {
                cancelAll(futures);
            }
        }
        catch (final InterruptedException | RuntimeException | Error ex)
        {
            cancelAll(futures);
            throw ex;
        }
        return new ArrayList<>(futures);
    }

    /**
     * Runs the tasks and returns the result of one that completed without throwing; the others are then cancelled
     * (with interrupt), as they are if this call throws.
     *
     * @param tasks the tasks.
     * @param <T>   the result type.
     * @return the result of the first task to complete normally.
     * @throws InterruptedException       if the caller is interrupted while it waits.
     * @throws ExecutionException         if no task completed normally; its cause is the last failure seen.
     * @throws NullPointerException       if {@code tasks} or one of its elements is null; then nothing is submitted.
     * @throws IllegalArgumentException   if {@code tasks} is empty.
     * @throws RejectedExecutionException if a task cannot be submitted (see {@link #execute(Runnable)}).
     */
    @Override
    public <T> T invokeAny(final Collection<? extends Callable<T>> tasks)
        throws InterruptedException, ExecutionException
    {
        try
        {
            return invokeAny(tasks, false, 0L);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("an untimed invokeAny timed out", ex);
        }
    }

    /**
     * Runs the tasks and returns the result of one that completed without throwing before the timeout ran out; the
     * others are then cancelled (with interrupt), as they are if this call throws.
     *
     * @param tasks   the tasks.
     * @param timeout the longest wait.
     * @param unit    the unit of {@code timeout}.
     * @param <T>     the result type.
     * @return the result of the first task to complete normally.
     * @throws InterruptedException       if the caller is interrupted while it waits.
     * @throws ExecutionException         if no task completed normally; its cause is the last failure seen.
     * @throws TimeoutException           if the timeout ran out before a task completed normally.
     * @throws NullPointerException       if {@code tasks}, one of its elements or {@code unit} is null.
     * @throws IllegalArgumentException   if {@code tasks} is empty.
     * @throws RejectedExecutionException if a task cannot be submitted (see {@link #execute(Runnable)}).
     */
    @Override
    public <T> T invokeAny(final Collection<? extends Callable<T>> tasks, final long timeout, final TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        final long timeoutNs = nanos(timeout, unit);
        return invokeAny(tasks, true, System.nanoTime() + timeoutNs);
    }

    private <T> T invokeAny(final Collection<? extends Callable<T>> tasks, final boolean timed, final long deadline)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        final FirstSuccess<T> group = new FirstSuccess<>();
        final List<ExecutorFuture<T>> futures = newFutures(tasks, group);
        if (futures.isEmpty())
        {
            throw new IllegalArgumentException("tasks must not be empty");
        }
        try
        {
            int published = 0;
            for (final ExecutorFuture<T> future : futures)
            {
                if (group.decided())
                {
                    // One already succeeded: the rest need not run at all.
                    break;
                }
                final long sequence = publishForInvoke(future, timed, deadline);
                if (sequence < 0)
                {
                    throw new TimeoutException("the timeout ran out while the tasks were being submitted");
                }
                future.published(sequence);
                published++;
            }
            group.expect(published);
            return group.await(timed, deadline);
        }
        finally
        {
            cancelAll(futures);
        }
    }

    // -------------------------------------------------------------------------------------------------- lifecycle

    /**
     * Starts a drain: no task is accepted from now on, and every task already accepted runs. Returns at once; the
     * drain runs on a thread of its own ({@code <name>-shutdown}, from the thread factory), or on the caller if the
     * factory gives no thread. Calling it again, or after {@link #shutdownNow()}, does nothing.
     */
    @Override
    public void shutdown()
    {
        if (RUN_STATE.compareAndSet(this, RUNNING, SHUTDOWN))
        {
            startDrain();
        }
    }

    /**
     * Halts: no task is accepted from now on, the running tasks are interrupted, and the tasks no worker has started
     * are returned and never run. Waits up to the {@link RingPoolExecutorBuilder#interruptGrace interruptGrace} for
     * the interrupted tasks to end (a few times over at most); a task still running then keeps its worker, and the
     * executor is not terminated, until it returns.
     *
     * @return exactly the tasks accepted and never started, in the order they were accepted: the {@code Runnable}
     *     given to {@code execute}, or for a submitted task its future (as {@code ThreadPoolExecutor} returns). A
     *     task cancelled before it started is not listed. The first call that stops the executor gets them; later
     *     calls get an empty list.
     */
    @Override
    public List<Runnable> shutdownNow()
    {
        boolean first = false;
        int current = runState;
        while (current != STOP)
        {
            if (RUN_STATE.compareAndSet(this, current, STOP))
            {
                first = true;
                break;
            }
            current = runState;
        }
        final ShutdownReport<ExecutorTask, Void> report;
        try
        {
            report = pool.halt(Duration.ZERO);
        }
        finally
        {
            poolStopped.countDown();
        }
        final List<Runnable> unstarted = new ArrayList<>(first ? report.returnedTasks().size() : 0);
        if (first)
        {
            for (final ReturnedTask<ExecutorTask> returned : report.returnedTasks())
            {
                unstarted.add(returned.task().task);
            }
        }
        return unstarted;
    }

    /**
     * Whether {@link #shutdown()} or {@link #shutdownNow()} was called, or the pool failed: no task is accepted.
     *
     * @return true once the executor accepts no more tasks.
     */
    @Override
    public boolean isShutdown()
    {
        return runState != RUNNING || pool.state().isShutdown();
    }

    /**
     * Whether every task has ended after a shutdown: the pool's drain or halt is over, and every worker thread has
     * returned (a task that ignored the halt's interrupt keeps the executor from terminating until it ends).
     *
     * @return true once terminated.
     */
    @Override
    public boolean isTerminated()
    {
        return runState != RUNNING && poolStopped.getCount() == 0 && threads.allEnded();
    }

    /**
     * Waits until the executor is terminated (see {@link #isTerminated()}) after a shutdown, or the timeout runs out.
     *
     * @param timeout the longest wait.
     * @param unit    the unit of {@code timeout}.
     * @return true if terminated, false if the timeout ran out first.
     * @throws InterruptedException if the caller is interrupted while it waits.
     * @throws NullPointerException if {@code unit} is null.
     */
    @Override
    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final long timeoutNs = nanos(timeout, unit);
        final long deadline = System.nanoTime() + timeoutNs;
        return poolStopped.await(timeoutNs, TimeUnit.NANOSECONDS) && threads.joinAll(deadline);
    }

    /**
     * Shuts down and waits until terminated, as Java 19's {@code ExecutorService.close()}: if already terminated it
     * returns at once; otherwise it calls {@link #shutdown()} and waits, and if the caller is interrupted while it
     * waits it calls {@link #shutdownNow()}, keeps waiting, and sets the caller's interrupt status again before it
     * returns. The wait has no bound of its own: interrupting the caller turns it into a halt, whose bound is the
     * {@code interruptGrace}, and then it ends when the interrupted tasks return. Called on one of the executor's own
     * workers, it only calls {@link #shutdown()}: a worker cannot wait for the task it is running.
     */
    @Override
    public void close()
    {
        if (isTerminated())
        {
            return;
        }
        shutdown();
        if (threads.isPoolThread())
        {
            return;
        }
        boolean interrupted = false;
        boolean terminated = false;
        while (!terminated)
        {
            try
            {
                terminated = awaitTermination(1L, TimeUnit.DAYS);
            }
            catch (final InterruptedException ex)
            {
                if (!interrupted)
                {
                    shutdownNow();
                    interrupted = true;
                }
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------------------ queries

    /**
     * A sample of the underlying pool's counters (see {@link PoolMetrics}): tasks accepted, refused and finished,
     * the backlog, and what each worker is doing. Costs the workers nothing.
     *
     * @return a new sample.
     */
    public PoolMetrics metrics()
    {
        return pool.metrics();
    }

    /**
     * Refreshes a caller-owned sample of the underlying pool's counters without allocating (see
     * {@link RingPool#metrics(PoolMetrics)}).
     *
     * @param into the sample to overwrite.
     * @return {@code into}.
     * @throws NullPointerException if {@code into} is null.
     */
    public PoolMetrics metrics(final PoolMetrics into)
    {
        return pool.metrics(into);
    }

    /**
     * The executor's name, as given to the builder.
     *
     * @return the name.
     */
    public String name()
    {
        return pool.name();
    }

    /**
     * The number of workers.
     *
     * @return the worker count, fixed for the executor's life.
     */
    public int workers()
    {
        return workers;
    }

    /**
     * The number of task-ring entries: how many accepted tasks can wait for a worker.
     *
     * @return the ring size.
     */
    public int ringSize()
    {
        return pool.ringSize();
    }

    /**
     * Whether the executor runs tasks in key order ({@link RingPoolExecutorBuilder#keyed()}).
     *
     * @return true if {@link #execute(long, Runnable)} may be used.
     */
    public boolean isKeyed()
    {
        return keyed;
    }

    /**
     * The worker that runs every task with this key, in a keyed executor.
     *
     * @param key a task key.
     * @return a worker id from 0 to {@code workers() - 1}.
     * @throws IllegalStateException if the executor is not keyed.
     */
    public int workerFor(final long key)
    {
        requireKeyed();
        return pool.workerFor(key);
    }

    @Override
    public String toString()
    {
        final String state = isTerminated() ? "TERMINATED" :
            runState == STOP ? "STOPPING" : isShutdown() ? "SHUTTING_DOWN" : "RUNNING";
        return "RingPoolExecutor{name=" + name() + ", workers=" + workers + ", ringSize=" + ringSize() +
            (keyed ? ", keyed" : "") + ", state=" + state + '}';
    }

    // ----------------------------------------------------------------------------------------------------- internal

    private long publish(final Runnable task)
    {
        checkRunning();
        return accepted(pool.tryPublish(ExecutorTask.PLAIN, task, offerTimeoutNs, TimeUnit.NANOSECONDS));
    }

    private long publishKeyed(final long key, final Runnable task)
    {
        requireKeyed();
        checkRunning();
        final ExecutorTask.KeyedArgument argument = ExecutorTask.KeyedArgument.of(key, task);
        try
        {
            return accepted(pool.tryPublish(ExecutorTask.KEYED, argument, offerTimeoutNs, TimeUnit.NANOSECONDS));
        }
        finally
        {
            argument.clear();
        }
    }

    private void checkRunning()
    {
        if (runState != RUNNING)
        {
            throw new RejectedExecutionException("executor '" + name() + "' is shut down: it accepts no more tasks");
        }
    }

    private long accepted(final long sequence)
    {
        if (sequence < 0)
        {
            throw new RejectedExecutionException("executor '" + name() + "': the task ring (" + ringSize() +
                " entries) stayed full for the offer timeout of " + offerTimeoutNs / 1_000_000L + " ms; the task " +
                "was not accepted");
        }
        return sequence;
    }

    private void requireKeyed()
    {
        if (!keyed)
        {
            throw new IllegalStateException("executor '" + name() + "' is not keyed: build it with keyed() to run " +
                "tasks in key order");
        }
    }

    private void startDrain()
    {
        try
        {
            final Thread drainer = threads.newUnkeptThread(this::drain, name() + "-shutdown");
            if (null != drainer)
            {
                drainer.start();
                return;
            }
        }
        catch (final RuntimeException | OutOfMemoryError ex)
        {
            // The factory threw, or the thread could not start: drain on the caller rather than never.
        }
        drain();
    }

    private void drain()
    {
        try
        {
            final ShutdownReport<ExecutorTask, Void> report = pool.drain(UNBOUNDED);
            // A drain hands tasks back only when it could not run them (the pool failed): their futures end
            // cancelled, so no get() waits for ever; a later shutdownNow() still hands every one back.
            for (final ReturnedTask<ExecutorTask> returned : report.returnedTasks())
            {
                if (returned.task().task instanceof ExecutorFuture)
                {
                    ((ExecutorFuture<?>)returned.task().task).cancel(false);
                }
            }
        }
        finally
        {
            poolStopped.countDown();
        }
    }

    /** Makes every future, checking every task first: a null task throws before anything is submitted. */
    private <T> List<ExecutorFuture<T>> newFutures(
        final Collection<? extends Callable<T>> tasks, final FirstSuccess<T> group)
    {
        if (null == tasks)
        {
            throw new NullPointerException("tasks");
        }
        final List<ExecutorFuture<T>> futures = new ArrayList<>(tasks.size());
        for (final Callable<T> task : tasks)
        {
            if (null == task)
            {
                throw new NullPointerException("tasks must not contain null; element " + futures.size() + " is");
            }
            final ExecutorFuture<T> future = new ExecutorFuture<>(pool, task);
            if (null != group)
            {
                future.joinGroup(group);
            }
            futures.add(future);
        }
        return futures;
    }

    /**
     * Publishes every future, in order.
     *
     * @return false if the deadline passed before all were published (the rest are left unpublished).
     */
    private <T> boolean publishAll(final List<ExecutorFuture<T>> futures, final boolean timed, final long deadline)
        throws InterruptedException
    {
        for (final ExecutorFuture<T> future : futures)
        {
            final long sequence = publishForInvoke(future, timed, deadline);
            if (sequence < 0)
            {
                return false;
            }
            future.published(sequence);
        }
        return true;
    }

    /**
     * Publishes a task of {@code invokeAll} or {@code invokeAny}: it waits for room up to the offer timeout, and a
     * timed call no longer than its deadline; an interrupt while it waits is the caller's
     * {@link InterruptedException}, as the interface says.
     *
     * @return the sequence, or -1 if the deadline came before room did.
     */
    private long publishForInvoke(final ExecutorFuture<?> future, final boolean timed, final long deadline)
        throws InterruptedException
    {
        checkRunning();
        long waitNs = offerTimeoutNs;
        if (timed)
        {
            final long left = deadline - System.nanoTime();
            if (left <= 0)
            {
                return -1L;
            }
            waitNs = Math.min(waitNs, left);
        }
        final long sequence;
        try
        {
            sequence = pool.tryPublish(ExecutorTask.PLAIN, future, waitNs, TimeUnit.NANOSECONDS);
        }
        catch (final RejectedExecutionException ex)
        {
            if (ex.getCause() instanceof InterruptedException && Thread.interrupted())
            {
                final InterruptedException interrupted =
                    new InterruptedException("interrupted while waiting for room for an invoked task");
                interrupted.initCause(ex);
                throw interrupted;
            }
            throw ex;
        }
        if (sequence < 0 && timed && deadline - System.nanoTime() <= 0)
        {
            return -1L;
        }
        return accepted(sequence);
    }

    private static void awaitEnd(final Future<?> future) throws InterruptedException
    {
        try
        {
            future.get();
        }
        catch (final ExecutionException | CancellationException ignore)
        {
            // ended: the future holds the outcome for the caller
        }
    }

    private static boolean awaitEnd(final Future<?> future, final long deadline) throws InterruptedException
    {
        try
        {
            future.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            return true;
        }
        catch (final ExecutionException | CancellationException ignore)
        {
            return true;
        }
        catch (final TimeoutException ex)
        {
            return false;
        }
    }

    private static <T> void cancelAll(final List<ExecutorFuture<T>> futures)
    {
        for (final ExecutorFuture<T> future : futures)
        {
            future.cancel(true);
        }
    }

    private static long nanos(final long timeout, final TimeUnit unit)
    {
        if (null == unit)
        {
            throw new NullPointerException("unit");
        }
        return unit.toNanos(timeout);
    }
}
