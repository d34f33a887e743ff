package io.ringpool;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventTranslatorTwoArg;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.internal.TaskSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The dispatch contract, as one workload and one set of checks: every task runs exactly once; keyed tasks run in
 * publish order per key on the worker {@code workerFor(key)}; ID-sequenced tasks run on worker {@code seq % N} in
 * order; in submission order, outcomes arrive in strictly increasing sequence with no gap; cancellation and accounting
 * are exact.
 * <p>
 * The checks see only what a user could observe (handler calls, outcomes, the report), so the same checks can be
 * pointed at a deliberately broken dispatch to prove they catch it ({@code ContractBitesTest}).
 */
final class ContractRun
{
    /** A keyed task: its key and a stamp the worker checks. */
    static final class KeyedTask
    {
        long key;
        long stamp;
    }

    static final class Echo
    {
        long stamp;
    }

    enum Waits
    {
        YIELDING(YieldingWaitStrategy::new),
        BLOCKING(BlockingWaitStrategy::new);

        final Supplier<WaitStrategy> make;

        Waits(final Supplier<WaitStrategy> make)
        {
            this.make = make;
        }
    }

    private static final EventTranslatorTwoArg<KeyedTask, Long, Long> KEYED =
        (task, sequence, key, ignored) ->
        {
            task.key = key;
            task.stamp = sequence * 7 + 3;
        };

    final Dispatch dispatch;
    final Waits waits;
    final ResultOrder order;
    int workers = 2;
    int ringSize = 256;
    int tasks = 20_000;
    int keys = 8;
    boolean cancelSome = true;
    long seed = System.nanoTime();
    TaskSource.Factory brokenSources;

    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private AtomicIntegerArray runs;
    private AtomicLongArray lastOfKey;
    private long[][] lastOfWorker;
    private final List<Long> delivered = new ArrayList<>();
    private final List<OutcomeStatus> deliveredStatus = new ArrayList<>();
    private boolean[] cancelled;
    private ShutdownReport<KeyedTask, Echo> report;
    private RingPool<KeyedTask, Echo> pool;

    ContractRun(final Dispatch dispatch, final Waits waits, final ResultOrder order)
    {
        this.dispatch = dispatch;
        this.waits = waits;
        this.order = order;
    }

    @Override
    public String toString()
    {
        return dispatch + "/" + waits + "/" + order + " workers=" + workers + " seed=" + seed;
    }

    /** Runs the workload: one producer, random keys, some immediate cancels, then a drain. */
    ContractRun run()
    {
        runs = new AtomicIntegerArray(tasks);
        lastOfKey = new AtomicLongArray(keys);
        for (int k = 0; k < keys; k++)
        {
            lastOfKey.set(k, -1);
        }
        lastOfWorker = new long[workers][1];
        for (final long[] last : lastOfWorker)
        {
            last[0] = -1;
        }
        cancelled = new boolean[tasks];

        final RingPoolBuilder<KeyedTask, Echo> builder = RingPool.builder(KeyedTask::new, Echo::new)
            .name("contract")
            .workers(workers)
            .ringSize(ringSize)
            .producerType(ProducerType.SINGLE)
            .dispatch(dispatch)
            .resultOrder(order)
            .waitStrategy(waits.make.get())
            .handler(this::onTask)
            .resultHandler((outcome, endOfBatch) ->
            {
                delivered.add(outcome.taskSequence());
                deliveredStatus.add(outcome.status());
                if (outcome.status() == OutcomeStatus.COMPLETED &&
                    outcome.result().stamp != outcome.taskSequence() * 7 + 3)
                {
                    violations.add("outcome of " + outcome.taskSequence() + " carries another task's result");
                }
            });
        if (order == ResultOrder.COMPLETION)
        {
            builder.resultWaitStrategy(waits.make.get());
        }
        if (cancelSome)
        {
            builder.cancellable();
        }
        if (dispatch == Dispatch.KEYED)
        {
            builder.keyExtractor(task -> task.key);
        }
        if (null != brokenSources)
        {
            builder.taskSources(brokenSources);
        }
        pool = builder.build();
        pool.start();

        final SplittableRandom random = new SplittableRandom(seed);
        try
        {
            for (int i = 0; i < tasks; i++)
            {
                final long sequence = pool.publish(KEYED, (long)random.nextInt(keys), 0L);
                assertEquals(i, sequence, "one producer: sequences are consecutive");
                if (cancelSome && random.nextInt(50) == 0)
                {
                    cancelled[i] = pool.cancel(sequence);
                }
            }
        }
        finally
        {
            report = pool.drain(Duration.ofSeconds(30));
        }
        return this;
    }

    private void onTask(final KeyedTask task, final Echo result, final TaskContext context)
    {
        final long sequence = context.sequence();
        final int worker = context.workerId();
        if (task.stamp != sequence * 7 + 3)
        {
            violations.add("worker " + worker + " saw a stale or foreign task at " + sequence);
        }
        if (runs.incrementAndGet((int)sequence) > 1)
        {
            violations.add("task " + sequence + " ran more than once");
        }
        final int key = (int)task.key;
        final long previous = lastOfKey.getAndAccumulate(key, sequence, Math::max);
        if (dispatch == Dispatch.KEYED && previous > sequence)
        {
            violations.add("key " + key + ": task " + sequence + " ran after task " + previous);
        }
        final long[] last = lastOfWorker[worker];
        if (dispatch != Dispatch.WORK_STEALING && last[0] >= sequence)
        {
            violations.add("worker " + worker + " ran " + sequence + " after " + last[0]);
        }
        last[0] = sequence;
        if (dispatch == Dispatch.ID_SEQUENCED && sequence % workers != worker)
        {
            violations.add("task " + sequence + " ran on worker " + worker + ", not " + (sequence % workers));
        }
        if (dispatch == Dispatch.KEYED && pool.workerFor(task.key) != worker)
        {
            violations.add("key " + key + " ran on worker " + worker + ", not " + pool.workerFor(task.key));
        }
        result.stamp = task.stamp;
    }

    /** Every check of the contract; throws {@link AssertionError} naming the first broken promise. */
    void verify()
    {
        final String where = toString() + " " + report;
        if (!violations.isEmpty())
        {
            fail("contract violated: " + violations.subList(0, Math.min(5, violations.size())) + "; " + where);
        }
        assertTrue(report.drained(), () -> "drain incomplete: " + where);
        Fixtures.assertBalanced(report);
        assertEquals(tasks, report.published(), where);

        long expectCancelled = 0;
        for (int s = 0; s < tasks; s++)
        {
            final int ran = runs.get(s);
            if (cancelled[s])
            {
                expectCancelled++;
                assertEquals(0, ran, "a cancelled task ran: " + s + "; " + where);
            }
            else
            {
                assertEquals(1, ran, "task " + s + " ran " + ran + " times; " + where);
            }
        }
        assertEquals(expectCancelled, report.cancelled(), () -> "cancelled count; " + where);
        assertEquals(tasks - expectCancelled, report.completed(), () -> "completed count; " + where);

        assertEquals(tasks, delivered.size(), () -> "one outcome per task; " + where);
        for (int i = 0; i < delivered.size(); i++)
        {
            final long sequence = delivered.get(i);
            final boolean wasCancelled = cancelled[(int)sequence];
            assertEquals(wasCancelled ? OutcomeStatus.CANCELLED : OutcomeStatus.COMPLETED, deliveredStatus.get(i),
                "status of the outcome of " + sequence + "; " + where);
            if (order == ResultOrder.SUBMISSION)
            {
                assertEquals(i, sequence, () -> "submission order: outcomes strictly increasing, no gaps; " + where);
            }
        }
    }
}
