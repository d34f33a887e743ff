package io.ringpool;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One randomized run: producers publish (single, try and batch calls) and cancel some of their tasks, workers run
 * them (some throw, a few are slow), and the pool is drained or halted at a random point. Afterwards every sequence
 * is accounted for against the producers' own record of what they got accepted and cancelled, independently of the
 * pool's counters, and the dispatch mode's order promises are checked.
 * <p>
 * A run is fully described by its seed: {@code -Dringpool.seed=<seed>} replays a run.
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

    private static final int KEYS = 13;
    private static final EventTranslatorOneArg<Fixtures.Task, Object> STAMP =
        (task, sequence, ignored) -> task.value = stamp(sequence);

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

    private final SplittableRandom random;

    // observations
    private AtomicIntegerArray runs;
    private AtomicIntegerArray delivered;
    private AtomicIntegerArray outcomeStatus;
    private AtomicIntegerArray cancelledOk;
    private AtomicLongArray lastOfKey;
    private long[] lastOfWorker;
    private long lastDelivered = -1;
    private volatile boolean stuckStarted;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    StressRun(final long seed)
    {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /**
     * A run whose shape (sizes, modes, ending, faults) is drawn from its seed.
     *
     * @param seed the seed; the same seed gives the same shape and the same random choices.
     * @return the run, not yet executed.
     */
    public static StressRun randomShape(final long seed)
    {
        final StressRun run = new StressRun(seed);
        final SplittableRandom shape = new SplittableRandom(seed ^ 0x5DEECE66DL);
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

    @Override
    public String toString()
    {
        return "seed=" + seed + " producers=" + producers + " workers=" + workers + " ringSize=" + ringSize +
            " tasks/producer=" + tasksPerProducer + " " + producerType + " " + waits + " " + dispatch + " results=" +
            results + " order=" + order + " ending=" + ending + " failures=" + failures + " cancels=" + cancels +
            (stuckTask ? " stuckTask" : "") + (fatalTask ? " fatalTask" : "");
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
     * The tally of a finished run, verified: every sequence accounted for exactly once.
     *
     * @param report    the pool's shutdown report.
     * @param accepted  publishes the producers saw accepted.
     * @param rejected  publishes the producers saw rejected.
     * @param processed tasks whose handler ran to an outcome.
     * @param delivered outcomes the result side received.
     * @param millis    the run's duration.
     */
    public record Tally(ShutdownReport<Fixtures.Task, ?> report, long accepted, long rejected, long processed,
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
    public Tally execute()
    {
        final long started = System.nanoTime();
        final int capacity = (int)(producers * tasksPerProducer + producers * 16L + ringSize + 64);
        runs = new AtomicIntegerArray(capacity);
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

        final RingPool<Fixtures.Task, ?> pool = build();
        pool.start();
        final Producer[] producerThreads = new Producer[producers];
        for (int p = 0; p < producers; p++)
        {
            producerThreads[p] = new Producer(pool, p, random.split());
        }
        final Thread poller = results == Results.POLL ? new Thread(() -> poll(pool), "stress-poller") : null;
        if (null != poller)
        {
            poller.start();
        }
        // With ProducerType.SINGLE there is one producer thread, and this thread never publishes: the promise holds.
        for (final Producer producer : producerThreads)
        {
            producer.thread.start();
        }
        final ShutdownReport<Fixtures.Task, ?> report = end(pool, producerThreads);
        for (final Producer producer : producerThreads)
        {
            Fixtures.join(producer.thread);
        }
        if (null != poller)
        {
            Fixtures.join(poller);
        }
        final Tally tally = verify(report, producerThreads, started);
        if (!Boolean.getBoolean("ringpool.stress.quiet"))
        {
            System.out.println("[stress] " + this + " -> " + tally);
        }
        return tally;
    }

    @SuppressWarnings("unchecked")
    private RingPool<Fixtures.Task, ?> build()
    {
        final RingPoolBuilder<Fixtures.Task, Object> builder = results == Results.NONE ?
            (RingPoolBuilder<Fixtures.Task, Object>)(RingPoolBuilder<?, ?>)RingPool.builder(Fixtures.Task::new) :
            (RingPoolBuilder<Fixtures.Task, Object>)(RingPoolBuilder<?, ?>)
                RingPool.builder(Fixtures.Task::new, Fixtures.Result::new);
        builder
            .name("stress")
            .workers(workers)
            .ringSize(ringSize)
            .producerType(producerType)
            .dispatch(dispatch)
            .waitStrategy(waits.make.get())
            .interruptGrace(Duration.ofMillis(200))
            .failureListener((task, sequence, workerId, cause) ->
            {
            })
            .handler(this::onTask);
        if (dispatch == Dispatch.KEYED)
        {
            builder.keyExtractor(task -> keyOf(task.value));
        }
        if (results != Results.NONE)
        {
            builder.resultWaitStrategy(waits.make.get()).resultOrder(order);
            if (results == Results.HANDLER)
            {
                builder.resultHandler((outcome, endOfBatch) -> onOutcome(outcome));
            }
            else
            {
                builder.pollResults();
            }
        }
        return builder.build();
    }

    private void onTask(final Fixtures.Task task, final Object result, final TaskContext context)
    {
        final long sequence = context.sequence();
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
            throw new AssertionError("planned Error at " + sequence);
        }
        if (failures && failing(sequence))
        {
            throw new IllegalStateException("planned failure of " + sequence);
        }
        if (result instanceof Fixtures.Result)
        {
            ((Fixtures.Result)result).value = task.value;
        }
    }

    private boolean onOutcome(final Outcome<?> outcome)
    {
        final long sequence = outcome.taskSequence();
        delivered.incrementAndGet((int)sequence);
        outcomeStatus.set((int)sequence, outcome.status().ordinal() + 1);
        if (outcome.status() == OutcomeStatus.COMPLETED && ((Fixtures.Result)outcome.result()).value != stamp(sequence))
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
        return true;
    }

    @SuppressWarnings("unchecked")
    private void poll(final RingPool<Fixtures.Task, ?> pool)
    {
        final ResultPoller<Object> poller = (ResultPoller<Object>)pool.resultPoller();
        while (true)
        {
            // FAILED comes before the report: keep polling until the shutdown has finished and sealed the ring.
            final boolean terminated = pool.report().isPresent();
            final EventPoller.PollState state = poller.poll((outcome, endOfBatch) -> onOutcome(outcome));
            if (terminated && state != EventPoller.PollState.PROCESSING)
            {
                // Once the pool is down, everything published has been polled.
                return;
            }
            if (state == EventPoller.PollState.IDLE)
            {
                Thread.yield();
            }
        }
    }

    private ShutdownReport<Fixtures.Task, ?> end(final RingPool<Fixtures.Task, ?> pool, final Producer[] producerThreads)
    {
        switch (ending)
        {
            case DRAIN_AFTER_ALL:
                for (final Producer producer : producerThreads)
                {
                    Fixtures.join(producer.thread);
                }
                return pool.drain(Duration.ofSeconds(60));
            case DRAIN_RACING:
                pauseRandomly(producerThreads);
                return pool.drain(Duration.ofMillis(random.nextInt(2_000)));
            default:
                if (stuckTask)
                {
                    // Halt while the stuck task is in hand, if the run gets that far.
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    while (!stuckStarted && anyAlive(producerThreads) && System.nanoTime() - deadline < 0)
                    {
                        Thread.yield();
                    }
                }
                else
                {
                    pauseRandomly(producerThreads);
                }
                return pool.halt(Duration.ofMillis(random.nextInt(50)));
        }
    }

    private void pauseRandomly(final Producer[] producerThreads)
    {
        final long target = random.nextLong(Math.max(1, tasksPerProducer * producers));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (acceptedSoFar(producerThreads) < target && anyAlive(producerThreads) &&
            System.nanoTime() - deadline < 0)
        {
            Thread.yield();
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

    private Tally verify(final ShutdownReport<Fixtures.Task, ?> report, final Producer[] producerThreads, final long started)
    {
        final String context = this + " report=" + report;
        if (!violations.isEmpty())
        {
            fail("violations " + violations.subList(0, Math.min(5, violations.size())) + "; " + context);
        }
        Fixtures.assertBalanced(report);

        final Set<Long> accepted = new HashSet<>();
        long rejected = 0;
        for (final Producer producer : producerThreads)
        {
            if (null != producer.unexpected)
            {
                fail("producer " + producer.id + " threw " + producer.unexpected + "; " + context);
            }
            for (int i = 0; i < producer.count; i++)
            {
                assertTrue(accepted.add(producer.sequences[i]), "sequence handed out twice: " + producer.sequences[i]);
            }
            rejected += producer.rejected;
        }
        assertEquals(accepted.size(), report.published(), () -> "producers' accepted count; " + context);

        final Set<Long> returned = new HashSet<>();
        for (final ReturnedTask<Fixtures.Task> task : report.returnedTasks())
        {
            assertTrue(returned.add(task.sequence()));
            assertTrue(accepted.contains(task.sequence()), "returned but never accepted: " + task.sequence());
            assertEquals(stamp(task.sequence()), task.task().value, "returned task object");
        }
        final Set<Long> abandoned = new HashSet<>();
        for (final AbandonedTask task : report.abandonedTasks())
        {
            abandoned.add(task.sequence());
        }
        final Set<Long> undelivered = new HashSet<>();
        for (final Outcome<?> outcome : report.undeliveredResults())
        {
            assertTrue(undelivered.add(outcome.taskSequence()), "listed undelivered twice: " + outcome.taskSequence());
        }

        long processed = 0;
        long expectedFailures = 0;
        long expectedCancelled = 0;
        long deliveredTotal = 0;
        for (int s = 0; s < runs.length(); s++)
        {
            final long sequence = s;
            final int ran = runs.get(s);
            final boolean wasCancelled = cancelledOk.get(s) == 1;
            if (wasCancelled)
            {
                expectedCancelled++;
                assertEquals(0, ran, () -> "a cancelled task ran: " + sequence + "; " + context);
            }
            if (ran == 1)
            {
                assertTrue(accepted.contains(sequence), () -> "ran but never accepted: " + sequence + "; " + context);
                assertTrue(!returned.contains(sequence), () -> "ran and also returned: " + sequence + "; " + context);
                if (!abandoned.contains(sequence))
                {
                    processed++;
                    if (failsAt(sequence))
                    {
                        expectedFailures++;
                    }
                }
            }
            else if (accepted.contains(sequence))
            {
                assertTrue(returned.contains(sequence) || wasCancelled,
                    () -> "accepted, never run, not returned, not cancelled: " + sequence + "; " + context);
            }
            final int count = delivered.get(s);
            deliveredTotal += count;
            if (results != Results.NONE)
            {
                checkOutcome(sequence, ran == 1 && !abandoned.contains(sequence), wasCancelled, count,
                    undelivered.contains(sequence), context);
            }
        }
        assertEquals(processed, report.completed() + report.failed(), () -> "processed; " + context);
        assertEquals(expectedFailures, report.failed(), () -> "failed; " + context);
        assertEquals(expectedCancelled, report.cancelled(), () -> "cancelled; " + context);
        final boolean failedPool = report.finalState() == PoolState.FAILED;
        assertEquals(failedPool, null != report.cause(), () -> "a cause exactly when FAILED; " + context);
        if (failedPool)
        {
            assertTrue(fatalTask, () -> "the pool failed without a planned Error; " + context);
        }
        if (ending == Ending.DRAIN_AFTER_ALL && !failedPool)
        {
            assertTrue(report.drained(), context);
            assertEquals(0, report.returned(), context);
            assertEquals(0, rejected, context);
        }
        return new Tally(report, accepted.size(), rejected, processed, deliveredTotal,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private void checkOutcome(
        final long sequence,
        final boolean finished,
        final boolean cancelled,
        final int deliveredCount,
        final boolean listedUndelivered,
        final String context)
    {
        if (deliveredCount > 1)
        {
            fail("outcome of " + sequence + " delivered " + deliveredCount + " times; " + context);
        }
        final int seen = deliveredCount + (listedUndelivered ? 1 : 0);
        if (finished)
        {
            if (results != Results.NONE && seen != 1)
            {
                fail("outcome of " + sequence + " must be delivered or listed undelivered, exactly one; " + context);
            }
            final OutcomeStatus expected = failsAt(sequence) ? OutcomeStatus.FAILED : OutcomeStatus.COMPLETED;
            if (deliveredCount == 1 && outcomeStatus.get((int)sequence) != expected.ordinal() + 1)
            {
                fail("outcome of " + sequence + " has the wrong status; " + context);
            }
        }
        else if (cancelled)
        {
            if (seen > 1)
            {
                fail("a cancelled task's outcome was seen twice: " + sequence + "; " + context);
            }
            if (deliveredCount == 1 && outcomeStatus.get((int)sequence) != OutcomeStatus.CANCELLED.ordinal() + 1)
            {
                fail("a cancelled task's outcome is not CANCELLED: " + sequence + "; " + context);
            }
        }
        else if (seen > 0)
        {
            fail("an outcome was delivered for " + sequence + ", which did not finish; " + context);
        }
    }

    /** A producer that records every sequence it got accepted and every cancel that won, and stops when rejected. */
    private final class Producer implements Runnable
    {
        final int id;
        final RingPool<Fixtures.Task, ?> pool;
        final SplittableRandom random;
        final long[] sequences;
        final Thread thread;
        volatile int count;
        long rejected;
        Throwable unexpected;

        Producer(final RingPool<Fixtures.Task, ?> pool, final int id, final SplittableRandom random)
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
                        final long victim = sequences[n - 1 - random.nextInt(Math.min(n, 8))];
                        if (pool.cancel(victim))
                        {
                            cancelledOk.set((int)victim, 1);
                        }
                    }
                }
            }
            catch (final RejectedExecutionException ex)
            {
                rejected++;
            }
            catch (final Throwable ex)
            {
                unexpected = ex;
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
