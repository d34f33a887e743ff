package io.ringpool;

import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.ContractRun.Waits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

import static io.ringpool.Fixtures.assertBalanced;
import static io.ringpool.Fixtures.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One contract, run against every dispatch mode × wait strategy × result order. Spinning waits are left out: producer,
 * workers and collector outnumber this machine's cores.
 */
class DispatchContractTest
{
    static Stream<Arguments> modes()
    {
        final List<Arguments> modes = new ArrayList<>();
        for (final Dispatch dispatch : Dispatch.values())
        {
            for (final Waits waits : Waits.values())
            {
                for (final ResultOrder order : ResultOrder.values())
                {
                    modes.add(Arguments.of(dispatch, waits, order));
                }
            }
        }
        return modes.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("modes")
    void shouldKeepTheContract(final Dispatch dispatch, final Waits waits, final ResultOrder order)
    {
        final ContractRun run = new ContractRun(dispatch, waits, order).run();
        run.verify();
    }

    private static RingPoolBuilder<ContractRun.KeyedTask, ContractRun.Echo> builder(
        final Dispatch dispatch, final Waits waits, final ResultOrder order, final int workers, final int ringSize)
    {
        final RingPoolBuilder<ContractRun.KeyedTask, ContractRun.Echo> builder =
            RingPool.builder(ContractRun.KeyedTask::new, ContractRun.Echo::new)
                .name("contract-" + dispatch)
                .workers(workers)
                .ringSize(ringSize)
                .producerType(ProducerType.SINGLE)
                .dispatch(dispatch)
                .resultOrder(order)
                .waitStrategy(waits.make.get());
        if (order == ResultOrder.COMPLETION)
        {
            builder.resultWaitStrategy(waits.make.get());
        }
        if (dispatch == Dispatch.KEYED)
        {
            builder.keyExtractor(task -> task.key);
        }
        return builder;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("modes")
    void shouldCancelOnlyUnstartedTasksAndIgnoreStaleHandles(
        final Dispatch dispatch, final Waits waits, final ResultOrder order)
    {
        final int workers = 2;
        final CountDownLatch release = new CountDownLatch(1);
        final boolean[] blockedOnce = new boolean[workers];
        final List<Long> running = Collections.synchronizedList(new ArrayList<>());
        final AtomicReferenceArray<OutcomeStatus> statusOf = new AtomicReferenceArray<>(64);
        final RingPool<ContractRun.KeyedTask, ContractRun.Echo> pool = builder(dispatch, waits, order, workers, 16)
            .cancellable()
            .handler((task, result, context) ->
            {
                if (!blockedOnce[context.workerId()])
                {
                    blockedOnce[context.workerId()] = true;
                    running.add(context.sequence());
                    release.await(20, TimeUnit.SECONDS);
                }
            })
            .resultHandler((outcome, endOfBatch) -> statusOf.set((int)outcome.taskSequence(), outcome.status()))
            .build();
        pool.start();
        final long[] keyOfWorker = keysPerWorker(pool, dispatch, workers);
        for (long s = 0; s < 12; s++)
        {
            pool.publish((task, sequence, key) -> task.key = key, keyOfWorker[(int)(s % workers)]);
        }
        awaitTrue("each worker holds its first task", () -> running.size() == workers);

        final List<Long> cancelled = new ArrayList<>();
        for (long s = 0; s < 10; s++)
        {
            if (running.contains(s))
            {
                assertFalse(pool.cancel(s), "task " + s + " is running");
            }
            else if (s >= 2)
            {
                assertTrue(pool.cancel(s), "task " + s + " has not started");
                cancelled.add(s);
            }
        }
        assertFalse(pool.cancel(cancelled.get(0)), "cancelling twice is a no-op");
        release.countDown();

        // Wrap the ring so that slot 5 holds task 21: the old handle must not touch it.
        for (long s = 12; s < 40; s++)
        {
            pool.publish((task, sequence, key) -> task.key = key, keyOfWorker[(int)(s % workers)]);
        }
        awaitTrue("task 21 published and finished", () -> null != statusOf.get(21));
        assertFalse(pool.cancel(5), "stale handle: slot 5 now holds task 21");
        assertFalse(pool.cancel(21), "task 21 already finished");

        final ShutdownReport<ContractRun.KeyedTask, ContractRun.Echo> report = pool.drain(Duration.ofSeconds(20));
        assertBalanced(report);
        assertEquals(cancelled.size(), report.cancelled());
        assertEquals(40 - cancelled.size(), report.completed());
        for (int s = 0; s < 40; s++)
        {
            assertEquals(cancelled.contains((long)s) ? OutcomeStatus.CANCELLED : OutcomeStatus.COMPLETED,
                statusOf.get(s), "outcome of " + s);
        }
    }

    /** In keyed mode, a key for each worker, so that tasks alternate between workers as in the other modes. */
    private static long[] keysPerWorker(final RingPool<?, ?> pool, final Dispatch dispatch, final int workers)
    {
        final long[] keys = new long[workers];
        if (dispatch != Dispatch.KEYED)
        {
            return keys;
        }
        final boolean[] found = new boolean[workers];
        int missing = workers;
        for (long key = 0; missing > 0; key++)
        {
            final int worker = pool.workerFor(key);
            if (!found[worker])
            {
                found[worker] = true;
                keys[worker] = key;
                missing--;
            }
        }
        return keys;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("modes")
    void shouldExpireTasksReachedAfterTheirDeadline(
        final Dispatch dispatch, final Waits waits, final ResultOrder order)
    {
        final List<Long> ran = Collections.synchronizedList(new ArrayList<>());
        final AtomicReferenceArray<OutcomeStatus> statusOf = new AtomicReferenceArray<>(200);
        final RingPool<ContractRun.KeyedTask, ContractRun.Echo> pool = builder(dispatch, waits, order, 2, 64)
            .deadline(task -> task.stamp)
            .handler((task, result, context) -> ran.add(context.sequence()))
            .resultHandler((outcome, endOfBatch) -> statusOf.set((int)outcome.taskSequence(), outcome.status()))
            .build();
        pool.start();
        final long past = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
        final long future = System.nanoTime() + TimeUnit.HOURS.toNanos(1);
        for (long s = 0; s < 200; s++)
        {
            final long deadline = s % 3 == 0 ? past : s % 3 == 1 ? future : RingPool.NO_DEADLINE;
            pool.publish((task, sequence, key, d) ->
            {
                task.key = key;
                task.stamp = d;
            }, s, deadline);
        }
        final ShutdownReport<ContractRun.KeyedTask, ContractRun.Echo> report = pool.drain(Duration.ofSeconds(20));
        assertBalanced(report);
        assertEquals(67, report.expired());
        assertEquals(133, report.completed());
        for (int s = 0; s < 200; s++)
        {
            assertEquals(s % 3 == 0 ? OutcomeStatus.EXPIRED : OutcomeStatus.COMPLETED, statusOf.get(s), "task " + s);
            assertEquals(s % 3 != 0, ran.contains((long)s), "an expired task's handler never runs: " + s);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("modes")
    void shouldHoldProducersBackWhileTheResultConsumerIsSlow(
        final Dispatch dispatch, final Waits waits, final ResultOrder order)
    {
        final CountDownLatch release = new CountDownLatch(1);
        final RingPool<ContractRun.KeyedTask, ContractRun.Echo> pool = builder(dispatch, waits, order, 2, 16)
            .resultRingSize(16)
            .handler((task, result, context) -> result.stamp = context.sequence())
            .resultHandler((outcome, endOfBatch) -> release.await(20, TimeUnit.SECONDS))
            .build();
        pool.start();
        long accepted = 0;
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() - deadline < 0)
        {
            if (pool.tryPublish((task, sequence, key) -> task.key = key, accepted) < 0)
            {
                if (pool.tryPublish((task, sequence, key) -> task.key = key, accepted, 50, TimeUnit.MILLISECONDS) < 0)
                {
                    break;
                }
            }
            accepted++;
        }
        assertTrue(accepted <= 16 + 16 + 2 + 2, "the rings and the workers bound what is in flight: " + accepted);
        release.countDown();
        final ShutdownReport<ContractRun.KeyedTask, ContractRun.Echo> report = pool.drain(Duration.ofSeconds(20));
        assertTrue(report.drained(), report::toString);
        assertEquals(accepted, report.completed());
    }
}
