package io.ringpool;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.EventTranslator;
import io.ringpool.Fixtures.Result;
import io.ringpool.Fixtures.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ringpool.Fixtures.VALUE;
import static io.ringpool.Fixtures.assertBalanced;
import static io.ringpool.Fixtures.yielding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API's uniform publishing set, the timed poll, object keys, the defaults and the rate-limited failure log.
 */
class ApiEdgesTest
{
    private static final EventTranslator<Task> SEVEN = (task, sequence) -> task.value = 7;

    /** One worker that waits for a latch: the ring fills deterministically. */
    private static RingPool<Task, Result> gated(final String name, final CountDownLatch release)
    {
        final RingPool<Task, Result> pool = yielding(name, 1, 4)
            .handler((task, result, context) ->
            {
                release.await(30, TimeUnit.SECONDS);
                result.value = task.value;
            })
            .pollResults()
            .build();
        pool.start();
        return pool;
    }

    @Test
    void shouldGiveEveryArityAnImmediateAndATimedTryPublish()
    {
        final CountDownLatch release = new CountDownLatch(1);
        final RingPool<Task, Result> pool = gated("arities", release);
        try
        {
            while (pool.tryPublish(SEVEN) >= 0)
            {
                Thread.onSpinWait();
            }
            assertEquals(-1, pool.tryPublish(SEVEN, 10, TimeUnit.MILLISECONDS));
            assertEquals(-1, pool.tryPublish(SEVEN, 0, TimeUnit.MILLISECONDS), "a zero timeout tries once");
            assertEquals(-1, pool.tryPublishBatch(SEVEN, 1, 0, TimeUnit.NANOSECONDS), "likewise for a batch");
            assertEquals(-1, pool.tryPublish((task, sequence, a, b) -> task.value = a + b, 1L, 2L,
                10, TimeUnit.MILLISECONDS));
            assertEquals(-1, pool.tryPublish((task, sequence, a, b, c) -> task.value = a + b + c, 1L, 2L, 3L));
            assertEquals(-1, pool.tryPublish((task, sequence, a, b, c) -> task.value = a + b + c, 1L, 2L, 3L,
                10, TimeUnit.MILLISECONDS));
            assertEquals(-1, pool.tryPublishBatch(SEVEN, 2));
            assertEquals(-1, pool.tryPublishBatch(SEVEN, 2, 10, TimeUnit.MILLISECONDS));
            assertEquals(-1, pool.tryPublishBatch(VALUE, new Long[] {1L, 2L}, 0, 2, 10, TimeUnit.MILLISECONDS));
            assertThrows(IllegalArgumentException.class, () -> pool.tryPublish(SEVEN, -1, TimeUnit.MILLISECONDS));
            assertThrows(IllegalArgumentException.class, () -> pool.tryPublishBatch(SEVEN, 1, 1, null));
            assertThrows(IllegalArgumentException.class, () -> pool.tryPublishBatch(SEVEN, 0));
        }
        finally
        {
            release.countDown();
        }
        final ShutdownReport<Task, Result> report = pool.drain(Fixtures.LONG);
        assertBalanced(report);
        assertTrue(report.drained(), report.toString());
    }

    @Test
    void shouldPublishEveryArityWithATimeoutAndBatchesWithoutArguments()
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = yielding("timed-kinds", 1, 16)
            .handler((task, result, context) -> values.add(task.value))
            .pollResults()
            .build();
        pool.start();
        assertEquals(0, pool.tryPublish(SEVEN, 1, TimeUnit.SECONDS));
        assertEquals(1, pool.tryPublish((task, sequence, a, b) -> task.value = a + b, 4L, 4L, 1, TimeUnit.SECONDS));
        assertEquals(2, pool.tryPublish((task, sequence, a, b, c) -> task.value = a + b + c, 3L, 3L, 3L));
        assertEquals(3, pool.tryPublish((task, sequence, a, b, c) -> task.value = a + b + c, 3L, 3L, 4L,
            1, TimeUnit.SECONDS));
        assertEquals(4, pool.publishBatch((task, sequence) -> task.value = 100 + sequence, 3));
        assertEquals(7, pool.tryPublishBatch((task, sequence) -> task.value = 100 + sequence, 2));
        assertEquals(9, pool.tryPublishBatch((task, sequence) -> task.value = 100 + sequence, 1, 1, TimeUnit.SECONDS));
        assertEquals(10, pool.tryPublishBatch(VALUE, new Long[] {20L, 21L}, 0, 2, 1, TimeUnit.SECONDS));
        final ShutdownReport<Task, Result> report = pool.drain(Fixtures.LONG);
        assertEquals(12, report.published());
        assertEquals(List.of(7L, 8L, 9L, 10L, 104L, 105L, 106L, 107L, 108L, 109L, 20L, 21L), values);
    }

    @Test
    void shouldWaitInATimedPollUntilAnOutcomeArrives() throws InterruptedException
    {
        final CountDownLatch release = new CountDownLatch(1);
        final RingPool<Task, Result> pool = gated("timed-poll", release);
        final ResultPoller<Result> poller = pool.resultPoller();
        final List<Long> polled = new ArrayList<>();
        final ResultPoller.Handler<Result> keep = (outcome, endOfBatch) -> polled.add(outcome.result().value);

        assertEquals(EventPoller.PollState.IDLE, poller.poll(keep, Duration.ZERO));
        final long started = System.nanoTime();
        assertEquals(EventPoller.PollState.IDLE, poller.poll(keep, Duration.ofMillis(30)));
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(30), "waited out its timeout");

        pool.publish(VALUE, 42L);
        final Thread releaser = new Thread(() ->
        {
            try
            {
                Thread.sleep(20);
            }
            catch (final InterruptedException ignore)
            {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        releaser.start();
        assertEquals(EventPoller.PollState.PROCESSING, poller.poll(keep, Fixtures.LONG));
        assertEquals(List.of(42L), polled);
        releaser.join(Fixtures.LONG.toMillis());

        assertThrows(IllegalArgumentException.class, () -> poller.poll(keep, Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> poller.poll(keep, null));
        assertThrows(NullPointerException.class, () -> poller.poll(null, Duration.ZERO));

        Thread.currentThread().interrupt();
        try
        {
            final long before = System.nanoTime();
            assertEquals(EventPoller.PollState.IDLE, poller.poll(keep, Fixtures.LONG));
            assertTrue(System.nanoTime() - before < Fixtures.LONG.toNanos() / 2, "an interrupt ends the wait");
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt flag stays set");
        }
        finally
        {
            Thread.interrupted();
        }

        assertBalanced(pool.drain(Fixtures.LONG));
        final long afterReport = System.nanoTime();
        assertEquals(EventPoller.PollState.IDLE, poller.poll(keep, Fixtures.LONG));
        assertTrue(System.nanoTime() - afterReport < Fixtures.LONG.toNanos() / 2, "returns at once after the report");
        assertEquals(EventPoller.PollState.IDLE, poller.poll(keep, Duration.ofSeconds(Long.MAX_VALUE)),
            "a timeout past Long.MAX_VALUE nanoseconds saturates, and the report still ends the wait");
    }

    @Test
    void shouldRunTasksWithEqualObjectKeysOnOneWorkerInPublishOrder()
    {
        final String[] symbols = { "EURUSD", "GBPUSD", "USDJPY", "AUDUSD", "USDCHF", null };
        final Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        final Map<String, Integer> workerOf = new ConcurrentHashMap<>();
        final AtomicInteger switched = new AtomicInteger();
        final RingPool<SymbolTask, Void> pool = RingPool.builder(SymbolTask::new)
            .name("object-keys")
            .workers(3)
            .ringSize(64)
            .waitPolicy(WaitPolicy.YIELDING)
            .dispatch(Dispatch.KEYED)
            .keyedBy(task -> task.symbol)
            .handler((task, result, context) ->
            {
                final String key = String.valueOf(task.symbol);
                seen.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(task.order);
                if (context.workerId() != workerOf.computeIfAbsent(key, k -> context.workerId()))
                {
                    switched.incrementAndGet();
                }
            })
            .build();
        pool.start();
        final int perSymbol = 2_000;
        for (int i = 0; i < perSymbol; i++)
        {
            for (final String symbol : symbols)
            {
                // A new String each time: equal keys, different objects.
                final String key = null == symbol ? null : new String(symbol.toCharArray());
                final long order = i;
                pool.publish((task, sequence) ->
                {
                    task.symbol = key;
                    task.order = order;
                });
            }
        }
        assertBalanced(pool.drain(Fixtures.LONG));
        assertEquals(0, switched.get(), "every key stayed on one worker");
        assertEquals(symbols.length, seen.size());
        for (final List<Long> orders : seen.values())
        {
            assertEquals(perSymbol, orders.size());
            for (int i = 0; i < perSymbol; i++)
            {
                assertEquals(i, orders.get(i), "publish order within a key");
            }
        }
        assertEquals(pool.workerFor("EURUSD".hashCode()), workerOf.get("EURUSD").intValue(),
            "workerFor(hashCode) names the key's worker");
    }

    @Test
    void shouldDefaultToOneWorkerPerProcessorAndSayKeyedNeedsAKey()
    {
        final RingPool<Task, Void> pool = RingPool.builder(Task::new).handler((task, result, context) -> { }).build();
        assertEquals(Runtime.getRuntime().availableProcessors(), pool.workers());
        assertEquals(RingPoolBuilder.DEFAULT_RING_SIZE, pool.ringSize());
        final IllegalArgumentException problem = assertThrows(IllegalArgumentException.class, () ->
            RingPool.builder(Task::new).handler((task, result, context) -> { }).dispatch(Dispatch.KEYED).build());
        assertTrue(problem.getMessage().contains("keyExtractor or keyedBy"), problem.getMessage());
    }

    @Test
    void shouldLogTheFirstFailuresInFullThenAtMostOneSummaryPerInterval()
    {
        final LoggingListener.Limiter limiter = new LoggingListener.Limiter();
        for (int i = 1; i <= LoggingListener.LOGGED_IN_FULL; i++)
        {
            assertEquals(i, limiter.count());
        }
        // The first failure past the full ones finds the interval (started when the listener was made) over and
        // writes a summary of itself; the rest fall within the next interval and are held back.
        int summaries = 0;
        long reported = 0;
        for (int i = 0; i < 10_000; i++)
        {
            limiter.count();
            final long due = limiter.summaryDue();
            if (due > 0)
            {
                summaries++;
                reported += due;
            }
        }
        assertEquals(1, summaries, "one summary per interval");
        assertEquals(1, reported, "the first one counts itself; the rest wait for the next interval");
    }

    @Test
    void shouldShowAnExecutorsCountsThroughItsPoolsMetrics()
    {
        final AtomicInteger ran = new AtomicInteger();
        final RingPoolExecutor executor = RingPoolExecutor.builder().name("metered").workers(2).build();
        for (int i = 0; i < 100; i++)
        {
            executor.execute(ran::incrementAndGet);
        }
        executor.close();
        assertEquals(100, ran.get());
        final PoolMetrics metrics = executor.metrics(new PoolMetrics());
        assertEquals(PoolState.TERMINATED, metrics.state());
        assertEquals(100, metrics.published());
        assertEquals(100, metrics.completed());
        assertEquals(2, metrics.workerCount());
    }

    static final class SymbolTask
    {
        String symbol;
        long order;
    }
}
