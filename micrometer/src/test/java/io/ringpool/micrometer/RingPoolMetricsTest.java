package io.ringpool.micrometer;

import com.lmax.disruptor.EventTranslator;
import com.lmax.disruptor.EventTranslatorOneArg;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringpool.RingPool;
import io.ringpool.ShutdownReport;
import io.ringpool.WaitPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every meter against a run whose counts are known, read through a {@link SimpleMeterRegistry} as a scrape reads it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RingPoolMetricsTest
{
    private static final Duration LONG = Duration.ofSeconds(20);
    private static final long FAIL = -1;
    private static final long STALE = -2;
    private static final EventTranslatorOneArg<long[], Long> VALUE = (task, sequence, value) -> task[0] = value;
    private static final EventTranslator<long[]> THROWS = (task, sequence) ->
    {
        throw new IllegalArgumentException("translator fails on purpose");
    };
    private static final Set<String> METER_NAMES = Set.of(
        "executor.completed", "executor.queued", "executor.queue.remaining", "executor.active", "executor.pool.size",
        "executor.pool.core", "executor.pool.max",
        "ringpool.published", "ringpool.rejected", "ringpool.backpressure.waits", "ringpool.trypublish.refusals",
        "ringpool.completed", "ringpool.failed", "ringpool.cancelled", "ringpool.expired", "ringpool.returned",
        "ringpool.abandoned", "ringpool.stalls", "ringpool.result.backlog",
        "ringpool.worker.completed", "ringpool.worker.failed", "ringpool.worker.busy", "ringpool.worker.lag",
        "ringpool.worker.held");

    @Test
    void shouldPublishEveryCountOfAKnownRunUnderItsMeterName() throws InterruptedException
    {
        final CountDownLatch release = new CountDownLatch(1);
        final RingPool<long[], long[]> pool = RingPool.builder(() -> new long[1], () -> new long[1])
            .name("metered")
            .workers(1)
            .ringSize(8)
            .waitPolicy(WaitPolicy.YIELDING)
            .cancellable()
            .deadline(task -> STALE == task[0] ? System.nanoTime() - 1_000_000_000L : RingPool.NO_DEADLINE)
            .handler((task, result, context) ->
            {
                release.await(30, TimeUnit.SECONDS);
                if (FAIL == task[0])
                {
                    throw new IllegalStateException("fails on purpose");
                }
                result[0] = task[0];
            })
            .failureListener((task, sequence, workerId, cause) -> { })
            .pollResults()
            .resultRingSize(64)
            .stallThreshold(Duration.ofMillis(20))
            .stallListener((workerId, sequence, stalledNanos) -> { })
            .build();
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new RingPoolMetrics(pool, Tags.of("app", "test"), Duration.ZERO).bindTo(registry);
        final Meters meters = new Meters(registry);

        assertThrows(RejectedExecutionException.class, () -> pool.publish(VALUE, 0L), "not started yet");
        assertEquals(1.0, meters.counter("ringpool.rejected", "cause", "not-running"));
        pool.start();

        // The worker holds the first task until released; seven more fill the ring.
        pool.publish(VALUE, 1L);
        awaitTrue("the worker holds the first task", () -> 1.0 == meters.gauge("executor.active"));
        pool.publish(VALUE, FAIL);
        pool.publish(VALUE, FAIL);
        pool.publish(VALUE, STALE);
        final long cancelMe = pool.publish(VALUE, 5L);
        pool.publish(VALUE, 6L);
        pool.publish(VALUE, 7L);
        pool.publish(VALUE, 8L);
        assertTrue(pool.cancel(cancelMe));
        assertEquals(-1, pool.tryPublish(VALUE, 9L), "the ring is full");
        assertEquals(-1, pool.tryPublish(VALUE, 9L, 5, TimeUnit.MILLISECONDS), "still full");
        final AtomicReference<Throwable> interrupted = new AtomicReference<>();
        final Thread waiter = new Thread(() ->
        {
            try
            {
                pool.publish(VALUE, 10L);
            }
            catch (final Throwable ex)
            {
                interrupted.set(ex);
            }
        });
        waiter.start();
        awaitTrue("the producer waits for room", () -> meters.counter("ringpool.backpressure.waits") >= 2.0);
        waiter.interrupt();
        waiter.join(LONG.toMillis());
        assertTrue(interrupted.get() instanceof RejectedExecutionException, String.valueOf(interrupted.get()));

        assertEquals(8.0, meters.counter("ringpool.published"));
        assertEquals(1.0, meters.counter("ringpool.rejected", "cause", "not-running"));
        assertEquals(1.0, meters.counter("ringpool.rejected", "cause", "interrupted"));
        assertEquals(0.0, meters.counter("ringpool.rejected", "cause", "translator-failure"));
        assertEquals(2.0, meters.counter("ringpool.backpressure.waits"), "the timed tryPublish and the publish");
        assertEquals(2.0, meters.counter("ringpool.trypublish.refusals"));
        assertEquals(7.0, meters.gauge("executor.queued"), "seven accepted tasks not started");
        assertEquals(0.0, meters.gauge("executor.queue.remaining"));
        assertEquals(1.0, meters.gauge("executor.active"));
        assertEquals(1.0, meters.gauge("executor.pool.size"));
        assertEquals(1.0, meters.gauge("executor.pool.core"));
        assertEquals(1.0, meters.gauge("executor.pool.max"));
        assertEquals(0.0, meters.counter("executor.completed"));
        assertEquals(1.0, meters.gauge("ringpool.worker.busy", "worker", "0"));
        assertEquals(7.0, meters.gauge("ringpool.worker.lag", "worker", "0"), "the cursor is seven past the task");
        awaitTrue("the sampler has timed the held task", () -> meters.held(0) > 0.0);
        awaitTrue("a stall is reported", () -> meters.counter("ringpool.stalls") >= 1.0);

        release.countDown();
        awaitTrue("every task ran", () -> 0.0 == meters.gauge("executor.queued") &&
            0.0 == meters.gauge("executor.active"));
        assertThrows(IllegalArgumentException.class, () -> pool.tryPublish(THROWS), "room, but the translator throws");
        assertEquals(1.0, meters.counter("ringpool.rejected", "cause", "translator-failure"));
        assertEquals(4.0, meters.counter("ringpool.completed"), "1, 6, 7 and 8");
        assertEquals(2.0, meters.counter("ringpool.failed"));
        assertEquals(1.0, meters.counter("ringpool.expired"));
        assertEquals(1.0, meters.counter("ringpool.cancelled"));
        assertEquals(6.0, meters.counter("executor.completed"), "the handler ran to an end: returned or threw");
        assertEquals(4.0, meters.counter("ringpool.worker.completed", "worker", "0"));
        assertEquals(2.0, meters.counter("ringpool.worker.failed", "worker", "0"));
        assertEquals(0.0, meters.gauge("ringpool.worker.busy", "worker", "0"));
        assertEquals(0.0, meters.held(0), "idle");
        assertEquals(8.0, meters.gauge("ringpool.result.backlog"), "nobody polled");
        assertTrue(meters.gauge("executor.queue.remaining") >= 7.0,
            "the ring has room again (the idle worker may still hold its last entry)");

        final ShutdownReport<long[], long[]> report = pool.drain(Duration.ZERO);
        assertEquals(0.0, meters.counter("ringpool.returned"));
        assertEquals(0.0, meters.counter("ringpool.abandoned"));
        assertEquals((double)report.published(), meters.counter("ringpool.published"));
        assertEquals(METER_NAMES, names(registry));
        for (final Meter meter : registry.getMeters())
        {
            assertEquals("metered", meter.getId().getTag("name"), meter.getId().toString());
            assertEquals("test", meter.getId().getTag("app"), meter.getId().toString());
            assertEquals(meter.getId().getName().startsWith("ringpool.worker."),
                null != meter.getId().getTag("worker"), meter.getId().toString());
        }
    }

    @Test
    void shouldCountReturnedAndAbandonedTasksOnceHaltedAndHaveNoResultBacklogWithoutResults()
        throws InterruptedException
    {
        final CountDownLatch running = new CountDownLatch(1);
        final RingPool<long[], Void> pool = RingPool.builder(() -> new long[1])
            .name("halted")
            .workers(1)
            .ringSize(16)
            .waitPolicy(WaitPolicy.YIELDING)
            .interruptGrace(Duration.ofMillis(20))
            .handler((task, none, context) ->
            {
                running.countDown();
                final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < until)
                {
                    Thread.onSpinWait();   // ignores interrupts: its task is abandoned
                }
            })
            .build();
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new RingPoolMetrics(pool, List.of(), Duration.ZERO).bindTo(registry);
        final Meters meters = new Meters(registry);
        pool.start();
        for (long i = 0; i < 5; i++)
        {
            pool.publish(VALUE, i);
        }
        assertTrue(running.await(LONG.toMillis(), TimeUnit.MILLISECONDS));

        pool.halt(Duration.ZERO);

        assertEquals(5.0, meters.counter("ringpool.published"));
        assertEquals(4.0, meters.counter("ringpool.returned"));
        assertEquals(1.0, meters.counter("ringpool.abandoned"));
        assertNull(registry.find("ringpool.result.backlog").meter(), "a pool without results has no result ring");
    }

    @Test
    void shouldTakeOneSamplePerScrapeNotOnePerMeter()
    {
        final RingPool<long[], Void> pool = RingPool.builder(() -> new long[1])
            .name("sampled")
            .workers(3)
            .handler((task, none, context) -> { })
            .build();
        final AtomicLong clock = new AtomicLong(1_000_000_000L);
        final RingPoolMetrics binder = new RingPoolMetrics(pool, List.of(), Duration.ofMillis(250), clock::get);
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        binder.bindTo(registry);
        final long afterBind = binder.samples();

        clock.addAndGet(TimeUnit.SECONDS.toNanos(15));
        scrape(registry);
        assertEquals(afterBind + 1, binder.samples(), "one scrape of " + registry.getMeters().size() + " meters");
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        scrape(registry);
        assertEquals(afterBind + 1, binder.samples(), "a second read within 250 ms reuses the sample");
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
        scrape(registry);
        assertEquals(afterBind + 2, binder.samples());
        assertTrue(registry.getMeters().size() > 30, "3 workers' meters included");
    }

    @Test
    void shouldNotAllocateToReadTheMeters()
    {
        final RingPool<long[], long[]> pool = RingPool.builder(() -> new long[1], () -> new long[1])
            .name("quiet")
            .workers(2)
            .handler((task, result, context) -> { })
            .resultHandler((outcome, endOfBatch) -> { })
            .build();
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new RingPoolMetrics(pool, List.of(), Duration.ZERO).bindTo(registry);
        pool.start();
        try
        {
            final List<Meter> meters = registry.getMeters();
            final Meter[] all = meters.toArray(new Meter[0]);
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long threadId = Thread.currentThread().getId();
            double sink = read(all, 2_000);

            final long before = threads.getThreadAllocatedBytes(threadId);
            sink += read(all, 20_000);
            final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

            assertTrue(sink >= 0);
            // 20,000 reads of every meter, each a fresh sample (maximum age zero): one object per read would be MBs.
            assertTrue(allocated < 10_000, allocated + " bytes allocated for " + 20_000 * all.length + " reads");
        }
        finally
        {
            pool.drain(LONG);
        }
    }

    @Test
    void shouldRefuseANegativeSampleAge()
    {
        final RingPool<long[], Void> pool = RingPool.builder(() -> new long[1])
            .handler((task, none, context) -> { })
            .build();
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> new RingPoolMetrics(pool, List.<Tag>of(), Duration.ofMillis(-1))).getMessage()
            .contains("maxSampleAge"));
        assertThrows(NullPointerException.class, () -> new RingPoolMetrics(pool, null));
    }

    private static double read(final Meter[] meters, final int rounds)
    {
        double sum = 0;
        for (int round = 0; round < rounds; round++)
        {
            for (final Meter meter : meters)
            {
                if (meter instanceof TimeGauge)
                {
                    sum += ((TimeGauge)meter).value(TimeUnit.NANOSECONDS);
                }
                else if (meter instanceof Gauge)
                {
                    sum += ((Gauge)meter).value();
                }
                else
                {
                    sum += ((FunctionCounter)meter).count();
                }
            }
        }
        return sum;
    }

    private static void scrape(final SimpleMeterRegistry registry)
    {
        for (final Meter meter : registry.getMeters())
        {
            meter.measure().forEach(measurement -> measurement.getValue());
        }
    }

    private static Set<String> names(final SimpleMeterRegistry registry)
    {
        final Set<String> names = new TreeSet<>();
        registry.getMeters().forEach(meter -> names.add(meter.getId().getName()));
        return names;
    }

    private static void awaitTrue(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Finds one meter by name and tags, and reads it. */
    private static final class Meters
    {
        private final SimpleMeterRegistry registry;

        Meters(final SimpleMeterRegistry registry)
        {
            this.registry = registry;
        }

        double counter(final String name, final String... tags)
        {
            return registry.get(name).tags(tags).functionCounter().count();
        }

        double gauge(final String name, final String... tags)
        {
            return registry.get(name).tags(tags).gauge().value();
        }

        double held(final int workerId)
        {
            return registry.get("ringpool.worker.held").tags("worker", Integer.toString(workerId)).timeGauge()
                .value(TimeUnit.NANOSECONDS);
        }
    }

    @Test
    void shouldLetTheRegistryOutliveTheDrainedPool() throws Exception
    {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final java.lang.ref.WeakReference<long[]> task = boundAndDrained(registry);
        for (int i = 0; i < 100 && null != task.get(); i++)
        {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(null == task.get(), "the registry's meters kept the pool (and its ring) reachable");
        assertTrue(Double.isNaN(registry.get("executor.pool.size").gauge().value()),
            "a gauge of a collected pool reads NaN");
        assertEquals(1.0, registry.get("ringpool.published").functionCounter().count(),
            "a counter of a collected pool keeps its last value");
    }

    /** A pool's task object lives as long as its ring: it is reachable exactly while the pool is. */
    private static java.lang.ref.WeakReference<long[]> boundAndDrained(final SimpleMeterRegistry registry)
    {
        final long[][] first = new long[1][];
        final RingPool<long[], Void> pool = RingPool.builder(() -> new long[1])
            .name("collectable")
            .workers(1)
            .ringSize(8)
            .handler((t, result, context) -> { })
            .build();
        new RingPoolMetrics(pool, List.of(), Duration.ZERO).bindTo(registry);
        pool.start();
        pool.publish((t, sequence) -> first[0] = t);
        assertTrue(pool.drain(Duration.ofSeconds(10)).drained());
        assertEquals(1.0, registry.get("ringpool.published").functionCounter().count());
        return new java.lang.ref.WeakReference<>(first[0]);
    }
}
