package io.ringpool;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.internal.CountersFile;
import io.ringpool.internal.Engine;
import io.ringpool.internal.PoolConfig;
import io.ringpool.internal.TaskSource;
import io.ringpool.internal.Timeouts;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Configures a {@link RingPool}. Setters only record; {@link #build()} checks everything and reports every problem
 * it finds in one {@link IllegalArgumentException} that names each parameter and its allowed values.
 * <p>
 * <b>Thread safety:</b> none; use a builder from one thread. A builder may build several independent pools.
 *
 * @param <T> the task type.
 * @param <R> the result type.
 */
public final class RingPoolBuilder<T, R>
{
    /** The largest ring the Disruptor's int indexing allows. */
    public static final int MAX_RING_SIZE = 1 << 30;

    /** The default for {@link #ringSize(int)}. */
    public static final int DEFAULT_RING_SIZE = 1024;

    /** The default for {@link #maxClaimBatch(int)}. */
    public static final int DEFAULT_MAX_CLAIM_BATCH = 64;

    private final EventFactory<T> taskFactory;
    private final EventFactory<R> resultFactory;
    private final boolean withResults;

    private String name = "ringpool";
    private int workers = Runtime.getRuntime().availableProcessors();
    private int ringSize = DEFAULT_RING_SIZE;
    private Integer resultRingSize;
    private ProducerType producerType = ProducerType.MULTI;
    private WaitStrategy waitStrategy;
    private WaitStrategy resultWaitStrategy;
    private Supplier<IdleStrategy> idleStrategies;
    private boolean idleStrategiesGiven;
    private WaitPolicy waitPolicy = WaitPolicy.BLOCKING;
    private ThreadFactory threadFactory;
    private WorkHandler<T, R> sharedHandler;
    private IntFunction<WorkHandler<T, R>> handlerFactory;
    private ResultHandler<R> resultHandler;
    private boolean pollResults;
    private Dispatch dispatch = Dispatch.WORK_STEALING;
    private ToLongFunction<? super T> keyExtractor;
    private Integer maxClaimBatch;
    private ResultOrder resultOrder = ResultOrder.COMPLETION;
    private ToLongFunction<? super T> deadlineExtractor;
    private boolean cancellable;
    private FailureListener<T> failureListener;
    private boolean failureListenerGiven;
    private Duration interruptGrace = Duration.ofMillis(100);
    private Duration startTimeout = Duration.ofSeconds(10);
    private Duration closeTimeout = Duration.ofSeconds(30);
    private TaskSource.Factory sourceFactory;
    private Duration stallThreshold = Duration.ofSeconds(1);
    private StallListener stallListener;
    private boolean stallListenerGiven;
    private java.nio.file.Path countersFile;
    private boolean timeStages;

    RingPoolBuilder(final EventFactory<T> taskFactory, final EventFactory<R> resultFactory, final boolean withResults)
    {
        this.taskFactory = taskFactory;
        this.resultFactory = resultFactory;
        this.withResults = withResults;
    }

    /**
     * The pool's name, used for its threads ({@code <name>-worker-<id>}, {@code <name>-results}) and in messages.
     * Default {@code "ringpool"}.
     *
     * @param name a non-blank name.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> name(final String name)
    {
        this.name = name;
        return this;
    }

    /**
     * The number of workers, fixed for the pool's life. Default: the processors the JVM sees when the builder is
     * made ({@code Runtime.availableProcessors()}), as for a {@code ForkJoinPool}; a latency-critical pool usually
     * sets fewer, leaving cores for producers and the result collector.
     *
     * @param workers 1 or more, and no more than the ring size.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> workers(final int workers)
    {
        this.workers = workers;
        return this;
    }

    /**
     * Task-ring entries. The ring holds accepted tasks until a worker finishes them; when it is full, publishers
     * wait (backpressure). Default {@value #DEFAULT_RING_SIZE}.
     *
     * @param ringSize a power of two, at least the number of workers, at most 2<sup>30</sup>.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /**
     * Result-ring entries. Default: the task ring's size.
     *
     * @param resultRingSize a power of two, at most 2<sup>30</sup>.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> resultRingSize(final int resultRingSize)
    {
        this.resultRingSize = resultRingSize;
        return this;
    }

    /**
     * Whether one thread or several publish. Default {@link ProducerType#MULTI}. {@link ProducerType#SINGLE} is
     * cheaper and is checked: a second live thread that publishes gets an {@link IllegalStateException}.
     *
     * @param producerType single or multi.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> producerType(final ProducerType producerType)
    {
        this.producerType = producerType;
        return this;
    }

    /**
     * How every thread of the pool waits: both rings' wait strategies and the idle strategy of every other wait, in
     * one choice (see {@link WaitPolicy}). Default {@link WaitPolicy#BLOCKING}. {@link #waitStrategy},
     * {@link #resultWaitStrategy} and {@link #idleStrategy} override it for the wait they name.
     *
     * @param waitPolicy the policy.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> waitPolicy(final WaitPolicy waitPolicy)
    {
        this.waitPolicy = waitPolicy;
        return this;
    }

    /**
     * How workers wait for tasks; overrides the {@link #waitPolicy} for this wait. Default: the policy's, a new
     * {@link BlockingWaitStrategy} by default, because it is the only strategy that neither burns a core per idle
     * worker nor misbehaves when pool threads outnumber cores; it costs a lock per publish and microseconds of
     * wake-up. With cores to spare, {@code YieldingWaitStrategy} or {@code BusySpinWaitStrategy} cut latency;
     * {@code SleepingWaitStrategy} sits between.
     *
     * @param waitStrategy the strategy; not shared with another ring.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> waitStrategy(final WaitStrategy waitStrategy)
    {
        this.waitStrategy = waitStrategy;
        return this;
    }

    /**
     * How the result consumer waits for outcomes in {@link ResultOrder#COMPLETION} order; overrides the
     * {@link #waitPolicy} for this wait. Default: the policy's. A consumer in {@link ResultOrder#SUBMISSION} order
     * waits on its own entries with an idle strategy instead, so this option is refused there.
     *
     * @param resultWaitStrategy the strategy; not the same instance as the task ring's.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> resultWaitStrategy(final WaitStrategy resultWaitStrategy)
    {
        this.resultWaitStrategy = resultWaitStrategy;
        return this;
    }

    /**
     * Where idle strategies come from for the waits the rings' wait strategies do not cover: a producer waiting for
     * room in the task ring, a worker waiting for room in the result ring, a consumer in
     * {@link ResultOrder#SUBMISSION} order waiting for the next outcome. Called once per waiting thread, because idle
     * strategies keep state. Overrides the {@link #waitPolicy} for these waits. Default: the policy's;
     * {@link BackoffIdleStrategy} by default (spin, then yield, then park up to 1 ms).
     *
     * @param idleStrategies returns a new strategy on each call.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> idleStrategy(final Supplier<IdleStrategy> idleStrategies)
    {
        this.idleStrategies = idleStrategies;
        this.idleStrategiesGiven = true;
        return this;
    }

    /**
     * Makes the pool's threads; the pool names them. Default: platform threads, not daemon, so that a pool that was
     * never drained keeps the JVM alive rather than dropping its tasks at exit.
     *
     * @param threadFactory the factory.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> threadFactory(final ThreadFactory threadFactory)
    {
        this.threadFactory = threadFactory;
        return this;
    }

    /**
     * One handler shared by every worker: it must be thread-safe. Give either this or {@link #handlerFactory}.
     *
     * @param handler the handler.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> handler(final WorkHandler<T, R> handler)
    {
        this.sharedHandler = handler;
        return this;
    }

    /**
     * A handler per worker, made at build time from the worker's id (0..workers-1); each is called only on its own
     * worker's thread. Give either this or {@link #handler}.
     *
     * @param handlerFactory makes the handler of worker {@code id}.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> handlerFactory(final IntFunction<WorkHandler<T, R>> handlerFactory)
    {
        this.handlerFactory = handlerFactory;
        return this;
    }

    /**
     * How tasks are spread over the workers. Default {@link Dispatch#WORK_STEALING}.
     *
     * @param dispatch the mode; {@link Dispatch#KEYED} also needs {@link #keyExtractor} or {@link #keyedBy}.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> dispatch(final Dispatch dispatch)
    {
        this.dispatch = dispatch;
        return this;
    }

    /**
     * A task's key, for {@link Dispatch#KEYED}: tasks with one key run on one worker in publish order. Called on the
     * producer's thread right after the translator, so it must read only what the translator wrote; a primitive
     * {@code long}, so nothing is boxed. If it throws, the publish throws and the task is not accepted.
     *
     * @param keyExtractor reads the key from a translated task.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> keyExtractor(final ToLongFunction<? super T> keyExtractor)
    {
        this.keyExtractor = keyExtractor;
        return this;
    }

    /**
     * A task's key as an object, for {@link Dispatch#KEYED}: a {@code String} symbol, an account id, any object
     * with {@code equals} and {@code hashCode}. Tasks whose keys are equal run on one worker in publish order. The
     * pool routes by the key's {@code hashCode()} (so {@link RingPool#workerFor(long)} of that hash names the
     * worker); a null key routes as hash 0. Nothing is allocated when the function returns an object the task
     * already holds (a {@code String} caches its hash). Called as {@link #keyExtractor} is, and replaces it.
     *
     * @param keyOf reads the key from a translated task; must not allocate if publishing is to stay
     *              allocation-free.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> keyedBy(final Function<? super T, ?> keyOf)
    {
        this.keyExtractor = null == keyOf ? null : new ObjectKey<>(keyOf);
        return this;
    }

    /**
     * The most tasks a work-stealing worker claims with one CAS when the backlog is deep. Default
     * {@value #DEFAULT_MAX_CLAIM_BATCH}; 1 claims one task at a time.
     *
     * @param maxClaimBatch from 1 to the ring size.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> maxClaimBatch(final int maxClaimBatch)
    {
        this.maxClaimBatch = maxClaimBatch;
        return this;
    }

    /**
     * The order in which outcomes reach the result consumer. Default {@link ResultOrder#COMPLETION}.
     *
     * @param resultOrder the order; {@link ResultOrder#SUBMISSION} needs results and a result ring at least as
     *                    large as the task ring.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> resultOrder(final ResultOrder resultOrder)
    {
        this.resultOrder = resultOrder;
        return this;
    }

    /**
     * Lets {@link RingPool#cancel(long)} cancel tasks that no worker has started. Off by default, because it costs a
     * compare-and-set per task on the worker: the task's entry is then the arbiter between the worker starting it,
     * a cancel and a halt returning it. Without it, a worker starts a task with its own ticket alone (one CAS per
     * task that both finishes the task before and begins the next one) and {@code cancel} throws.
     *
     * @return this builder.
     */
    public RingPoolBuilder<T, R> cancellable()
    {
        this.cancellable = true;
        return this;
    }

    /**
     * A task's absolute deadline, as a {@link System#nanoTime()} value (not a duration: for a task that must start
     * within 2 ms of its publish, store {@code System.nanoTime() + 2_000_000} in the task and return that). A worker
     * that reaches a task after its deadline skips it with an {@link OutcomeStatus#EXPIRED} outcome. Return
     * {@link RingPool#NO_DEADLINE} for a task without one. Without an extractor, no clock is read.
     *
     * @param deadlineExtractor reads a task's absolute {@code System.nanoTime()} deadline, on the worker's thread.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> deadline(final ToLongFunction<? super T> deadlineExtractor)
    {
        this.deadlineExtractor = deadlineExtractor;
        return this;
    }

    /**
     * Outcomes go to this handler on a collector thread ({@code <name>-results}). Needs a result factory; excludes
     * {@link #pollResults()}.
     *
     * @param resultHandler the handler.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> resultHandler(final ResultHandler<R> resultHandler)
    {
        this.resultHandler = resultHandler;
        return this;
    }

    /**
     * Outcomes stay in the result ring until the caller polls them with {@link RingPool#resultPoller()}. Needs a
     * result factory; excludes {@link #resultHandler}.
     *
     * @return this builder.
     */
    public RingPoolBuilder<T, R> pollResults()
    {
        this.pollResults = true;
        return this;
    }

    /**
     * Told about every handled failure. Default: logs through {@code System.Logger} ("io.ringpool") at WARNING,
     * rate-limited per pool so that a burst of failures cannot flood the log: the first
     * {@value LoggingListener#LOGGED_IN_FULL} task failures (and, separately, result-handler failures) with their
     * stack traces, then at most one record per {@value LoggingListener#SUMMARY_INTERVAL_SECONDS} s that counts the
     * failures not logged since the last record and names the latest. Lifecycle failures are always logged. The
     * shutdown report's counts are exact whatever is logged.
     *
     * @param failureListener the listener.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> failureListener(final FailureListener<T> failureListener)
    {
        this.failureListener = failureListener;
        this.failureListenerGiven = true;
        return this;
    }

    /**
     * How long a halt waits for a thread it interrupted before it gives up on it (its task is then reported
     * abandoned). Default 100 ms.
     *
     * @param interruptGrace from 0 to 1 hour.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> interruptGrace(final Duration interruptGrace)
    {
        this.interruptGrace = interruptGrace;
        return this;
    }

    /**
     * How long {@link RingPool#start()} waits for every pool thread's {@code onStart}. Default 10 s.
     *
     * @param startTimeout from 1 ms to 1 hour.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> startTimeout(final Duration startTimeout)
    {
        this.startTimeout = startTimeout;
        return this;
    }

    /**
     * The drain timeout used by {@link RingPool#close()}, which throws {@link IncompleteShutdownException} if the
     * drain does not finish cleanly within it. Default 30 s.
     *
     * @param closeTimeout 0 or more.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> closeTimeout(final Duration closeTimeout)
    {
        this.closeTimeout = closeTimeout;
        return this;
    }

    /**
     * How long a worker may run one task, while later tasks wait, before the watchdog reports it as stalled. A
     * watchdog thread ({@code <name>-watchdog}) samples the workers' progress four times per threshold (more often,
     * every 250 ms, when the pool has a {@link #countersFile}); workers pay nothing for it. Default 1 s;
     * {@link Duration#ZERO} turns stall detection off (and the thread too, unless a counters file needs it).
     *
     * @param stallThreshold zero, or from 1 ms to 1 hour.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> stallThreshold(final Duration stallThreshold)
    {
        this.stallThreshold = stallThreshold;
        return this;
    }

    /**
     * Told about stalled workers. Default: one WARNING log record per stall (a worker is reported once per task it
     * holds too long).
     *
     * @param stallListener the listener.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> stallListener(final StallListener stallListener)
    {
        this.stallListener = stallListener;
        this.stallListenerGiven = true;
        return this;
    }

    /**
     * Publishes the pool's counters (those of {@link PoolMetrics}, pool-wide and per worker) in a memory-mapped file
     * that another process can read while the pool runs, such as the {@code ringpool-stat} tool; the layout is
     * {@link CountersLayout}. The file is made (or overwritten) at {@link RingPool#start()}, refreshed four times a
     * second by the pool's sampler thread ({@code <name>-watchdog}, which then runs even with a zero stall
     * threshold), and its counters are freed when the pool terminates. Workers and producers do nothing more for it.
     * One file per pool. Off by default.
     * <p>
     * Agrona's buffers need the JVM flag {@code --add-opens java.base/jdk.internal.misc=ALL-UNNAMED} on Java 17;
     * without it {@link #build()} fails with an {@link IllegalStateException} that names the flag.
     *
     * @param countersFile the file, or null for none.
     * @return this builder.
     */
    public RingPoolBuilder<T, R> countersFile(final java.nio.file.Path countersFile)
    {
        this.countersFile = countersFile;
        return this;
    }

    /**
     * Makes every outcome carry three {@link System#nanoTime()} stamps: when its task was published, when a worker
     * started it, and when it ended ({@link Outcome#publishedNanos()}, {@link Outcome#startedNanos()},
     * {@link Outcome#endedNanos()}), so the result consumer sees each task's queue wait and service time, and, with
     * its own clock read, its result wait. Costs one clock read per stage per task (three in all: the producer's,
     * and two on the worker), none when off. Needs results. Off by default.
     *
     * @return this builder.
     */
    public RingPoolBuilder<T, R> timeStages()
    {
        this.timeStages = true;
        return this;
    }

    /**
     * Checks the configuration and makes the pool, in state {@link PoolState#NEW}: its rings and entries are
     * allocated now, its threads at {@link RingPool#start()}.
     *
     * @return the pool.
     * @throws IllegalArgumentException naming every invalid or conflicting parameter.
     */
    public RingPool<T, R> build()
    {
        final List<String> problems = new ArrayList<>();
        validate(problems);
        if (!problems.isEmpty())
        {
            throw new IllegalArgumentException("invalid RingPool configuration: " + String.join("; ", problems));
        }
        if (null != countersFile)
        {
            CountersFile.checkUsable();
        }

        final IntFunction<WorkHandler<T, R>> handlers = null != handlerFactory ? handlerFactory : id -> sharedHandler;
        final LoggingListener<T> listener = failureListenerGiven ? null : new LoggingListener<>(name);
        final TaskSource.Factory sources = null != sourceFactory ? sourceFactory : sources();
        final PoolConfig.ResultMode resultMode = !withResults ? PoolConfig.ResultMode.NONE :
            pollResults ? PoolConfig.ResultMode.POLL : PoolConfig.ResultMode.HANDLER;
        final PoolConfig<T, R> config = new PoolConfig<>(
            name,
            workers,
            ringSize,
            producerType,
            null != waitStrategy ? waitStrategy : waitPolicy.newWaitStrategy(),
            taskFactory,
            handlers,
            sources,
            dispatch == Dispatch.KEYED ? keyExtractor : null,
            deadlineExtractor,
            cancellable,
            resultMode,
            resultOrder == ResultOrder.SUBMISSION,
            resultFactory,
            resultHandler,
            null != resultRingSize ? resultRingSize : ringSize,
            null != resultWaitStrategy ? resultWaitStrategy : waitPolicy.newWaitStrategy(),
            idleStrategiesGiven ? idleStrategies : waitPolicy::newIdleStrategy,
            null != threadFactory ? threadFactory : PlatformThreads.INSTANCE,
            null != listener ? listener : failureListener,
            Timeouts.saturatedNanos(interruptGrace),
            Timeouts.saturatedNanos(startTimeout),
            Timeouts.saturatedNanos(closeTimeout),
            Timeouts.saturatedNanos(stallThreshold),
            stallListenerGiven ? stallListener : (null != listener ? listener : new LoggingListener<T>(name)),
            countersFile,
            timeStages);
        return new RingPool<>(new Engine<>(config), ringSize, workers);
    }

    /** A test hook: replaces the dispatch's task sources (the suite's proof that its checks bite uses it). */
    RingPoolBuilder<T, R> taskSources(final TaskSource.Factory sourceFactory)
    {
        this.sourceFactory = sourceFactory;
        return this;
    }

    private TaskSource.Factory sources()
    {
        switch (dispatch)
        {
            case ID_SEQUENCED:
                return TaskSource.idSequenced();
            case KEYED:
                return TaskSource.keyed();
            default:
                return TaskSource.workStealing(null != maxClaimBatch ? maxClaimBatch : DEFAULT_MAX_CLAIM_BATCH);
        }
    }

    private void validate(final List<String> problems)
    {
        if (null == name || name.isBlank())
        {
            problems.add("name must be a non-blank string; was " + (null == name ? "null" : "'" + name + "'"));
        }
        if (null == taskFactory)
        {
            problems.add("taskFactory must not be null");
        }
        if (workers < 1)
        {
            problems.add("workers must be >= 1; was " + workers);
        }
        checkRingSize(problems, "ringSize", ringSize);
        if (workers >= 1 && isPowerOfTwo(ringSize) && ringSize < workers)
        {
            problems.add("ringSize must be >= workers (" + workers + "); was " + ringSize);
        }
        if (null == producerType)
        {
            problems.add("producerType must be SINGLE or MULTI; was null");
        }
        if (null == waitPolicy)
        {
            problems.add("waitPolicy must be BLOCKING, SLEEPING, YIELDING, BUSY_SPIN or a WaitPolicy.custom(...); " +
                "was null");
        }
        if (idleStrategiesGiven && null == idleStrategies)
        {
            problems.add("idleStrategy must be a non-null Supplier<IdleStrategy>");
        }
        if (failureListenerGiven && null == failureListener)
        {
            problems.add("failureListener must not be null");
        }
        if (null != waitStrategy && waitStrategy == resultWaitStrategy)
        {
            problems.add("resultWaitStrategy must be a different instance from waitStrategy");
        }
        if (null == sharedHandler && null == handlerFactory)
        {
            problems.add("handler or handlerFactory must be set (neither was)");
        }
        if (null != sharedHandler && null != handlerFactory)
        {
            problems.add("handler and handlerFactory are exclusive: set one of them, not both");
        }
        validateDispatch(problems);
        validateResults(problems);
        checkDuration(problems, "interruptGrace", interruptGrace, Duration.ZERO, Duration.ofHours(1));
        checkDuration(problems, "startTimeout", startTimeout, Duration.ofMillis(1), Duration.ofHours(1));
        checkDuration(problems, "closeTimeout", closeTimeout, Duration.ZERO, null);
        if (null == stallThreshold || !stallThreshold.isZero())
        {
            checkDuration(problems, "stallThreshold", stallThreshold, Duration.ofMillis(1), Duration.ofHours(1));
        }
        if (timeStages && !withResults)
        {
            problems.add("timeStages needs results: build the pool with a result factory and a result consumer");
        }
        if (stallListenerGiven && null == stallListener)
        {
            problems.add("stallListener must not be null");
        }
    }

    private void validateDispatch(final List<String> problems)
    {
        if (null == dispatch)
        {
            problems.add("dispatch must be WORK_STEALING, ID_SEQUENCED or KEYED; was null");
            return;
        }
        if (dispatch == Dispatch.KEYED && null == keyExtractor)
        {
            problems.add("dispatch KEYED needs a keyExtractor or keyedBy");
        }
        if (dispatch != Dispatch.KEYED && null != keyExtractor)
        {
            problems.add("keyExtractor is used only by dispatch KEYED; dispatch was " + dispatch);
        }
        if (null != maxClaimBatch)
        {
            if (dispatch != Dispatch.WORK_STEALING)
            {
                problems.add("maxClaimBatch applies to dispatch WORK_STEALING only; dispatch was " + dispatch);
            }
            else if (maxClaimBatch < 1 || maxClaimBatch > ringSize)
            {
                problems.add("maxClaimBatch must be from 1 to ringSize (" + ringSize + "); was " + maxClaimBatch);
            }
        }
    }

    private void validateResults(final List<String> problems)
    {
        if (null == resultOrder)
        {
            problems.add("resultOrder must be COMPLETION or SUBMISSION; was null");
        }
        if (!withResults)
        {
            if (resultOrder == ResultOrder.SUBMISSION)
            {
                problems.add("resultOrder SUBMISSION needs results: build with RingPool.builder(taskFactory, " +
                    "resultFactory)");
            }
            if (null != resultHandler || pollResults || null != resultRingSize || null != resultWaitStrategy)
            {
                problems.add("resultHandler, pollResults, resultRingSize and resultWaitStrategy need a result " +
                    "factory: build with RingPool.builder(taskFactory, resultFactory)");
            }
            return;
        }
        if (null == resultFactory)
        {
            problems.add("resultFactory must not be null");
        }
        if (null != resultHandler && pollResults)
        {
            problems.add("resultHandler and pollResults are exclusive: results go to a handler or to a poller");
        }
        if (null == resultHandler && !pollResults)
        {
            problems.add("results need a consumer: set resultHandler(...) or pollResults() " +
                "(or build with RingPool.builder(taskFactory) for a pool without results)");
        }
        if (resultOrder == ResultOrder.SUBMISSION && null != resultWaitStrategy)
        {
            problems.add("resultWaitStrategy is not used by resultOrder SUBMISSION (its consumer waits on its own " +
                "entries with the idle strategy): set idleStrategy(...) or waitPolicy(...) instead");
        }
        if (null != resultRingSize)
        {
            checkRingSize(problems, "resultRingSize", resultRingSize);
            if (resultOrder == ResultOrder.SUBMISSION && resultRingSize < ringSize)
            {
                problems.add("resultRingSize must be >= ringSize (" + ringSize + ") for resultOrder SUBMISSION, so " +
                    "that outcomes finished out of order can never fill it; was " + resultRingSize);
            }
        }
    }

    private static void checkRingSize(final List<String> problems, final String parameter, final int size)
    {
        if (!isPowerOfTwo(size) || size > MAX_RING_SIZE)
        {
            problems.add(parameter + " must be a power of two from 1 to 2^30; was " + size);
        }
    }

    private static boolean isPowerOfTwo(final int value)
    {
        return value > 0 && (value & (value - 1)) == 0;
    }

    private static void checkDuration(
        final List<String> problems, final String parameter, final Duration value, final Duration min,
        final Duration max)
    {
        if (null == value || value.compareTo(min) < 0 || (null != max && value.compareTo(max) > 0))
        {
            problems.add(parameter + " must be a Duration from " + min + (null != max ? " to " + max : " up") +
                "; was " + value);
        }
    }

    /** Routes by an object key's hash; a null key as 0. */
    private static final class ObjectKey<T> implements ToLongFunction<T>
    {
        private final Function<? super T, ?> keyOf;

        ObjectKey(final Function<? super T, ?> keyOf)
        {
            this.keyOf = keyOf;
        }

        @Override
        public long applyAsLong(final T task)
        {
            final Object key = keyOf.apply(task);
            return null == key ? 0L : key.hashCode();
        }
    }

    /** The default thread factory, of pools and executors alike: platform threads, not daemon. */
    enum PlatformThreads implements ThreadFactory
    {
        INSTANCE;

        @Override
        public Thread newThread(final Runnable task)
        {
            final Thread thread = new Thread(task);
            thread.setDaemon(false);
            return thread;
        }
    }
}
