package io.ringpool;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One randomized run: producers publish, workers run (some tasks throw, a few are slow), and the pool is drained or
 * halted at a random point. Afterwards every sequence is accounted for against the producers' own record of what
 * they got accepted, independently of the pool's counters.
 * <p>
 * A run is fully described by its seed: {@code -Dringpool.seed=<seed>} replays a run.
 */
final class StressRun
{
    enum Ending
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

    /** Task sequences that fail: one in 97. */
    static boolean failing(final long sequence)
    {
        return sequence % 97 == 13;
    }

    /** What the translator writes, so a worker can tell a stale or overwritten entry. */
    static long stamp(final long sequence)
    {
        return sequence * 3 + 1;
    }

    private static final EventTranslatorOneArg<Fixtures.Task, Object> STAMP =
        (task, sequence, ignored) -> task.value = stamp(sequence);

    final long seed;
    int producers = 1;
    int workers = 1;
    int ringSize = 1024;
    long tasksPerProducer = 100_000;
    ProducerType producerType = ProducerType.MULTI;
    Waits waits = Waits.YIELDING;
    Results results = Results.HANDLER;
    Ending ending = Ending.DRAIN_AFTER_ALL;
    boolean failures = true;
    boolean mixedPublishCalls = true;

    private final SplittableRandom random;

    StressRun(final long seed)
    {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /** A run whose shape (sizes, modes, ending) is drawn from its seed. */
    static StressRun randomShape(final long seed)
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
        return run;
    }

    @Override
    public String toString()
    {
        return "seed=" + seed + " producers=" + producers + " workers=" + workers + " ringSize=" + ringSize +
            " tasks/producer=" + tasksPerProducer + " " + producerType + " " + waits + " results=" + results +
            " ending=" + ending + " failures=" + failures;
    }

    /** The tally of a finished run. */
    record Tally(ShutdownReport<Fixtures.Task, Fixtures.Result> report, long accepted, long rejected, long processed,
                 long delivered, long millis)
    {
        @Override
        public String toString()
        {
            return "accepted=" + accepted + " rejected=" + rejected + " processed=" + processed + " delivered=" +
                delivered + " completed=" + report.completed() + " failed=" + report.failed() + " returned=" +
                report.returned() + " abandoned=" + report.abandoned() + " undelivered=" + report.undelivered() +
                " in " + millis + " ms";
        }
    }

    Tally execute()
    {
        final long started = System.nanoTime();
        final int capacity = (int)(producers * tasksPerProducer + producers * 16L + ringSize + 64);
        final AtomicIntegerArray runs = new AtomicIntegerArray(capacity);
        final AtomicIntegerArray delivered = new AtomicIntegerArray(capacity);
        final AtomicLong corrupt = new AtomicLong(-1);
        final AtomicLong badOutcome = new AtomicLong(-1);

        final RingPoolBuilder<Fixtures.Task, Fixtures.Result> builder = RingPool
            .builder(Fixtures.Task::new, Fixtures.Result::new)
            .name("stress")
            .workers(workers)
            .ringSize(ringSize)
            .producerType(producerType)
            .waitStrategy(waits.make.get())
            .resultWaitStrategy(waits.make.get())
            .interruptGrace(Duration.ofMillis(200))
            .failureListener((task, sequence, workerId, cause) ->
            {
            })
            .handler((task, result, context) ->
            {
                final long sequence = context.sequence();
                runs.incrementAndGet((int)sequence);
                if (task.value != stamp(sequence))
                {
                    corrupt.compareAndSet(-1, sequence);
                }
                if (sequence % 4096 == 7)
                {
                    LockSupport.parkNanos(20_000L);
                }
                if (failures && failing(sequence))
                {
                    throw new IllegalStateException("planned failure of " + sequence);
                }
                result.value = task.value;
            });
        switch (results)
        {
            case HANDLER:
                builder.resultHandler((outcome, endOfBatch) ->
                {
                    final long sequence = outcome.taskSequence();
                    delivered.incrementAndGet((int)sequence);
                    final boolean failed = outcome.status() == OutcomeStatus.FAILED;
                    if (failed != (failures && failing(sequence)) ||
                        (!failed && outcome.result().value != stamp(sequence)))
                    {
                        badOutcome.compareAndSet(-1, sequence);
                    }
                });
                break;
            case POLL:
                builder.pollResults();
                break;
            default:
                break;
        }
        final RingPool<Fixtures.Task, Fixtures.Result> pool;
        if (results == Results.NONE)
        {
            final RingPool<Fixtures.Task, Void> plain = RingPool.builder(Fixtures.Task::new)
                .name("stress")
                .workers(workers)
                .ringSize(ringSize)
                .producerType(producerType)
                .waitStrategy(waits.make.get())
                .interruptGrace(Duration.ofMillis(200))
                .failureListener((task, sequence, workerId, cause) ->
                {
                })
                .handler((task, result, context) ->
                {
                    final long sequence = context.sequence();
                    runs.incrementAndGet((int)sequence);
                    if (task.value != stamp(sequence))
                    {
                        corrupt.compareAndSet(-1, sequence);
                    }
                    if (failures && failing(sequence))
                    {
                        throw new IllegalStateException("planned failure of " + sequence);
                    }
                })
                .build();
            return finish(executeWith(cast(plain), runs, delivered, corrupt, badOutcome, started));
        }
        pool = builder.build();
        return finish(executeWith(pool, runs, delivered, corrupt, badOutcome, started));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static RingPool<Fixtures.Task, Fixtures.Result> cast(final RingPool<Fixtures.Task, Void> pool)
    {
        return (RingPool)pool;
    }

    private Tally finish(final Tally tally)
    {
        System.out.println("[stress] " + this + " -> " + tally);
        return tally;
    }

    private Tally executeWith(
        final RingPool<Fixtures.Task, Fixtures.Result> pool,
        final AtomicIntegerArray runs,
        final AtomicIntegerArray delivered,
        final AtomicLong corrupt,
        final AtomicLong badOutcome,
        final long started)
    {
        pool.start();
        final Producer[] producerThreads = new Producer[producers];
        for (int p = 0; p < producers; p++)
        {
            producerThreads[p] = new Producer(pool, p, random.split());
        }
        final AtomicLong polled = new AtomicLong();
        final Thread poller = results == Results.POLL ? new Thread(() -> poll(pool, delivered, polled)) : null;
        if (null != poller)
        {
            poller.setName("stress-poller");
            poller.start();
        }

        // With ProducerType.SINGLE there is one producer thread, and this thread never publishes: the promise holds.
        for (final Producer producer : producerThreads)
        {
            producer.thread.start();
        }
        final ShutdownReport<Fixtures.Task, Fixtures.Result> report = end(pool, producerThreads);
        for (final Producer producer : producerThreads)
        {
            Fixtures.join(producer.thread);
        }
        if (null != poller)
        {
            Fixtures.join(poller);
        }

        return verify(report, producerThreads, runs, delivered, corrupt, badOutcome, started);
    }

    private void poll(
        final RingPool<Fixtures.Task, Fixtures.Result> pool, final AtomicIntegerArray delivered, final AtomicLong count)
    {
        final ResultPoller<Fixtures.Result> poller = pool.resultPoller();
        while (true)
        {
            final boolean terminated = pool.state() == PoolState.TERMINATED || pool.state() == PoolState.FAILED;
            final com.lmax.disruptor.EventPoller.PollState state = poller.poll((outcome, endOfBatch) ->
            {
                delivered.incrementAndGet((int)outcome.taskSequence());
                count.incrementAndGet();
                return true;
            });
            if (terminated && state != com.lmax.disruptor.EventPoller.PollState.PROCESSING)
            {
                // Stop once the pool is down; whatever the report lists as undelivered was polled before or after
                // it was made: the check below treats "polled" and "listed" as one.
                return;
            }
            if (state == com.lmax.disruptor.EventPoller.PollState.IDLE)
            {
                Thread.yield();
            }
        }
    }

    private ShutdownReport<Fixtures.Task, Fixtures.Result> end(
        final RingPool<Fixtures.Task, Fixtures.Result> pool, final Producer[] producerThreads)
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
                pauseRandomly(producerThreads);
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

    private Tally verify(
        final ShutdownReport<Fixtures.Task, Fixtures.Result> report,
        final Producer[] producerThreads,
        final AtomicIntegerArray runs,
        final AtomicIntegerArray delivered,
        final AtomicLong corrupt,
        final AtomicLong badOutcome,
        final long started)
    {
        final String context = this + " report=" + report;
        assertEquals(-1, corrupt.get(), () -> "a worker saw a task it did not expect at sequence " + corrupt.get() +
            "; " + context);
        assertEquals(-1, badOutcome.get(), () -> "wrong outcome for sequence " + badOutcome.get() + "; " + context);
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

        long processed = 0;
        long expectedFailures = 0;
        for (int s = 0; s < runs.length(); s++)
        {
            final int count = runs.get(s);
            final long sequence = s;
            if (count > 1)
            {
                fail("sequence " + s + " ran " + count + " times; " + context);
            }
            if (count == 1)
            {
                assertTrue(accepted.contains(sequence), () -> "ran but never accepted: " + sequence + "; " + context);
                assertTrue(!returned.contains(sequence), () -> "ran and also returned: " + sequence + "; " + context);
                if (!abandoned.contains(sequence))
                {
                    processed++;
                    if (failures && failing(sequence))
                    {
                        expectedFailures++;
                    }
                }
            }
            else if (accepted.contains(sequence))
            {
                assertTrue(returned.contains(sequence),
                    () -> "accepted, never run, not returned: " + sequence + "; " + context);
            }
        }
        assertEquals(processed, report.completed() + report.failed(), () -> "processed; " + context);
        assertEquals(expectedFailures, report.failed(), () -> "failed; " + context);
        if (ending == Ending.DRAIN_AFTER_ALL)
        {
            assertTrue(report.drained(), context);
            assertEquals(0, report.returned(), context);
            assertEquals(0, rejected, context);
        }

        long deliveredTotal = 0;
        if (results != Results.NONE)
        {
            final Set<Long> undelivered = new HashSet<>();
            for (final Outcome<Fixtures.Result> outcome : report.undeliveredResults())
            {
                undelivered.add(outcome.taskSequence());
            }
            for (int s = 0; s < delivered.length(); s++)
            {
                final int count = delivered.get(s);
                final long sequence = s;
                deliveredTotal += count;
                if (count > 1)
                {
                    fail("outcome of " + s + " delivered " + count + " times; " + context);
                }
                final boolean finished = runs.get(s) == 1 && !abandoned.contains(sequence);
                if (results == Results.HANDLER)
                {
                    if (finished && (count == 1) == undelivered.contains(sequence))
                    {
                        fail("outcome of " + s + " must be delivered or listed undelivered, exactly one of them; " +
                            context);
                    }
                }
                else if (finished && count == 0)
                {
                    fail("outcome of " + s + " was never polled; " + context);
                }
                if (!finished && count > 0)
                {
                    fail("an outcome was delivered for " + s + " which did not finish; " + context);
                }
            }
        }
        return new Tally(report, accepted.size(), rejected, processed, deliveredTotal,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** A producer that records every sequence it got accepted, and stops at its first rejection. */
    private final class Producer implements Runnable
    {
        final int id;
        final RingPool<Fixtures.Task, Fixtures.Result> pool;
        final SplittableRandom random;
        final long[] sequences;
        final Thread thread;
        volatile int count;
        long rejected;
        Throwable unexpected;

        Producer(final RingPool<Fixtures.Task, Fixtures.Result> pool, final int id, final SplittableRandom random)
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
