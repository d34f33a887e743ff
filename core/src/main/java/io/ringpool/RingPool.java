package io.ringpool;

import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.EventTranslator;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.EventTranslatorThreeArg;
import com.lmax.disruptor.EventTranslatorTwoArg;
import io.ringpool.internal.Engine;
import io.ringpool.internal.Publisher;
import io.ringpool.internal.Timeouts;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A fixed pool of workers fed by a pre-allocated Disruptor ring, with outcomes carried back on a second ring.
 * <pre>
 *   producers ──publish──► task ring ──► worker 0..N-1 (WorkHandler) ──► result ring ──► ResultHandler / poller
 * </pre>
 * <b>Publishing.</b> A task is filled in place by a translator (the Disruptor's own translator interfaces), so
 * publishing allocates nothing. Every publish returns the task's sequence, its handle. {@code publish} waits while
 * the ring is full, {@code tryPublish} does not (or waits up to a bound), and all of them throw
 * {@link RejectedExecutionException} once the pool is not {@link PoolState#RUNNING}. The set is uniform:
 * <table>
 *   <caption>Publishing methods</caption>
 *   <tr><th>method</th><th>translators</th><th>when the ring is full</th></tr>
 *   <tr><td>{@code publish}</td><td>0 to 3 arguments</td><td>waits while the pool runs</td></tr>
 *   <tr><td>{@code tryPublish}</td><td>0 to 3 arguments</td><td>returns -1 at once</td></tr>
 *   <tr><td>{@code tryPublish(..., timeout, unit)}</td><td>0 to 3 arguments</td><td>waits up to the timeout, then
 *   returns -1</td></tr>
 *   <tr><td>{@code publishBatch}, {@code tryPublishBatch}, {@code tryPublishBatch(..., timeout, unit)}</td>
 *   <td>0 arguments ({@code count} tasks), or 1 argument per task from an array (several values per task: pass
 *   an array of holders)</td><td>as above; the batch is accepted or rejected whole</td></tr>
 * </table>
 * A single publish pays one full fence (its handshake with shutdown); a batch pays it once for all its tasks, and so
 * does a {@link Producer} claim of many slots ({@link #producer()}: claim, fill in place, commit). Every publish
 * throws {@link IllegalStateException} if the calling thread holds an open {@code Producer} claim, or calls it from
 * inside a translator (or key extractor) of this pool: the ring hands out slots in order, and a publish in between
 * could hand an unfilled slot to a worker.
 * <p>
 * <b>Thread safety.</b> Every method may be called from any thread, with one exception that is the caller's
 * promise: a pool built with {@code ProducerType.SINGLE} accepts tasks from one thread only (another thread may
 * take over once that thread has ended); a second live producing thread gets an {@link IllegalStateException}.
 * <p>
 * <b>Guarantees.</b> A publish that returns a sequence has been accepted: its task will be run to an outcome, or
 * handed back by a halt, or reported abandoned; a publish that throws was not accepted. Shutdown never loses a task
 * (see {@link ShutdownReport}), and every blocking call has a bound: {@code publish} ends when the pool stops
 * running; drain and halt end within their timeout plus the pool's {@code interruptGrace} (a few times over).
 *
 * @param <T> the task type.
 * @param <R> the result type ({@link Void} for a pool without results).
 */
public final class RingPool<T, R> implements AutoCloseable
{
    /** What a deadline extractor returns for a task without a deadline. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private static final int ONE_ARG = Publisher.ONE_ARG;
    private static final int TWO_ARG = Publisher.TWO_ARG;
    private static final int THREE_ARG = Publisher.THREE_ARG;
    private static final int NO_ARG = Publisher.NO_ARG;

    private final Engine<T, R> engine;
    private final Publisher<T> publisher;
    private final int ringSize;
    private final int workers;
    /** Set by an explicit drain or halt: a later {@code close()} then only joins it, quietly. */
    private volatile boolean shutdownCalled;

    RingPool(final Engine<T, R> engine, final int ringSize, final int workers)
    {
        this.workers = workers;
        this.engine = engine;
        this.publisher = engine.publisher();
        this.ringSize = ringSize;
    }

    /**
     * A builder for a pool without results: handlers run for their side effects (fire-and-forget).
     *
     * @param taskFactory makes the task objects, once per ring entry.
     * @param <T>         the task type.
     * @return a builder.
     */
    public static <T> RingPoolBuilder<T, Void> builder(final EventFactory<T> taskFactory)
    {
        return new RingPoolBuilder<>(taskFactory, null, false);
    }

    /**
     * A builder for a pool whose tasks produce results, carried on the result ring.
     *
     * @param taskFactory   makes the task objects, once per ring entry.
     * @param resultFactory makes the result objects, once per result-ring entry and once per worker.
     * @param <T>           the task type.
     * @param <R>           the result type.
     * @return a builder.
     */
    public static <T, R> RingPoolBuilder<T, R> builder(
        final EventFactory<T> taskFactory, final EventFactory<R> resultFactory)
    {
        return new RingPoolBuilder<>(taskFactory, resultFactory, true);
    }

    // ---------------------------------------------------------------------------------------------------- lifecycle

    /**
     * Starts the workers (and the collector), and waits until each has run its {@code onStart}.
     *
     * @throws IllegalStateException if the pool was already started or has terminated, or a thread could not be made
     *                               or started, or an {@code onStart} threw or overran {@code startTimeout}.
     */
    public void start()
    {
        engine.start();
    }

    /**
     * Stops accepting tasks, runs every accepted task, delivers every result and joins every pool thread. If that
     * does not finish within {@code timeout} (or the pool fails, or a halt is called meanwhile), it falls back to a
     * halt. Called from a pool thread, it does not wait for that thread: the task it is running is reported
     * abandoned.
     *
     * @param timeout how long to wait for the drain, {@code >= 0}.
     * @return the report, the same for every caller.
     * @throws IllegalArgumentException if the timeout is null or negative.
     */
    public ShutdownReport<T, R> drain(final Duration timeout)
    {
        final long timeoutNs = Timeouts.nonNegativeNanos(timeout);
        shutdownCalled = true;
        return engine.shutdown(false, timeoutNs);
    }

    /**
     * Stops accepting tasks; each worker finishes the task in hand and stops; every task not started is handed back
     * in the report. A worker still running when {@code timeout} runs out is interrupted, and if it does not stop
     * within the pool's {@code interruptGrace} its task is reported abandoned.
     *
     * @param timeout how long workers may take to finish the task in hand, {@code >= 0}.
     * @return the report, the same for every caller.
     * @throws IllegalArgumentException if the timeout is null or negative.
     */
    public ShutdownReport<T, R> halt(final Duration timeout)
    {
        final long timeoutNs = Timeouts.nonNegativeNanos(timeout);
        shutdownCalled = true;
        return engine.shutdown(true, timeoutNs);
    }

    /**
     * Drains with the builder's {@code closeTimeout}, for try-with-resources. The report stays available from
     * {@link #report()}. If the report holds anything the caller must act on, close says so by throwing: a user who
     * only closes the pool still learns that tasks were returned unstarted or abandoned, that outcomes were left
     * undelivered, or that the pool failed. A close after an explicit {@link #drain} or {@link #halt} (whose caller
     * has the report) waits for it and returns quietly.
     *
     * @throws IncompleteShutdownException if the report lists returned, abandoned or undelivered tasks, or the pool
     *                                     failed; the exception carries the report.
     */
    @Override
    public void close()
    {
        final boolean explicit = shutdownCalled;
        final ShutdownReport<T, R> report = engine.shutdown(false, engine.closeTimeoutNs());
        if (!explicit && !shutdownCalled && IncompleteShutdownException.isIncomplete(report))
        {
            throw new IncompleteShutdownException(report);
        }
    }

    /**
     * The pool's current state.
     *
     * @return the state.
     */
    public PoolState state()
    {
        return engine.state();
    }

    /**
     * The shutdown report, once a drain, halt or close has finished.
     *
     * @return the report, or empty while the pool has not stopped.
     */
    public Optional<ShutdownReport<T, R>> report()
    {
        return Optional.ofNullable(engine.report());
    }

    /**
     * Cancels a task that no worker has started: it then ends {@link OutcomeStatus#CANCELLED} without its handler
     * running (its outcome still goes to the result consumer). Never blocks. Only for a pool built with
     * {@link RingPoolBuilder#cancellable()}.
     *
     * @param sequence the handle its publish returned.
     * @return true if the task is now cancelled; false if a worker already started it, it already ended, a halt
     *     returned it, or the handle is stale (its ring entry now holds a newer task).
     * @throws IllegalArgumentException if {@code sequence} was never handed out by this pool.
     * @throws IllegalStateException    if the pool was built without {@link RingPoolBuilder#cancellable()}.
     */
    public boolean cancel(final long sequence)
    {
        return engine.cancel(sequence);
    }

    /**
     * How many times the watchdog found a worker holding one task longer than the stall threshold while later tasks
     * waited (see {@link RingPoolBuilder#stallThreshold(Duration)}).
     *
     * @return the number of stalls reported so far.
     */
    public long stalls()
    {
        return engine.stalls();
    }

    /**
     * The worker that runs every task with this key, for a pool with {@link Dispatch#KEYED} dispatch.
     *
     * @param key a task key, as the key extractor returns it.
     * @return a worker id from 0 to workers-1.
     * @throws IllegalStateException if the pool's dispatch is not keyed.
     */
    public int workerFor(final long key)
    {
        return engine.workerFor(key);
    }

    /**
     * The poller for a pool built with {@link RingPoolBuilder#pollResults()}.
     *
     * @return the pool's one poller.
     * @throws IllegalStateException if the pool does not poll its results.
     */
    public ResultPoller<R> resultPoller()
    {
        return engine.poller();
    }

    /**
     * The pool's name.
     *
     * @return the name given to the builder.
     */
    public String name()
    {
        return engine.name();
    }

    /**
     * A new sample of the pool's counters: a snapshot no one else writes. Allocates the sample; for a sampler thread
     * that should not allocate, see {@link #metrics(PoolMetrics)}. Costs the pool's threads nothing.
     *
     * @return the sample.
     */
    public PoolMetrics metrics()
    {
        return metrics(new PoolMetrics());
    }

    /**
     * Refreshes a caller-owned sample of the pool's counters. Allocates nothing once the sample has been used with
     * this pool (its first use sizes it for the pool's workers). Reads only what the engine already writes, so it
     * costs the pool's threads nothing; it takes the producers' registry lock for a moment, as a new producing thread
     * does.
     *
     * @param into the sample to overwrite.
     * @return {@code into}.
     * @throws NullPointerException if {@code into} is null.
     */
    public PoolMetrics metrics(final PoolMetrics into)
    {
        java.util.Objects.requireNonNull(into, "into");
        final long[] perWorker = into.sizeFor(workers);
        engine.sample(into.pool, perWorker);
        into.poolName = engine.name();
        into.ringSize = ringSize;
        into.sampledAtNanos = System.nanoTime();
        return into;
    }

    /**
     * The number of workers, fixed when the pool was built.
     *
     * @return the worker count; worker ids are 0 to this minus 1.
     */
    public int workers()
    {
        return workers;
    }

    /**
     * The number of task-ring entries.
     *
     * @return the ring size.
     */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * Free task-ring entries right now: a hint, stale as soon as it is read.
     *
     * @return the number of entries a producer could claim without waiting.
     */
    public long remainingCapacity()
    {
        return engine.remainingCapacity();
    }

    @Override
    public String toString()
    {
        return "RingPool{name=" + name() + ", state=" + state() + ", ringSize=" + ringSize + '}';
    }

    // --------------------------------------------------------------------------------------------------- publishing

    /**
     * A {@link Producer} for the calling thread: claim slots, fill their tasks in place, commit. The open claim belongs
     * to the thread, not to the handle, so every handle of one thread sees the same claim. This allocates a small
     * handle: keep it rather than call this per publish.
     *
     * @return the calling thread's handle.
     * @throws IllegalStateException if called from a second thread of a single-producer pool.
     */
    public Producer<T> producer()
    {
        return publisher.producer(Producer::new);
    }

    /**
     * Publishes one task, waiting while the ring is full.
     *
     * @param translator fills the task in place.
     * @return the task's sequence.
     * @throws RejectedExecutionException if the pool is not running (or stops while this waits), or the thread is
     *                                    interrupted while it waits (the interrupt flag stays set).
     * @throws IllegalStateException      if called from a pool thread while the ring is full, from a second
     *                                    thread of a single-producer pool, from inside a translator of this pool,
     *                                    or while the thread holds an open {@link Producer} claim.
     */
    public long publish(final EventTranslator<T> translator)
    {
        return publishOne(-1L, NO_ARG, translator, null, null, null);
    }

    /**
     * Publishes one task, waiting while the ring is full.
     *
     * @param translator fills the task in place from {@code arg}.
     * @param arg        the translator's argument.
     * @param <A>        the argument type.
     * @return the task's sequence.
     * @throws RejectedExecutionException if the pool is not running (or stops while this waits), or the thread is
     *                                    interrupted while it waits (the interrupt flag stays set).
     * @throws IllegalStateException      if called from a pool thread while the ring is full, from a second
     *                                    thread of a single-producer pool, from inside a translator of this pool,
     *                                    or while the thread holds an open {@link Producer} claim.
     */
    public <A> long publish(final EventTranslatorOneArg<T, A> translator, final A arg)
    {
        return publishOne(-1L, ONE_ARG, translator, arg, null, null);
    }

    /**
     * Publishes one task, waiting while the ring is full.
     *
     * @param translator fills the task in place from the arguments.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     * @return the task's sequence.
     * @throws RejectedExecutionException if the pool is not running, or the thread is interrupted while it waits.
     * @throws IllegalStateException      if called from a pool thread while the ring is full, from a second
     *                                    thread of a single-producer pool, from inside a translator of this pool,
     *                                    or while the thread holds an open {@link Producer} claim.
     */
    public <A, B> long publish(final EventTranslatorTwoArg<T, A, B> translator, final A arg0, final B arg1)
    {
        return publishOne(-1L, TWO_ARG, translator, arg0, arg1, null);
    }

    /**
     * Publishes one task, waiting while the ring is full.
     *
     * @param translator fills the task in place from the arguments.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param arg2       the third argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     * @param <C>        the third argument's type.
     * @return the task's sequence.
     * @throws RejectedExecutionException if the pool is not running, or the thread is interrupted while it waits.
     * @throws IllegalStateException      if called from a pool thread while the ring is full, from a second
     *                                    thread of a single-producer pool, from inside a translator of this pool,
     *                                    or while the thread holds an open {@link Producer} claim.
     */
    public <A, B, C> long publish(
        final EventTranslatorThreeArg<T, A, B, C> translator, final A arg0, final B arg1, final C arg2)
    {
        return publishOne(-1L, THREE_ARG, translator, arg0, arg1, arg2);
    }

    /**
     * Publishes one task if the ring has room now.
     *
     * @param translator fills the task in place.
     * @return the task's sequence, or -1 if the ring was full.
     * @throws RejectedExecutionException if the pool is not running.
     */
    public long tryPublish(final EventTranslator<T> translator)
    {
        return publishOne(0L, NO_ARG, translator, null, null, null);
    }

    /**
     * Publishes one task if the ring has room now.
     *
     * @param translator fills the task in place from {@code arg}.
     * @param arg        the translator's argument.
     * @param <A>        the argument type.
     * @return the task's sequence, or -1 if the ring was full.
     * @throws RejectedExecutionException if the pool is not running.
     */
    public <A> long tryPublish(final EventTranslatorOneArg<T, A> translator, final A arg)
    {
        return publishOne(0L, ONE_ARG, translator, arg, null, null);
    }

    /**
     * Publishes one task if the ring has room now.
     *
     * @param translator fills the task in place from the arguments.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     * @return the task's sequence, or -1 if the ring was full.
     * @throws RejectedExecutionException if the pool is not running.
     */
    public <A, B> long tryPublish(final EventTranslatorTwoArg<T, A, B> translator, final A arg0, final B arg1)
    {
        return publishOne(0L, TWO_ARG, translator, arg0, arg1, null);
    }

    /**
     * Publishes one task, waiting at most {@code timeout} for room.
     *
     * @param translator fills the task in place from {@code arg}.
     * @param arg        the translator's argument.
     * @param timeout    the longest wait for room, {@code >= 0}.
     * @param unit       the unit of {@code timeout}.
     * @param <A>        the argument type.
     * @return the task's sequence, or -1 if there was no room in time.
     * @throws RejectedExecutionException if the pool is not running, or the thread is interrupted while it waits.
     * @throws IllegalArgumentException   if the timeout is negative or the unit null.
     */
    public <A> long tryPublish(
        final EventTranslatorOneArg<T, A> translator, final A arg, final long timeout, final TimeUnit unit)
    {
        return publishOne(timeoutNanos(timeout, unit), ONE_ARG, translator, arg, null, null);
    }

    /**
     * Publishes one task if the ring has room now.
     *
     * @param translator fills the task in place from the arguments.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param arg2       the third argument.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     * @param <C>        the third argument's type.
     * @return the task's sequence, or -1 if the ring was full.
     * @throws RejectedExecutionException if the pool is not running.
     */
    public <A, B, C> long tryPublish(
        final EventTranslatorThreeArg<T, A, B, C> translator, final A arg0, final B arg1, final C arg2)
    {
        return publishOne(0L, THREE_ARG, translator, arg0, arg1, arg2);
    }

    /**
     * Publishes one task, waiting at most {@code timeout} for room.
     *
     * @param translator fills the task in place.
     * @param timeout    the longest wait for room, {@code >= 0}.
     * @param unit       the unit of {@code timeout}.
     * @return the task's sequence, or -1 if there was no room in time.
     * @throws RejectedExecutionException if the pool is not running, or the thread is interrupted while it waits.
     * @throws IllegalArgumentException   if the timeout is negative or the unit null.
     */
    public long tryPublish(final EventTranslator<T> translator, final long timeout, final TimeUnit unit)
    {
        return publishOne(timeoutNanos(timeout, unit), NO_ARG, translator, null, null, null);
    }

    /**
     * Publishes one task, waiting at most {@code timeout} for room.
     *
     * @param translator fills the task in place from the arguments.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param timeout    the longest wait for room, {@code >= 0}.
     * @param unit       the unit of {@code timeout}.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     * @return the task's sequence, or -1 if there was no room in time.
     * @throws RejectedExecutionException if the pool is not running, or the thread is interrupted while it waits.
     * @throws IllegalArgumentException   if the timeout is negative or the unit null.
     */
    public <A, B> long tryPublish(
        final EventTranslatorTwoArg<T, A, B> translator, final A arg0, final B arg1, final long timeout,
        final TimeUnit unit)
    {
        return publishOne(timeoutNanos(timeout, unit), TWO_ARG, translator, arg0, arg1, null);
    }

    /**
     * Publishes one task, waiting at most {@code timeout} for room.
     *
     * @param translator fills the task in place from the arguments.
     * @param arg0       the first argument.
     * @param arg1       the second argument.
     * @param arg2       the third argument.
     * @param timeout    the longest wait for room, {@code >= 0}.
     * @param unit       the unit of {@code timeout}.
     * @param <A>        the first argument's type.
     * @param <B>        the second argument's type.
     * @param <C>        the third argument's type.
     * @return the task's sequence, or -1 if there was no room in time.
     * @throws RejectedExecutionException if the pool is not running, or the thread is interrupted while it waits.
     * @throws IllegalArgumentException   if the timeout is negative or the unit null.
     */
    public <A, B, C> long tryPublish(
        final EventTranslatorThreeArg<T, A, B, C> translator, final A arg0, final B arg1, final C arg2,
        final long timeout, final TimeUnit unit)
    {
        return publishOne(timeoutNanos(timeout, unit), THREE_ARG, translator, arg0, arg1, arg2);
    }

    /**
     * Publishes {@code count} tasks as one batch, waiting while the ring lacks room for all of them; each task is
     * filled by the translator alone (it may read the sequence it is given).
     *
     * @param translator fills each task in place.
     * @param count      the number of tasks, 1 to the ring size.
     * @return the first task's sequence.
     * @throws IllegalArgumentException   if {@code count} is out of range.
     * @throws RejectedExecutionException if the pool is not running, or the thread is interrupted while it waits.
     */
    public long publishBatch(final EventTranslator<T> translator, final int count)
    {
        return publisher.publishBatch(-1L, translator, count);
    }

    /**
     * Publishes {@code count} tasks as one batch if the ring has room for all of them now.
     *
     * @param translator fills each task in place.
     * @param count      the number of tasks, 1 to the ring size.
     * @return the first task's sequence, or -1 if the ring lacked room.
     * @throws IllegalArgumentException   if {@code count} is out of range.
     * @throws RejectedExecutionException if the pool is not running.
     */
    public long tryPublishBatch(final EventTranslator<T> translator, final int count)
    {
        return publisher.publishBatch(0L, translator, count);
    }

    /**
     * Publishes {@code count} tasks as one batch, waiting at most {@code timeout} for room for all of them.
     *
     * @param translator fills each task in place.
     * @param count      the number of tasks, 1 to the ring size.
     * @param timeout    the longest wait for room, {@code >= 0}.
     * @param unit       the unit of {@code timeout}.
     * @return the first task's sequence, or -1 if there was no room in time.
     * @throws IllegalArgumentException   if {@code count} is out of range, or the timeout negative or its unit null.
     * @throws RejectedExecutionException if the pool is not running, or the thread is interrupted while it waits.
     */
    public long tryPublishBatch(
        final EventTranslator<T> translator, final int count, final long timeout, final TimeUnit unit)
    {
        return publisher.publishBatch(timeoutNanos(timeout, unit), translator, count);
    }

    /**
     * Publishes {@code count} tasks as one batch, waiting at most {@code timeout} for room for all of them.
     *
     * @param translator fills each task in place from its argument.
     * @param args       the arguments; task {@code i} gets {@code args[offset + i]}.
     * @param offset     the first argument to use.
     * @param count      the number of tasks, 1 to the ring size.
     * @param timeout    the longest wait for room, {@code >= 0}.
     * @param unit       the unit of {@code timeout}.
     * @param <A>        the argument type.
     * @return the first task's sequence, or -1 if there was no room in time.
     * @throws IllegalArgumentException   if {@code count} or {@code offset} is out of range, or the timeout negative
     *                                    or its unit null.
     * @throws RejectedExecutionException if the pool is not running, or the thread is interrupted while it waits.
     */
    public <A> long tryPublishBatch(
        final EventTranslatorOneArg<T, A> translator, final A[] args, final int offset, final int count,
        final long timeout, final TimeUnit unit)
    {
        return publishBatch(timeoutNanos(timeout, unit), translator, args, offset, count);
    }

    /**
     * Publishes {@code count} tasks as one batch, waiting while the ring lacks room for all of them: the batch is
     * accepted or rejected as a whole, and its tasks have consecutive sequences.
     *
     * @param translator fills each task in place from its argument.
     * @param args       the arguments; task {@code i} gets {@code args[offset + i]}.
     * @param offset     the first argument to use.
     * @param count      the number of tasks, 1 to the ring size.
     * @param <A>        the argument type.
     * @return the first task's sequence.
     * @throws IllegalArgumentException   if {@code count} or {@code offset} is out of range.
     * @throws RejectedExecutionException if the pool is not running, or the thread is interrupted while it waits.
     */
    public <A> long publishBatch(
        final EventTranslatorOneArg<T, A> translator, final A[] args, final int offset, final int count)
    {
        return publishBatch(-1L, translator, args, offset, count);
    }

    /**
     * Publishes {@code count} tasks as one batch if the ring has room for all of them now.
     *
     * @param translator fills each task in place from its argument.
     * @param args       the arguments; task {@code i} gets {@code args[offset + i]}.
     * @param offset     the first argument to use.
     * @param count      the number of tasks, 1 to the ring size.
     * @param <A>        the argument type.
     * @return the first task's sequence, or -1 if the ring lacked room.
     * @throws IllegalArgumentException   if {@code count} or {@code offset} is out of range.
     * @throws RejectedExecutionException if the pool is not running.
     */
    public <A> long tryPublishBatch(
        final EventTranslatorOneArg<T, A> translator, final A[] args, final int offset, final int count)
    {
        return publishBatch(0L, translator, args, offset, count);
    }

    private long publishOne(
        final long timeoutNs, final int kind, final Object translator, final Object arg0, final Object arg1,
        final Object arg2)
    {
        return publisher.publishOne(timeoutNs, kind, translator, arg0, arg1, arg2);
    }

    private <A> long publishBatch(
        final long timeoutNs, final EventTranslatorOneArg<T, A> translator, final A[] args, final int offset,
        final int count)
    {
        return publisher.publishBatch(timeoutNs, translator, args, offset, count);
    }

    private static long timeoutNanos(final long timeout, final TimeUnit unit)
    {
        if (null == unit || timeout < 0)
        {
            throw new IllegalArgumentException(
                "timeout must be >= 0 with a non-null unit; was " + timeout + " " + unit);
        }
        // 0 would mean "try once", which is what a zero timeout asks for; no overflow: toNanos saturates.
        return unit.toNanos(timeout);
    }
}
