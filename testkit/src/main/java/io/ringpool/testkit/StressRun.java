package io.ringpool.testkit;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.AbandonedTask;
import io.ringpool.Dispatch;
import io.ringpool.Outcome;
import io.ringpool.OutcomeStatus;
import io.ringpool.PoolState;
import io.ringpool.ResultOrder;
import io.ringpool.ResultPoller;
import io.ringpool.ReturnedTask;
import io.ringpool.RingPool;
import io.ringpool.RingPoolBuilder;
import io.ringpool.ShutdownReport;
import io.ringpool.TaskContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One randomized run: producers publish (single, try and batch calls, and claims through their {@code Producer}
 * handle, some aborted) and cancel some of their tasks, workers run
 * them (some throw, a few are slow), and the pool is drained or halted at a random point. Afterwards every sequence
 * is accounted for against the producers' own record of what they got accepted and cancelled, independently of the
 * pool's counters, and the dispatch mode's order promises are checked.
 * <p>
 * <b>Edge shapes</b> (see {@link #edgeShape(long)}): halts and drains with a zero or tiny bound racing busy
 * producers, a zero or tiny {@code interruptGrace}, result rings of 1, 2 or 4 entries, pollers that race the
 * shutdown (slowly, or stop polling, or run the shutdown themselves) and a thread that cancels recent handles while
 * the halt runs. The checks are the exactness contract: every accepted handle is in exactly one place (an outcome
 * delivered, {@code undeliveredResults}, {@code returnedTasks}, {@code abandonedTasks}); the report's counts equal
 * the statuses of the outcomes; a task whose {@code cancel} returned true ends CANCELLED and never runs; a task is
 * abandoned only while in a worker's hands (its handler running, or returned only once the shutdown began and not yet
 * counted); after the report, a poll hands out nothing.
 * <p>
 * A run is fully described by its seed: {@code -Dringpool.seed=<seed>} replays a run.
 * <p>
 * <b>Thread safety:</b> one instance is one run, {@link #execute() executed} once, on one thread; it starts and
 * joins its own producer, poller and canceller threads, each with a bound. A broken promise, or a thread that does
 * not end in time, is an {@link AssertionError} naming the seed: JUnit reports it as a failure, the long soak
 * ({@code io.ringpool.bench.stress.LongStress}) counts it as a failed run.
 */
public final class StressRun
{
    /** How a run ends. */
    public enum Ending
    {
        DRAIN_AFTER_ALL, DRAIN_RACING, HALT_RACING
    }

    enum Results
    {
        HANDLER, POLL, NONE
    }

    /** How the poller thread of a POLL run behaves while the pool is being stopped. */
    public enum PollerStyle
    {
        /** Polls without pause until the report is made, then polls once more (it must get nothing). */
        STEADY,
        /** Often ends a poll after one outcome, and now and then pauses for up to a millisecond: the ring runs full. */
        LAZY,
        /** Stops polling at a random point before the shutdown: nobody reads the result ring any more. */
        QUITS,
        /** Polls, and runs the drain or halt itself from the polling thread, then polls again. */
        SELF
    }

    enum Waits
    {
        YIELDING(YieldingWaitStrategy::new),
        BLOCKING(BlockingWaitStrategy::new),
        SLEEPING(SleepingWaitStrategy::new),
        BUSY_SPIN(BusySpinWaitStrategy::new);

        final Supplier<WaitStrategy> make;

        Waits(final Supplier<WaitStrategy> make)
        {
            this.make = make;
        }
    }

    /** How long a helper thread of the run may take to end once told to, before the run counts as hung. */
    static final Duration LONG = Duration.ofSeconds(20);

    /** The run's task: the stamp its translator wrote, so a worker can tell a stale or overwritten entry. */
    public static final class Task
    {
        long value;

        @Override
        public String toString()
        {
            return "Task{" + value + '}';
        }
    }

    /** The run's result: the task's stamp, echoed. */
    public static final class Result
    {
        long value;
    }

    private static final int KEYS = 13;
    private static final int MAX_PROBLEMS_SHOWN = 8;
    private static final EventTranslatorOneArg<Task, Object> STAMP =
        (task, sequence, ignored) -> task.value = stamp(sequence);

    /**
     * Handler exits: not (yet) returned, returned while the pool still ran with no interrupt pending, returned
     * interrupted, returned once a shutdown had begun (with no interrupt pending).
     */
    private static final int NOT_RETURNED = 0;
    private static final int RETURNED = 1;
    private static final int RETURNED_INTERRUPTED = 2;
    private static final int RETURNED_IN_SHUTDOWN = 3;

    /** Task sequences that fail: one in 97. */
    static boolean failing(final long sequence)
    {
        return sequence % 97 == 13;
    }

    /** The sequence of the stuck task, and of the task that throws an Error, when the run has one. */
    private static final long STUCK_SEQUENCE = 1_001;
    private static final long FATAL_SEQUENCE = 1_501;

    private boolean failsAt(final long sequence)
    {
        return (failures && failing(sequence)) || (fatalTask && sequence == FATAL_SEQUENCE);
    }

    /** What the translator writes, so a worker can tell a stale or overwritten entry. */
    /** Slots each producer may give up by aborting a claim: every sequence a run uses must fit its arrays. */
    private static final int ABORT_BUDGET = 64;

    static long stamp(final long sequence)
    {
        return sequence * 3 + 1;
    }

    static int keyOf(final long stamp)
    {
        return (int)(stamp % KEYS);
    }

    final long seed;
    int producers = 1;
    int workers = 1;
    int ringSize = 1024;
    long tasksPerProducer = 100_000;
    ProducerType producerType = ProducerType.MULTI;
    Waits waits = Waits.YIELDING;
    Results results = Results.HANDLER;
    Ending ending = Ending.DRAIN_AFTER_ALL;
    Dispatch dispatch = Dispatch.WORK_STEALING;
    ResultOrder order = ResultOrder.COMPLETION;
    boolean failures = true;
    boolean cancels;
    /** One task in the run ignores interrupts for longer than a halt's bound: a halt must report it abandoned. */
    boolean stuckTask;
    /** One task in the run throws an Error: the pool fails, and the accounting must still be exact. */
    boolean fatalTask;
    boolean mixedPublishCalls = true;

    // ---- the edge shapes: zero and tiny bounds, tiny result rings, racing pollers and cancels
    /** The drain's or halt's bound is zero (a third of the time) or from 1 µs to 2 ms; else the classic range. */
    boolean tinyBound;
    /** A bound for the racing drain or halt, overriding the drawn one; null to draw it. */
    Duration fixedBound;
    /** The pool's interruptGrace. */
    Duration interruptGrace = Duration.ofMillis(200);
    /** The result ring's size; 0 for the builder's default (the task ring's size). */
    int resultRingSize;
    /** How the poller of a POLL run behaves. */
    PollerStyle pollerStyle = PollerStyle.STEADY;
    /** A separate thread cancels recent handles while the shutdown runs, and producers cancel when rejected. */
    boolean cancelRace;
    /** Every 64th task parks for about 100 µs: more halts land while a handler runs. */
    boolean slowTasks;
    /** The result handler parks now and then: the result ring runs full. */
    boolean slowResultHandler;

    /** Where the run's shape came from, for the replay hint. */
    private String origin = "the shape set by its test";

    private final SplittableRandom random;

    // observations
    private AtomicIntegerArray runs;
    private AtomicIntegerArray exits;
    private AtomicIntegerArray delivered;
    private AtomicIntegerArray outcomeStatus;
    private AtomicIntegerArray cancelledOk;
    private AtomicLongArray lastOfKey;
    private long[] lastOfWorker;
    private long lastDelivered = -1;
    private final AtomicInteger handlersInside = new AtomicInteger();
    private volatile boolean stuckStarted;
    private volatile boolean stopping;
    /** Set when the run is over, however it ended: the helper threads stop. */
    private volatile boolean finished;
    private volatile Throwable fatalThrown;
    private volatile RingPool<Task, ?> pool;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    /** The bound the ending used; null until it ran. */
    private volatile Duration bound;
    /** The undelivered outcomes as the report listed them, copied when the report came back. */
    private volatile List<long[]> undeliveredAtReport = List.of();
    private volatile ShutdownReport<Task, ?> selfReport;
    private volatile Throwable pollerFailure;
    private volatile Throwable cancellerFailure;
    /** The pool's thread that calls the result handler, seen from inside it. */
    private volatile Thread resultThread;

    StressRun(final long seed)
    {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /**
     * A run whose shape (sizes, modes, ending, faults) is drawn from its seed. Half the shapes are also given the
     * edge options of {@link #edgeShape(long)}.
     *
     * @param seed the seed; the same seed gives the same shape and the same random choices.
     * @return the run, not yet executed.
     */
    public static StressRun randomShape(final long seed)
    {
        final SplittableRandom shape = new SplittableRandom(seed ^ 0x5DEECE66DL);
        final StressRun run = classicShape(seed, shape);
        run.origin = "StressRun.randomShape(seed)";
        if (shape.nextBoolean())
        {
            run.edge(shape);
        }
        return run;
    }

    /**
     * A run drawn like {@link #randomShape(long)}, always with the edge options: a zero or tiny bound (mostly),
     * zero or tiny interrupt grace, tiny result rings, pollers racing the shutdown, cancels racing the halt.
     *
     * @param seed the seed.
     * @return the run, not yet executed.
     */
    public static StressRun edgeShape(final long seed)
    {
        final SplittableRandom shape = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        final StressRun run = classicShape(seed, shape);
        run.origin = "StressRun.edgeShape(seed)";
        run.edge(shape);
        return run;
    }

    private static StressRun classicShape(final long seed, final SplittableRandom shape)
    {
        final StressRun run = new StressRun(seed);
        run.producers = 1 + shape.nextInt(3);
        run.workers = 1 + shape.nextInt(4);
        run.ringSize = 1 << (3 + shape.nextInt(8));
        run.ringSize = Math.max(run.ringSize, Integer.highestOneBit(run.workers) << 1);
        run.tasksPerProducer = 2_000 + shape.nextInt(40_000);
        run.producerType = run.producers == 1 && shape.nextBoolean() ? ProducerType.SINGLE : ProducerType.MULTI;
        run.waits = shape.nextBoolean() ? Waits.YIELDING : (shape.nextBoolean() ? Waits.BLOCKING : Waits.SLEEPING);
        run.results = Results.values()[shape.nextInt(3)];
        run.ending = Ending.values()[shape.nextInt(3)];
        run.failures = shape.nextInt(4) != 0;
        run.dispatch = Dispatch.values()[shape.nextInt(3)];
        run.order = run.results != Results.NONE && shape.nextBoolean() ? ResultOrder.SUBMISSION : ResultOrder.COMPLETION;
        run.cancels = shape.nextBoolean();
        run.stuckTask = shape.nextInt(8) == 0;
        run.fatalTask = shape.nextInt(12) == 0;
        return run;
    }

    /** Adds the edge options, drawn from {@code shape}. */
    private void edge(final SplittableRandom shape)
    {
        tasksPerProducer = Math.min(tasksPerProducer, 2_000 + shape.nextInt(20_000));
        if (producers > 1 && shape.nextInt(3) == 0)
        {
            // Single-producer rings race the halt differently: give them a fair share.
            producers = 1;
        }
        producerType = producers == 1 && shape.nextBoolean() ? ProducerType.SINGLE : ProducerType.MULTI;
        if (ending == Ending.DRAIN_AFTER_ALL && shape.nextInt(3) != 0)
        {
            ending = shape.nextBoolean() ? Ending.HALT_RACING : Ending.DRAIN_RACING;
        }
        tinyBound = ending != Ending.DRAIN_AFTER_ALL && shape.nextInt(4) != 0;
        final int grace = shape.nextInt(4);
        interruptGrace = grace < 2 ? Duration.ZERO :
            grace == 2 ? Duration.ofNanos(1_000 + shape.nextInt(999_000)) : interruptGrace;
        if (results != Results.NONE && order == ResultOrder.COMPLETION && shape.nextInt(3) != 0)
        {
            resultRingSize = 1 << shape.nextInt(3);
        }
        if (resultRingSize > 0 && ending == Ending.DRAIN_AFTER_ALL)
        {
            // Every outcome through a ring of one to four entries is a thread hand-over: keep such runs short.
            tasksPerProducer = Math.min(tasksPerProducer, 5_000);
        }
        if (results == Results.POLL)
        {
            pollerStyle = PollerStyle.values()[shape.nextInt(PollerStyle.values().length)];
            if (ending == Ending.DRAIN_AFTER_ALL &&
                (pollerStyle == PollerStyle.QUITS || pollerStyle == PollerStyle.SELF))
            {
                // A drain after all that nobody polls for would wait for its whole timeout.
                pollerStyle = PollerStyle.LAZY;
            }
        }
        slowResultHandler = results == Results.HANDLER && shape.nextInt(3) == 0;
        cancelRace = shape.nextBoolean();
        cancels |= cancelRace;
        slowTasks = shape.nextBoolean();
    }

    @Override
    public String toString()
    {
        final Duration used = bound;
        return "seed=" + seed + " producers=" + producers + " workers=" + workers + " ringSize=" + ringSize +
            " tasks/producer=" + tasksPerProducer + " " + producerType + " " + waits + " " + dispatch + " results=" +
            results + (results == Results.POLL ? "/" + pollerStyle : "") + " order=" + order +
            (resultRingSize > 0 ? " resultRingSize=" + resultRingSize : "") + " ending=" + ending +
            (tinyBound ? " tinyBound" : "") + (null != used ? " bound=" + used.toNanos() + "ns" :
            null != fixedBound ? " bound=" + fixedBound.toNanos() + "ns" : "") +
            " interruptGrace=" + interruptGrace.toNanos() + "ns failures=" + failures + " cancels=" + cancels +
            (cancelRace ? " cancelRace" : "") + (slowTasks ? " slowTasks" : "") +
            (slowResultHandler ? " slowResultHandler" : "") + (stuckTask ? " stuckTask" : "") +
            (fatalTask ? " fatalTask" : "");
    }

    /**
     * Multiplies the number of tasks each producer publishes: a soak run wants longer runs than the test suite.
     *
     * @param factor the multiplier, at least 1.
     * @return this run.
     */
    public StressRun scaled(final int factor)
    {
        tasksPerProducer *= Math.max(1, factor);
        return this;
    }

    /**
     * How the run ends.
     *
     * @return the ending.
     */
    public Ending ending()
    {
        return ending;
    }

    /**
     * Whether the run injects an Error (the pool fails).
     *
     * @return true with a fatal task.
     */
    public boolean fatalTask()
    {
        return fatalTask;
    }

    /**
     * Whether the run injects a task that ignores interrupts past a halt's bound.
     *
     * @return true with a stuck task.
     */
    public boolean stuckTask()
    {
        return stuckTask;
    }

    /**
     * Whether the drain or halt has a zero or tiny bound (0, or 1 µs to 2 ms).
     *
     * @return true with a tiny bound.
     */
    public boolean tinyBound()
    {
        return tinyBound || (null != fixedBound && fixedBound.compareTo(Duration.ofMillis(2)) <= 0);
    }

    /**
     * Whether the pool's interrupt grace is zero or under a millisecond.
     *
     * @return true with a tiny grace.
     */
    public boolean tinyGrace()
    {
        return interruptGrace.compareTo(Duration.ofMillis(1)) < 0;
    }

    /**
     * The result ring's size when the run sets a small one.
     *
     * @return 1, 2 or 4; 0 when the ring has the default size.
     */
    public int resultRingSize()
    {
        return resultRingSize;
    }

    /**
     * How the poller behaves, for a run whose results are polled.
     *
     * @return the poller's style; null when results are not polled.
     */
    public PollerStyle pollerStyle()
    {
        return results == Results.POLL ? pollerStyle : null;
    }

    /**
     * Whether a thread cancels recent handles while the shutdown runs.
     *
     * @return true with cancels racing the halt.
     */
    public boolean cancelRace()
    {
        return cancelRace;
    }

    /**
     * The tally of a finished run, verified: every sequence accounted for exactly once.
     *
     * @param report    the pool's shutdown report.
     * @param accepted  publishes the producers saw accepted.
     * @param rejected  publishes the producers saw rejected.
     * @param processed tasks whose handler ran to an outcome.
     * @param delivered outcomes the result side received.
     * @param millis    the run's duration.
     */
    public record Tally(ShutdownReport<Task, ?> report, long accepted, long rejected, long processed,
                        long delivered, long millis)
    {
        @Override
        public String toString()
        {
            return "accepted=" + accepted + " rejected=" + rejected + " processed=" + processed + " delivered=" +
                delivered + " completed=" + report.completed() + " failed=" + report.failed() + " cancelled=" +
                report.cancelled() + " returned=" + report.returned() + " abandoned=" + report.abandoned() +
                " undelivered=" + report.undelivered() + " in " + millis + " ms";
        }
    }

    /**
     * Runs and verifies; throws {@link AssertionError} naming the broken promise and the seed.
     *
     * @return the tally.
     */
    /**
     * How long producers may take to publish everything before the run counts as hung: 20 s, plus 500 µs a task, so
     * that a large run on an oversubscribed machine (a ring of 8 shared by three producers and four workers on two
     * cores, with a soak and jcstress beside it: 221k tasks once took over 42 s) is slow, not failed; a real hang
     * still fails.
     */
    private Duration producersBound()
    {
        return LONG.plus(Duration.ofNanos(500_000L * tasksPerProducer * producers));
    }

    public Tally execute()
    {
        final long started = System.nanoTime();
        final int capacity = (int)(producers * tasksPerProducer + producers * (16L + ABORT_BUDGET) + ringSize + 64);
        runs = new AtomicIntegerArray(capacity);
        exits = new AtomicIntegerArray(capacity);
        delivered = new AtomicIntegerArray(capacity);
        outcomeStatus = new AtomicIntegerArray(capacity);
        cancelledOk = new AtomicIntegerArray(capacity);
        lastOfKey = new AtomicLongArray(KEYS);
        for (int k = 0; k < KEYS; k++)
        {
            lastOfKey.set(k, -1);
        }
        lastOfWorker = new long[workers];
        java.util.Arrays.fill(lastOfWorker, -1);

        final RingPool<Task, ?> pool = build();
        this.pool = pool;
        pool.start();
        final Producer[] producerThreads = new Producer[producers];
        for (int p = 0; p < producers; p++)
        {
            producerThreads[p] = new Producer(pool, p, random.split());
        }
        final boolean selfEnding = results == Results.POLL && pollerStyle == PollerStyle.SELF;
        Thread poller = null;
        if (results == Results.POLL)
        {
            final SplittableRandom pollRandom = random.split();
            poller = selfEnding ?
                new Thread(() -> pollAndEnd(pool, producerThreads, pollRandom), "stress-poller") :
                new Thread(() -> poll(pool, pollRandom), "stress-poller");
        }
        Thread canceller = null;
        if (cancelRace)
        {
            final SplittableRandom cancelRandom = random.split();
            canceller = new Thread(() -> cancelAround(pool, producerThreads, cancelRandom), "stress-canceller");
        }
        if (null != poller)
        {
            poller.start();
        }
        if (null != canceller)
        {
            canceller.start();
        }
        // With ProducerType.SINGLE there is one producer thread, and no other thread ever publishes.
        for (final Producer producer : producerThreads)
        {
            producer.thread.start();
        }
        final ShutdownReport<Task, ?> report;
        try
        {
            if (selfEnding)
            {
                join(poller, Duration.ofSeconds(60));
                report = selfReport;
                if (null == report)
                {
                    fail("the polling thread that ran the shutdown got no report (it threw " + pollerFailure +
                        "); " + this);
                }
            }
            else
            {
                report = end(pool, producerThreads, null);
            }
            for (final Producer producer : producerThreads)
            {
                join(producer.thread, producersBound());
            }
            if (null != poller)
            {
                join(poller);
            }
            if (null != canceller)
            {
                join(canceller);
            }
        }
        finally
        {
            finished = true;
        }
        final Tally tally = verify(report, producerThreads, started);
        if (!Boolean.getBoolean("ringpool.stress.quiet"))
        {
            System.out.println("[stress] " + this + " -> " + tally);
        }
        return tally;
    }

    @SuppressWarnings("unchecked")
    private RingPool<Task, ?> build()
    {
        final RingPoolBuilder<Task, Object> builder = results == Results.NONE ?
            (RingPoolBuilder<Task, Object>)(RingPoolBuilder<?, ?>)RingPool.builder(Task::new) :
            (RingPoolBuilder<Task, Object>)(RingPoolBuilder<?, ?>)
                RingPool.builder(Task::new, Result::new);
        builder
            .name("stress")
            .workers(workers)
            .ringSize(ringSize)
            .producerType(producerType)
            .dispatch(dispatch)
            .waitStrategy(waits.make.get())
            .interruptGrace(interruptGrace)
            .failureListener((task, sequence, workerId, cause) ->
            {
            })
            .handler(this::onTask);
        if (cancels)
        {
            builder.cancellable();
        }
        if (dispatch == Dispatch.KEYED)
        {
            builder.keyExtractor(task -> keyOf(task.value));
        }
        if (results != Results.NONE)
        {
            builder.resultOrder(order);
            if (order == ResultOrder.COMPLETION)
            {
                builder.resultWaitStrategy(waits.make.get());
            }
            if (resultRingSize > 0)
            {
                builder.resultRingSize(resultRingSize);
            }
            if (results == Results.HANDLER)
            {
                builder.resultHandler((outcome, endOfBatch) -> onOutcome(outcome, false));
            }
            else
            {
                builder.pollResults();
            }
        }
        return builder.build();
    }

    private void onTask(final Task task, final Object result, final TaskContext context)
    {
        final long sequence = context.sequence();
        handlersInside.incrementAndGet();
        try
        {
            runTask(task, result, context, sequence);
        }
        finally
        {
            // What a halt may do with this task depends on whether its handler was still running when interrupted,
            // or had returned only once the shutdown began (then the worker may not have counted it before the halt
            // gave up: abandoned, which a zero interruptGrace makes likely).
            exits.set((int)sequence, Thread.currentThread().isInterrupted() ? RETURNED_INTERRUPTED :
                pool.state() == PoolState.RUNNING ? RETURNED : RETURNED_IN_SHUTDOWN);
            handlersInside.decrementAndGet();
        }
    }

    private void runTask(final Task task, final Object result, final TaskContext context, final long sequence)
    {
        final int worker = context.workerId();
        if (runs.incrementAndGet((int)sequence) > 1)
        {
            violations.add("task " + sequence + " ran twice");
        }
        if (task.value != stamp(sequence))
        {
            violations.add("worker " + worker + " saw a stale or foreign task at " + sequence);
        }
        if (dispatch != Dispatch.WORK_STEALING)
        {
            if (lastOfWorker[worker] >= sequence)
            {
                violations.add("worker " + worker + " ran " + sequence + " after " + lastOfWorker[worker]);
            }
            lastOfWorker[worker] = sequence;
        }
        if (dispatch == Dispatch.ID_SEQUENCED && sequence % workers != worker)
        {
            violations.add("task " + sequence + " ran on worker " + worker);
        }
        if (dispatch == Dispatch.KEYED && lastOfKey.getAndAccumulate(keyOf(task.value), sequence, Math::max) > sequence)
        {
            violations.add("key order broken at " + sequence);
        }
        if (sequence % 4096 == 7)
        {
            LockSupport.parkNanos(20_000L);
        }
        if (slowTasks && sequence % 64 == 3)
        {
            LockSupport.parkNanos(100_000L);
        }
        if (stuckTask && sequence == STUCK_SEQUENCE)
        {
            stuckStarted = true;
            // Wait a little for a halt to begin, then stay deaf to its interrupt for longer than its bound plus the
            // interrupt grace: a halt that lands meanwhile must report this task abandoned.
            final long haltWait = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (!context.haltRequested() && System.nanoTime() - haltWait < 0)
            {
                LockSupport.parkNanos(1_000_000L);
            }
            final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
            while (System.nanoTime() - until < 0)
            {
                LockSupport.parkNanos(1_000_000L);
            }
        }
        if (fatalTask && sequence == FATAL_SEQUENCE)
        {
            final AssertionError fatal = new AssertionError("planned Error at " + sequence);
            fatalThrown = fatal;
            throw fatal;
        }
        if (failures && failing(sequence))
        {
            throw new IllegalStateException("planned failure of " + sequence);
        }
        if (result instanceof Result)
        {
            ((Result)result).value = task.value;
        }
    }

    private boolean onOutcome(final Outcome<?> outcome, final boolean afterReport)
    {
        if (results == Results.HANDLER && null == resultThread)
        {
            resultThread = Thread.currentThread();
        }
        final long sequence = outcome.taskSequence();
        if (sequence < 0 || sequence >= delivered.length())
        {
            violations.add("an outcome for sequence " + sequence + ", which was never handed out");
            return true;
        }
        delivered.incrementAndGet((int)sequence);
        outcomeStatus.set((int)sequence, outcome.status().ordinal() + 1);
        if (afterReport)
        {
            violations.add("poll handed out the " + outcome.status() + " outcome of " + sequence +
                " after the report was made");
        }
        if (outcome.status() == OutcomeStatus.COMPLETED && ((Result)outcome.result()).value != stamp(sequence))
        {
            violations.add("outcome of " + sequence + " carries another task's result");
        }
        if (order == ResultOrder.SUBMISSION)
        {
            if (sequence <= lastDelivered)
            {
                violations.add("submission order: outcome " + sequence + " after " + lastDelivered);
            }
            lastDelivered = sequence;
        }
        if (slowResultHandler && sequence % 16 == 5)
        {
            LockSupport.parkNanos(30_000L);
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------------ pollers

    /**
     * Polls once; {@code afterReport} says whether the caller saw the report before it polled, in which case any
     * outcome handed out breaks the contract.
     */
    private EventPoller.PollState pollOnce(
        final ResultPoller<Object> poller, final boolean afterReport, final SplittableRandom random)
    {
        final boolean lazy = pollerStyle == PollerStyle.LAZY;
        return poller.poll((outcome, endOfBatch) ->
        {
            onOutcome(outcome, afterReport);
            // A lazy poller often ends its poll after one outcome.
            return !lazy || random.nextInt(4) != 0;
        });
    }

    @SuppressWarnings("unchecked")
    private void poll(final RingPool<Task, ?> pool, final SplittableRandom random)
    {
        final ResultPoller<Object> poller = (ResultPoller<Object>)pool.resultPoller();
        // A poller that quits stops after a random number of polls, a third of them before its first one.
        final long quitAfter = pollerStyle != PollerStyle.QUITS ? Long.MAX_VALUE :
            random.nextInt(3) == 0 ? 0 : random.nextLong(1, 2_000);
        long polls = 0;
        try
        {
            while (polls++ < quitAfter && !finished)
            {
                // FAILED comes before the report: keep polling until the shutdown has finished.
                final boolean reported = pool.report().isPresent();
                final EventPoller.PollState state = pollOnce(poller, reported, random);
                if (reported)
                {
                    if (state != EventPoller.PollState.IDLE)
                    {
                        violations.add("the first poll after the report returned " + state + ", not IDLE");
                    }
                    return;
                }
                if (pollerStyle == PollerStyle.LAZY && random.nextInt(256) == 0)
                {
                    // Now and then a long pause: the result ring fills, and workers wait for it.
                    LockSupport.parkNanos(200_000L + random.nextInt(1_000_000));
                }
                else if (state == EventPoller.PollState.IDLE)
                {
                    Thread.yield();
                }
            }
        }
        catch (final Throwable ex)
        {
            pollerFailure = ex;
        }
    }

    /** SELF: polls while waiting for the moment to stop the pool, stops it from this thread, then polls again. */
    @SuppressWarnings("unchecked")
    private void pollAndEnd(
        final RingPool<Task, ?> pool, final Producer[] producerThreads, final SplittableRandom random)
    {
        final ResultPoller<Object> poller = (ResultPoller<Object>)pool.resultPoller();
        try
        {
            selfReport = end(pool, producerThreads, () ->
            {
                if (pollOnce(poller, false, random) == EventPoller.PollState.IDLE)
                {
                    Thread.yield();
                }
            });
            for (int i = 0; i < 3; i++)
            {
                final EventPoller.PollState state = pollOnce(poller, true, random);
                if (state != EventPoller.PollState.IDLE)
                {
                    violations.add("a poll after the report (by the thread that stopped the pool) returned " + state +
                        ", not IDLE");
                }
            }
        }
        catch (final Throwable ex)
        {
            pollerFailure = ex;
        }
    }

    // ---------------------------------------------------------------------------------------------------- canceller

    /** Cancels recent handles now and then, and as fast as it can once the shutdown has begun. */
    private void cancelAround(
        final RingPool<Task, ?> pool, final Producer[] producerThreads, final SplittableRandom random)
    {
        try
        {
            int afterReport = 0;
            while (afterReport < 16 && !finished)
            {
                final boolean reported = pool.report().isPresent();
                if (reported)
                {
                    afterReport++;
                }
                final Producer producer = producerThreads[random.nextInt(producerThreads.length)];
                final int n = producer.count;
                if (n > 0)
                {
                    final long victim = producer.sequences[n - 1 - random.nextInt(Math.min(n, 32))];
                    if (pool.cancel(victim))
                    {
                        cancelledOk.set((int)victim, 1);
                        if (reported)
                        {
                            violations.add("cancel(" + victim + ") returned true after the report was made");
                        }
                    }
                }
                if (stopping || reported)
                {
                    Thread.yield();
                }
                else
                {
                    LockSupport.parkNanos(200_000L);
                }
            }
        }
        catch (final Throwable ex)
        {
            cancellerFailure = ex;
        }
    }

    // ------------------------------------------------------------------------------------------------------ endings

    /**
     * Waits for the moment to stop the pool, then drains or halts it.
     *
     * @param idle what to do while waiting; null: yield (and join the producers for a drain after all).
     */
    private ShutdownReport<Task, ?> end(
        final RingPool<Task, ?> pool, final Producer[] producerThreads, final Runnable idle)
    {
        final Runnable pause = null != idle ? idle : Thread::yield;
        final boolean halt;
        final Duration chosen;
        switch (ending)
        {
            case DRAIN_AFTER_ALL:
                for (final Producer producer : producerThreads)
                {
                    if (null == idle)
                    {
                        join(producer.thread, producersBound());
                    }
                    else
                    {
                        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                        while (producer.thread.isAlive() && System.nanoTime() - deadline < 0)
                        {
                            idle.run();
                        }
                    }
                }
                halt = false;
                chosen = Duration.ofSeconds(60);
                break;
            case DRAIN_RACING:
                pauseRandomly(producerThreads, pause);
                halt = false;
                chosen = tinyBound ? drawTinyBound() : Duration.ofMillis(random.nextInt(
                    pollerStyle == PollerStyle.QUITS || pollerStyle == PollerStyle.SELF ? 100 : 2_000));
                break;
            default:
                if (stuckTask)
                {
                    // Halt while the stuck task is in hand, if the run gets that far.
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (!stuckStarted && anyAlive(producerThreads) && System.nanoTime() - deadline < 0 &&
                        !stalled(producerThreads))
                    {
                        pause.run();
                    }
                }
                else
                {
                    pauseRandomly(producerThreads, pause);
                }
                halt = true;
                chosen = tinyBound ? drawTinyBound() : Duration.ofMillis(random.nextInt(50));
                break;
        }
        bound = null != fixedBound && ending != Ending.DRAIN_AFTER_ALL ? fixedBound : chosen;
        stopping = true;
        final ShutdownReport<Task, ?> report = halt ? pool.halt(bound) : pool.drain(bound);
        // Copied at once: the entries must keep their sequence and status whatever a late worker does.
        final List<long[]> listed = new ArrayList<>();
        for (final Outcome<?> outcome : report.undeliveredResults())
        {
            final Object result = outcome.result();
            listed.add(new long[] { outcome.taskSequence(), outcome.status().ordinal(),
                result instanceof Result ? ((Result)result).value : Long.MIN_VALUE });
        }
        undeliveredAtReport = listed;
        return report;
    }

    /** Zero a third of the time, else 1 µs to 2 ms. */
    private Duration drawTinyBound()
    {
        return random.nextInt(3) == 0 ? Duration.ZERO : Duration.ofNanos(1_000 + random.nextInt(1_999_000));
    }

    private long lastProgressCount = -1;
    private long lastProgressAt;

    /**
     * True once no producer has got a publish accepted for 50 ms, in a run whose poller quits (nobody reads the full
     * result ring, so the producers wait for good); always false otherwise.
     */
    private boolean stalled(final Producer[] producerThreads)
    {
        if (results != Results.POLL || pollerStyle != PollerStyle.QUITS)
        {
            return false;
        }
        final long now = System.nanoTime();
        final long count = acceptedSoFar(producerThreads);
        if (count != lastProgressCount)
        {
            lastProgressCount = count;
            lastProgressAt = now;
            return false;
        }
        return now - lastProgressAt > TimeUnit.MILLISECONDS.toNanos(50);
    }

    private void pauseRandomly(final Producer[] producerThreads, final Runnable pause)
    {
        final long target = random.nextLong(Math.max(1, tasksPerProducer * producers));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (acceptedSoFar(producerThreads) < target && anyAlive(producerThreads) &&
            System.nanoTime() - deadline < 0 && !stalled(producerThreads))
        {
            pause.run();
        }
    }

    private static long acceptedSoFar(final Producer[] producerThreads)
    {
        long total = 0;
        for (final Producer producer : producerThreads)
        {
            total += producer.count;
        }
        return total;
    }

    private static boolean anyAlive(final Producer[] producerThreads)
    {
        for (final Producer producer : producerThreads)
        {
            if (producer.thread.isAlive())
            {
                return true;
            }
        }
        return false;
    }

    // ----------------------------------------------------------------------------------------------- verification

    private static String statusName(final int ordinal)
    {
        return ordinal >= 0 && ordinal < OutcomeStatus.values().length ? OutcomeStatus.values()[ordinal].name() :
            "status#" + ordinal;
    }

    /** Where a handle ended, and what its handler did: for the failure message. */
    private String whereIs(
        final long sequence, final Integer undeliveredStatus, final boolean returned, final Integer abandonedBy)
    {
        final int s = (int)sequence;
        final StringBuilder where = new StringBuilder("[");
        final int count = delivered.get(s);
        if (count > 0)
        {
            where.append("delivered ").append(count).append("x ").append(statusName(outcomeStatus.get(s) - 1))
                .append(", ");
        }
        if (null != undeliveredStatus)
        {
            where.append("undelivered ").append(statusName(undeliveredStatus)).append(", ");
        }
        if (returned)
        {
            where.append("returned, ");
        }
        if (null != abandonedBy)
        {
            where.append("abandoned by worker ").append(abandonedBy).append(", ");
        }
        final int ran = runs.get(s);
        where.append("handler ").append(ran == 0 ? "never ran" : switch (exits.get(s))
        {
            case RETURNED -> "returned";
            case RETURNED_INTERRUPTED -> "returned interrupted";
            case RETURNED_IN_SHUTDOWN -> "returned after the shutdown began";
            default -> "still running";
        });
        if (cancelledOk.get(s) == 1)
        {
            where.append(", cancel() returned true");
        }
        return where.append(']').toString();
    }

    private Tally verify(
        final ShutdownReport<Task, ?> report, final Producer[] producerThreads, final long started)
    {
        final List<String> problems = new ArrayList<>();
        if (results == Results.POLL)
        {
            afterReportPoll(problems);
        }
        final Thread collector = resultThread;
        if (null != collector)
        {
            // An outcome the collector took on before the report may reach the handler a moment after it.
            try
            {
                collector.join(2_000L);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        if (!undeliveredAtReport.isEmpty())
        {
            checkUndeliveredKept(report, problems);
        }
        if (!violations.isEmpty())
        {
            synchronized (violations)
            {
                problems.add(violations.size() + " violation(s) during the run, first: " +
                    violations.subList(0, Math.min(5, violations.size())));
            }
        }
        if (null != pollerFailure)
        {
            problems.add("the poller thread threw " + pollerFailure);
        }
        if (null != cancellerFailure)
        {
            problems.add("the cancelling thread threw " + cancellerFailure);
        }
        if (!report.isBalanced())
        {
            problems.add("report not balanced: published " + report.published() + " != completed + failed + " +
                "cancelled + expired + returned + abandoned = " + (report.completed() + report.failed() +
                report.cancelled() + report.expired() + report.returned() + report.abandoned()));
        }
        for (final String note : report.notes())
        {
            if (note.contains("miscounted"))
            {
                problems.add("the report admits a miscount: '" + note + "'");
            }
        }

        final Set<Long> accepted = new HashSet<>();
        long rejected = 0;
        for (final Producer producer : producerThreads)
        {
            if (null != producer.unexpected)
            {
                problems.add("producer " + producer.id + " threw " + producer.unexpected);
            }
            for (int i = 0; i < producer.count; i++)
            {
                if (!accepted.add(producer.sequences[i]))
                {
                    problems.add("sequence handed out twice: " + producer.sequences[i]);
                }
            }
            rejected += producer.rejected;
        }
        if (accepted.size() != report.published())
        {
            problems.add("report.published() is " + report.published() + " but the producers got " +
                accepted.size() + " handles");
        }

        final Set<Long> returned = new HashSet<>();
        for (final ReturnedTask<Task> task : report.returnedTasks())
        {
            if (!returned.add(task.sequence()))
            {
                problems.add("listed returned twice: " + task.sequence());
            }
            if (task.task().value != stamp(task.sequence()))
            {
                problems.add("returned task " + task.sequence() + " carries another task's object");
            }
        }
        final Map<Long, Integer> abandoned = new HashMap<>();
        for (final AbandonedTask task : report.abandonedTasks())
        {
            if (null != abandoned.put(task.sequence(), task.workerId()))
            {
                problems.add("listed abandoned twice: " + task.sequence());
            }
        }
        final Map<Long, Integer> undelivered = new HashMap<>();
        final Map<Long, Long> undeliveredValue = new HashMap<>();
        for (final long[] outcome : undeliveredAtReport)
        {
            if (null != undelivered.put(outcome[0], (int)outcome[1]))
            {
                problems.add("listed undelivered twice: " + outcome[0]);
            }
            undeliveredValue.put(outcome[0], outcome[2]);
        }

        final long[] statusCounts = new long[OutcomeStatus.values().length];
        long processed = 0;
        long expectedFailures = 0;
        long expectedCancelled = 0;
        long deliveredTotal = 0;
        final boolean withResults = results != Results.NONE;
        for (int s = 0; s < runs.length(); s++)
        {
            final long sequence = s;
            final int ran = runs.get(s);
            final int exit = exits.get(s);
            final boolean wasCancelled = cancelledOk.get(s) == 1;
            final int deliveredCount = delivered.get(s);
            deliveredTotal += deliveredCount;
            final Integer undeliveredStatus = undelivered.isEmpty() ? null : undelivered.get(sequence);
            final boolean isReturned = !returned.isEmpty() && returned.contains(sequence);
            final Integer abandonedBy = abandoned.isEmpty() ? null : abandoned.get(sequence);
            final boolean isAbandoned = null != abandonedBy;
            final int places = deliveredCount + (null != undeliveredStatus ? 1 : 0) + (isReturned ? 1 : 0) +
                (isAbandoned ? 1 : 0);
            if (!accepted.contains(sequence))
            {
                if (places > 0 || ran > 0 || wasCancelled)
                {
                    problems.add("sequence " + sequence + " was never accepted, yet " +
                        whereIs(sequence, undeliveredStatus, isReturned, abandonedBy));
                }
                continue;
            }
            if (wasCancelled)
            {
                expectedCancelled++;
            }
            if (ran == 1 && !isAbandoned)
            {
                processed++;
                if (failsAt(sequence))
                {
                    expectedFailures++;
                }
            }

            // Exactly one place.
            if (withResults && places != 1)
            {
                problems.add("handle " + sequence + " is in " + places + " places, not exactly one: " +
                    whereIs(sequence, undeliveredStatus, isReturned, abandonedBy));
            }
            if (!withResults && (places > 1 || (places == 0 && ran == 0 && !wasCancelled)))
            {
                problems.add("handle " + sequence + " is " + (places > 1 ? "in two places" : "nowhere") + ": " +
                    whereIs(sequence, undeliveredStatus, isReturned, abandonedBy));
            }

            // What the handler did must agree with where the task ended.
            if (wasCancelled && ran > 0)
            {
                problems.add("task " + sequence + " ran although cancel() returned true: " +
                    whereIs(sequence, undeliveredStatus, isReturned, abandonedBy));
            }
            if (wasCancelled && (isReturned || isAbandoned))
            {
                problems.add("cancel(" + sequence + ") returned true, yet the task ended " +
                    (isReturned ? "returned" : "abandoned") + ", not CANCELLED: " +
                    whereIs(sequence, undeliveredStatus, isReturned, abandonedBy));
            }
            if (isReturned && ran > 0)
            {
                problems.add("task " + sequence + " ran and was also returned");
            }
            if (isAbandoned && (ran == 0 || exit == RETURNED))
            {
                problems.add("task " + sequence + " reported abandoned, but " +
                    (ran == 0 ? "its handler never ran" : "its handler had returned while the pool still ran") + ": " +
                    whereIs(sequence, undeliveredStatus, isReturned, abandonedBy));
            }
            if (ran > 0 && exit == NOT_RETURNED && !isAbandoned)
            {
                problems.add("task " + sequence + "'s handler is still running after the report, but it is not " +
                    "abandoned: " + whereIs(sequence, undeliveredStatus, isReturned, abandonedBy));
            }
            if (!withResults && ran == 0 && !isReturned && !isAbandoned && !wasCancelled)
            {
                problems.add("accepted, never run, not returned, not cancelled: " + sequence);
            }

            // The outcome's status.
            if (withResults)
            {
                if (deliveredCount > 0)
                {
                    checkStatus(sequence, outcomeStatus.get(s) - 1, ran, exit, wasCancelled, "delivered", problems);
                    statusCounts[outcomeStatus.get(s) - 1] += deliveredCount;
                }
                if (null != undeliveredStatus)
                {
                    checkStatus(sequence, undeliveredStatus, ran, exit, wasCancelled, "undelivered", problems);
                    statusCounts[undeliveredStatus]++;
                    if (undeliveredStatus == OutcomeStatus.COMPLETED.ordinal() &&
                        undeliveredValue.get(sequence) != stamp(sequence))
                    {
                        problems.add("undelivered outcome of " + sequence + " carries another task's result");
                    }
                }
            }
        }

        // The counts.
        if (withResults)
        {
            final long[] reported = { report.completed(), report.failed(), report.cancelled(), report.expired() };
            for (final OutcomeStatus status : OutcomeStatus.values())
            {
                if (reported[status.ordinal()] != statusCounts[status.ordinal()])
                {
                    problems.add("report counts " + reported[status.ordinal()] + " " + status + " but " +
                        statusCounts[status.ordinal()] + " " + status + " outcomes were delivered or listed " +
                        "undelivered");
                }
            }
        }
        if (processed != report.completed() + report.failed())
        {
            problems.add("handlers that ran and were not abandoned: " + processed + ", report's completed + failed: " +
                (report.completed() + report.failed()));
        }
        if (expectedFailures != report.failed())
        {
            problems.add("handlers that ran and threw: " + expectedFailures + ", report's failed: " + report.failed());
        }
        if (expectedCancelled != report.cancelled())
        {
            problems.add("cancel() returned true " + expectedCancelled + " times, report's cancelled: " +
                report.cancelled());
        }
        if (report.expired() != 0)
        {
            problems.add("expired " + report.expired() + " without deadlines");
        }

        final boolean failedPool = report.finalState() == PoolState.FAILED;
        if (failedPool != (null != report.cause()))
        {
            problems.add("finalState " + report.finalState() + " with cause " + report.cause() +
                ": a cause exactly when FAILED");
        }
        if (failedPool && !fatalTask)
        {
            problems.add("the pool failed without a planned Error: " + report.cause());
        }
        if (fatalTask && fatalCounted(undelivered, abandoned))
        {
            if (!failedPool || report.cause() != fatalThrown)
            {
                problems.add("the report counts the task that threw an Error (" + FATAL_SEQUENCE + ") as failed, " +
                    "yet its finalState is " + report.finalState() + " with cause " + report.cause());
            }
        }
        // A drain waits for the result consumer (a poller on another live thread too) to take every outcome. Nobody
        // else polls when the drain runs on the polling thread itself, or the poller quit (its thread may have ended
        // before the drain began): then the drain lists what is left.
        final boolean nobodyElsePolls = results == Results.POLL &&
            (pollerStyle == PollerStyle.SELF || pollerStyle == PollerStyle.QUITS);
        if (report.drained() && report.undelivered() > 0 && !nobodyElsePolls)
        {
            problems.add("the report says drained, yet lists " + report.undelivered() + " outcomes undelivered");
        }
        if (ending == Ending.DRAIN_AFTER_ALL && !failedPool)
        {
            if (!report.drained())
            {
                problems.add("a drain after every publish, within 60 s, did not drain");
            }
            if (report.returned() != 0 || rejected != 0)
            {
                problems.add("a drain after every publish returned " + report.returned() + " tasks and rejected " +
                    rejected + " publishes");
            }
        }

        if (!problems.isEmpty())
        {
            fail(describe(problems, report));
        }
        return new Tally(report, accepted.size(), rejected, processed, deliveredTotal,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * The failure message: the seed, how many promises broke, the first example of each kind of break (with how
     * many of that kind), the run's parameters and the report.
     */
    private String describe(final List<String> problems, final ShutdownReport<Task, ?> report)
    {
        final Map<String, Integer> perKind = new java.util.LinkedHashMap<>();
        final Map<String, String> example = new HashMap<>();
        for (final String problem : problems)
        {
            // Numbers differ from one instance of a break to the next; the words and the bracketed fate do not.
            final String kind = problem.replaceAll("[0-9]+", "#");
            perKind.merge(kind, 1, Integer::sum);
            example.putIfAbsent(kind, problem);
        }
        final StringBuilder message = new StringBuilder();
        message.append(problems.size()).append(" broken promise(s) in stress run seed=").append(seed)
            .append(" (replay: ConcurrencyStressTest with -Dringpool.seed=").append(seed).append(", shape from ")
            .append(origin).append("): ");
        int shown = 0;
        for (final Map.Entry<String, Integer> kind : perKind.entrySet())
        {
            if (shown++ == MAX_PROBLEMS_SHOWN)
            {
                message.append(" | ... and ").append(perKind.size() - MAX_PROBLEMS_SHOWN).append(" more kinds");
                break;
            }
            message.append(shown == 1 ? "" : " | ").append(example.get(kind.getKey()));
            if (kind.getValue() > 1)
            {
                message.append(" (x").append(kind.getValue()).append(')');
            }
        }
        return message.append("; run: ").append(this).append("; report: ").append(report).toString();
    }

    private void checkStatus(
        final long sequence,
        final int status,
        final int ran,
        final int exit,
        final boolean wasCancelled,
        final String where,
        final List<String> problems)
    {
        final int expected;
        if (ran > 0)
        {
            expected = failsAt(sequence) ? OutcomeStatus.FAILED.ordinal() : OutcomeStatus.COMPLETED.ordinal();
            if (exit == NOT_RETURNED)
            {
                problems.add("an outcome of " + sequence + " is " + where + " while its handler is still running");
            }
        }
        else
        {
            expected = OutcomeStatus.CANCELLED.ordinal();
            if (!wasCancelled)
            {
                problems.add("the " + where + " " + statusName(status) + " outcome of " + sequence +
                    " belongs to a task that never ran and was never cancelled");
                return;
            }
        }
        if (status != expected)
        {
            problems.add("the " + where + " outcome of " + sequence + " is " + statusName(status) + ", expected " +
                statusName(expected));
        }
    }

    /** Whether the report counts the Error-throwing task as failed (it ran, returned, and was not abandoned). */
    private boolean fatalCounted(final Map<Long, Integer> undelivered, final Map<Long, Integer> abandoned)
    {
        final int s = (int)FATAL_SEQUENCE;
        if (s >= runs.length() || runs.get(s) == 0 || abandoned.containsKey(FATAL_SEQUENCE))
        {
            return false;
        }
        if (results == Results.NONE)
        {
            return exits.get(s) != NOT_RETURNED;
        }
        return delivered.get(s) > 0 || undelivered.containsKey(FATAL_SEQUENCE);
    }

    /** After the report, a poll hands out nothing. The poller thread has ended: this thread may poll now. */
    @SuppressWarnings("unchecked")
    private void afterReportPoll(final List<String> problems)
    {
        final ResultPoller<Object> poller = (ResultPoller<Object>)pool.resultPoller();
        final List<String> handed = new ArrayList<>();
        final EventPoller.PollState state = poller.poll((outcome, endOfBatch) ->
        {
            if (handed.size() < 3)
            {
                handed.add(outcome.status() + " " + outcome.taskSequence());
            }
            onOutcome(outcome, true);
            return true;
        });
        if (state != EventPoller.PollState.IDLE || !handed.isEmpty())
        {
            problems.add("a poll after the report returned " + state + (handed.isEmpty() ? "" :
                " and handed out " + handed + (handed.size() == 3 ? "..." : "")) + ", not IDLE");
        }
    }

    /**
     * The undelivered entries keep their sequence and status after the report, even once a worker that outlived the
     * report has finished: waits (a bounded while) for every handler to return, then compares.
     */
    private void checkUndeliveredKept(final ShutdownReport<Task, ?> report, final List<String> problems)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (handlersInside.get() > 0 && System.nanoTime() - deadline < 0)
        {
            LockSupport.parkNanos(1_000_000L);
        }
        LockSupport.parkNanos(2_000_000L);
        final List<long[]> before = undeliveredAtReport;
        final List<? extends Outcome<?>> now = report.undeliveredResults();
        for (int i = 0; i < before.size() && i < now.size(); i++)
        {
            final Outcome<?> outcome = now.get(i);
            if (outcome.taskSequence() != before.get(i)[0] || outcome.status().ordinal() != before.get(i)[1])
            {
                problems.add("undelivered entry " + i + " changed after the report: was " + before.get(i)[0] + " " +
                    statusName((int)before.get(i)[1]) + ", now " + outcome.taskSequence() + " " + outcome.status());
                return;
            }
        }
    }


    /** Joins a thread with the {@link #LONG} bound; fails the run if it does not end. */
    private static void join(final Thread thread)
    {
        join(thread, LONG);
    }

    /** Joins a thread with a bound; fails the run if it does not end. */
    private static void join(final Thread thread, final Duration bound)
    {
        try
        {
            thread.join(bound.toMillis());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive())
        {
            fail("thread " + thread.getName() + " did not end within " + bound);
        }
    }

    /** Fails the run: an {@link AssertionError}, which JUnit reports as a failure and the soak counts as one. */
    private static void fail(final String message)
    {
        throw new AssertionError(message);
    }

    /** A producer that records every sequence it got accepted and every cancel that won, and stops when rejected. */
    private final class Producer implements Runnable
    {
        final int id;
        final RingPool<Task, ?> pool;
        final SplittableRandom random;
        final long[] sequences;
        final Thread thread;
        volatile int count;
        long rejected;
        /** Slots this producer may still abort ({@link #ABORT_BUDGET} in all). */
        int abortBudget = ABORT_BUDGET;
        Throwable unexpected;

        Producer(final RingPool<Task, ?> pool, final int id, final SplittableRandom random)
        {
            this.pool = pool;
            this.id = id;
            this.random = random;
            this.sequences = new long[(int)tasksPerProducer];
            this.thread = new Thread(this, "stress-producer-" + id);
        }

        @Override
        public void run()
        {
            final Object[] batchArgs = new Object[16];
            try
            {
                int n = 0;
                while (n < sequences.length)
                {
                    final int choice = mixedPublishCalls ? random.nextInt(10) : 0;
                    if (choice == 9 && sequences.length - n >= 4 && ringSize >= 4)
                    {
                        final int batch = Math.min(1 + random.nextInt(Math.min(16, ringSize)), sequences.length - n);
                        final long first = pool.publishBatch(STAMP, batchArgs, 0, batch);
                        for (int i = 0; i < batch; i++)
                        {
                            sequences[n++] = first + i;
                        }
                    }
                    else if (choice == 7)
                    {
                        n = claimAndCommit(n);
                    }
                    else if (choice == 8)
                    {
                        final long sequence = pool.tryPublish(STAMP, null);
                        if (sequence >= 0)
                        {
                            sequences[n++] = sequence;
                        }
                        else
                        {
                            Thread.yield();
                        }
                    }
                    else
                    {
                        sequences[n++] = pool.publish(STAMP, null);
                    }
                    count = n;
                    if (cancels && n > 0 && random.nextInt(16) == 0)
                    {
                        cancel(sequences[n - 1 - random.nextInt(Math.min(n, 8))]);
                    }
                }
            }
            catch (final RejectedExecutionException ex)
            {
                rejected++;
                if (cancelRace)
                {
                    // The halt is running or done: cancel the last few handles while it settles them.
                    final int n = count;
                    for (int i = 1; i <= Math.min(n, 8); i++)
                    {
                        cancel(sequences[n - i]);
                    }
                }
            }
            catch (final Throwable ex)
            {
                unexpected = ex;
            }
        }

        /**
         * Publishes through the thread's {@code Producer} handle: a claim of 1 to 16 slots (waiting, or a try that may
         * find no room), filled in place; one claim in eight is aborted instead of committed, within the producer's
         * abort budget.
         *
         * @return the number of sequences recorded so far.
         */
        private int claimAndCommit(final int recorded)
        {
            int n = recorded;
            final io.ringpool.Producer<Task> producer = pool.producer();
            final int size = Math.min(1 + random.nextInt(Math.min(16, ringSize)), sequences.length - n);
            final long first = random.nextBoolean() ? producer.claim(size) : producer.tryClaim(size);
            if (first < 0)
            {
                Thread.yield();
                return n;
            }
            for (int i = 0; i < size; i++)
            {
                producer.task(first + i).value = stamp(first + i);
            }
            if (random.nextInt(8) == 0 && size <= abortBudget)
            {
                abortBudget -= size;
                producer.abort(first);
                return n;
            }
            producer.commit(first);
            for (int i = 0; i < size; i++)
            {
                sequences[n++] = first + i;
            }
            return n;
        }

        private void cancel(final long victim)
        {
            final boolean reported = pool.report().isPresent();
            if (pool.cancel(victim))
            {
                cancelledOk.set((int)victim, 1);
                if (reported)
                {
                    violations.add("cancel(" + victim + ") returned true after the report was made");
                }
            }
        }
    }

    static long seedFromPropertyOr(final long fallback)
    {
        final String property = System.getProperty("ringpool.seed");
        return null == property || property.isBlank() ? fallback : Long.parseLong(property.trim());
    }

    static List<Long> seeds(final int count, final long base)
    {
        final List<Long> seeds = new ArrayList<>();
        final String property = System.getProperty("ringpool.seed");
        if (null != property && !property.isBlank())
        {
            seeds.add(Long.parseLong(property.trim()));
            return seeds;
        }
        final SplittableRandom random = new SplittableRandom(base);
        for (int i = 0; i < count; i++)
        {
            seeds.add(random.nextLong());
        }
        return seeds;
    }
}
