package io.ringpool;

import io.ringpool.internal.Timeouts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * Configures a {@link RingPoolExecutor}. Setters only record; {@link #build()} checks everything, builds the ringpool
 * underneath and starts its workers. Invalid values are reported in one {@link IllegalArgumentException} that names
 * each parameter and its allowed values: the executor's own ({@code offerTimeout}, {@code threadFactory},
 * {@code failureListener}) if any is invalid, otherwise every invalid parameter of the pool underneath.
 * <p>
 * Defaults:
 * <table>
 *     <caption>The builder's defaults</caption>
 *     <tr><th>option</th><th>default</th></tr>
 *     <tr><td>{@link #name}</td>
 *         <td>{@code "ringpool-executor"}: threads {@code ringpool-executor-worker-<id>}</td></tr>
 *     <tr><td>{@link #workers}</td><td>{@link Runtime#availableProcessors()}</td></tr>
 *     <tr><td>{@link #ringSize}</td><td>1024 entries</td></tr>
 *     <tr><td>{@link #offerTimeout}</td>
 *         <td>10 s, then {@link java.util.concurrent.RejectedExecutionException}</td></tr>
 *     <tr><td>{@link #dispatch}</td><td>{@link Dispatch#WORK_STEALING}, one task per claim</td></tr>
 *     <tr><td>{@link #waitPolicy}</td><td>{@link WaitPolicy#BLOCKING}</td></tr>
 *     <tr><td>{@link #threadFactory}</td><td>platform threads, not daemon</td></tr>
 *     <tr><td>{@link #interruptGrace}</td><td>100 ms</td></tr>
 *     <tr><td>{@link #failureListener}</td><td>{@code System.Logger} "io.ringpool" at WARNING, rate-limited as the pool's default (the first 10 in full, then a summary at most every 10 s)</td></tr>
 *     <tr><td>{@link #stallThreshold}</td><td>{@link Duration#ZERO}: no watchdog</td></tr>
 * </table>
 * <p>
 * <b>Thread safety:</b> none; use a builder from one thread. A builder may build several independent executors.
 */
public final class RingPoolExecutorBuilder
{
    /** The default {@link #offerTimeout}. */
    public static final Duration DEFAULT_OFFER_TIMEOUT = Duration.ofSeconds(10);

    private String name = "ringpool-executor";
    private int workers = Runtime.getRuntime().availableProcessors();
    private int ringSize = 1024;
    private Duration offerTimeout = DEFAULT_OFFER_TIMEOUT;
    private Dispatch dispatch = Dispatch.WORK_STEALING;
    private Integer maxClaimBatch;
    private WaitPolicy waitPolicy = WaitPolicy.BLOCKING;
    private ThreadFactory threadFactory = ExecutorThreads.PLATFORM;
    private Duration interruptGrace = Duration.ofMillis(100);
    private FailureListener<Runnable> failureListener;
    private boolean failureListenerGiven;
    private Duration stallThreshold = Duration.ZERO;

    RingPoolExecutorBuilder()
    {
    }

    /**
     * The executor's name, used for its threads ({@code <name>-worker-<id>}, {@code <name>-shutdown}) and in
     * messages. Default {@code "ringpool-executor"}.
     *
     * @param name a non-blank name.
     * @return this builder.
     */
    public RingPoolExecutorBuilder name(final String name)
    {
        this.name = name;
        return this;
    }

    /**
     * The number of workers, all started by {@link #build()} and fixed for the executor's life. Default: the number
     * of available processors.
     *
     * @param workers 1 or more, and no more than the ring size.
     * @return this builder.
     */
    public RingPoolExecutorBuilder workers(final int workers)
    {
        this.workers = workers;
        return this;
    }

    /**
     * Task-ring entries: how many accepted tasks may wait for a worker (the queue capacity, in
     * {@code ThreadPoolExecutor} terms). Allocated once by {@link #build()}. Default 1024.
     *
     * @param ringSize a power of two, at least the number of workers, at most 2<sup>30</sup>.
     * @return this builder.
     */
    public RingPoolExecutorBuilder ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /**
     * How long {@code execute} and {@code submit} wait for room while the ring is full before they reject the task
     * with a {@link java.util.concurrent.RejectedExecutionException} that says so. Default 10 s.
     * {@link Duration#ZERO} rejects at once, as a {@code ThreadPoolExecutor} with a bounded queue and its default
     * abort policy does.
     *
     * @param offerTimeout zero or more.
     * @return this builder.
     */
    public RingPoolExecutorBuilder offerTimeout(final Duration offerTimeout)
    {
        this.offerTimeout = offerTimeout;
        return this;
    }

    /**
     * How tasks are spread over the workers. Default {@link Dispatch#WORK_STEALING}: an idle worker takes the next
     * task, as in a {@code ThreadPoolExecutor}. {@link Dispatch#KEYED} (see {@link #keyed()}) enables
     * {@link RingPoolExecutor#execute(long, Runnable)}. {@link Dispatch#ID_SEQUENCED} and {@link Dispatch#KEYED} fix a
     * task's worker when it is accepted, so a task may wait behind a slow one while another worker is idle.
     *
     * @param dispatch the mode.
     * @return this builder.
     */
    public RingPoolExecutorBuilder dispatch(final Dispatch dispatch)
    {
        this.dispatch = dispatch;
        return this;
    }

    /**
     * Key-ordered execution: the same as {@code dispatch(Dispatch.KEYED)}. Tasks given one key with
     * {@link RingPoolExecutor#execute(long, Runnable)} or
     * {@link RingPoolExecutor#submit(long, java.util.concurrent.Callable)} run one at a time, in the order they were
     * accepted, on one worker; tasks without a key are spread over the workers by their sequence. A task fixed to a
     * busy worker waits for it even while others are idle: tasks that wait for each other must not share a worker.
     *
     * @return this builder.
     */
    public RingPoolExecutorBuilder keyed()
    {
        return dispatch(Dispatch.KEYED);
    }

    /**
     * The most tasks a work-stealing worker claims at once from a deep backlog. Default 1: a claimed task waits for
     * the worker that claimed it, so with a larger batch a task can wait behind a slow one (or one that waits for
     * it) while another worker is idle, which no {@code ExecutorService} user expects. Larger batches cut the
     * contention on the claim when tasks are short and independent.
     *
     * @param maxClaimBatch from 1 to the ring size; only with {@link Dispatch#WORK_STEALING}.
     * @return this builder.
     */
    public RingPoolExecutorBuilder maxClaimBatch(final int maxClaimBatch)
    {
        this.maxClaimBatch = maxClaimBatch;
        return this;
    }

    /**
     * How idle workers, and producers waiting for room, wait. Default {@link WaitPolicy#BLOCKING}, which burns no
     * core while idle; {@link WaitPolicy#YIELDING} or {@link WaitPolicy#BUSY_SPIN} cut hand-off latency when a
     * core per worker is to spare.
     *
     * @param waitPolicy the policy.
     * @return this builder.
     */
    public RingPoolExecutorBuilder waitPolicy(final WaitPolicy waitPolicy)
    {
        this.waitPolicy = waitPolicy;
        return this;
    }

    /**
     * Makes the executor's threads: its workers, and the thread that drains it after {@code shutdown()}; the
     * executor names them. Default: platform threads, not daemon, so that an executor that was never shut down keeps
     * the JVM alive rather than dropping its tasks at exit.
     *
     * @param threadFactory the factory.
     * @return this builder.
     */
    public RingPoolExecutorBuilder threadFactory(final ThreadFactory threadFactory)
    {
        this.threadFactory = threadFactory;
        return this;
    }

    /**
     * How long {@code shutdownNow()} waits for the running tasks it interrupted before it returns; a task still
     * running then keeps its worker (and keeps the executor from terminating) until it returns. Default 100 ms.
     *
     * @param interruptGrace from 0 to 1 hour.
     * @return this builder.
     */
    public RingPoolExecutorBuilder interruptGrace(final Duration interruptGrace)
    {
        this.interruptGrace = interruptGrace;
        return this;
    }

    /**
     * Told about every task run by {@code execute} that threw (a submitted task's failure goes to its future
     * instead), on the worker that ran it; the worker then carries on. The listener receives the {@link Runnable}
     * and what it threw; its sequence is the task's ring sequence. A {@link VirtualMachineError} fails the pool
     * instead (the task is then null). If the listener throws, the pool fails, as {@link FailureListener} says.
     * Default: {@code System.Logger} ("io.ringpool") at WARNING, rate-limited as a pool's default listener is (see
     * {@link RingPoolBuilder#failureListener}).
     *
     * @param failureListener the listener.
     * @return this builder.
     */
    public RingPoolExecutorBuilder failureListener(final FailureListener<Runnable> failureListener)
    {
        this.failureListener = failureListener;
        this.failureListenerGiven = true;
        return this;
    }

    /**
     * How long a worker may hold one task, while later tasks wait, before the pool's watchdog logs it as stalled
     * (see {@link RingPoolBuilder#stallThreshold(Duration)}). Default {@link Duration#ZERO}: no watchdog, since an
     * executor's tasks may rightly run long.
     *
     * @param stallThreshold zero, or from 1 ms to 1 hour.
     * @return this builder.
     */
    public RingPoolExecutorBuilder stallThreshold(final Duration stallThreshold)
    {
        this.stallThreshold = stallThreshold;
        return this;
    }

    /**
     * Checks the configuration, builds the ring and starts every worker.
     *
     * @return the running executor.
     * @throws IllegalArgumentException naming every invalid or conflicting parameter.
     * @throws IllegalStateException    if a worker thread could not be made or started.
     */
    public RingPoolExecutor build()
    {
        final List<String> problems = new ArrayList<>();
        if (null == offerTimeout || offerTimeout.isNegative())
        {
            problems.add("offerTimeout must be a Duration of zero or more; was " + offerTimeout);
        }
        if (null == threadFactory)
        {
            problems.add("threadFactory must not be null");
        }
        if (failureListenerGiven && null == failureListener)
        {
            problems.add("failureListener must not be null");
        }
        if (!problems.isEmpty())
        {
            throw new IllegalArgumentException("invalid RingPoolExecutor configuration: " +
                String.join("; ", problems));
        }

        final ExecutorThreads threads = new ExecutorThreads(threadFactory);
        final FailureListener<Runnable> listener =
            failureListenerGiven ? failureListener : new LoggingListener<Runnable>(name);
        final RingPoolBuilder<ExecutorTask, Void> pool = RingPool.builder(ExecutorTask::new)
            .name(name)
            .workers(workers)
            .ringSize(ringSize)
            .dispatch(dispatch)
            .waitPolicy(waitPolicy)
            .threadFactory(threads)
            .handler(new ExecutorWorkHandler())
            .cancellable()
            .failureListener(new ExecutorFailures(listener))
            .interruptGrace(interruptGrace)
            .stallThreshold(stallThreshold);
        if (dispatch == Dispatch.KEYED)
        {
            pool.keyExtractor(ExecutorTask.KEY);
        }
        if (null != maxClaimBatch || dispatch == Dispatch.WORK_STEALING)
        {
            pool.maxClaimBatch(null != maxClaimBatch ? maxClaimBatch : 1);
        }
        final RingPool<ExecutorTask, Void> built = pool.build();
        try
        {
            built.start();
        }
        catch (final RuntimeException | Error ex)
        {
            built.halt(Duration.ZERO);
            throw ex;
        }
        return new RingPoolExecutor(built, threads, workers, dispatch == Dispatch.KEYED,
            Timeouts.saturatedNanos(offerTimeout));
    }
}
