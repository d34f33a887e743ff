package io.ringpool.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.ringpool.PoolMetrics;
import io.ringpool.RingPool;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Binds a {@link RingPool}'s counters to a Micrometer {@link MeterRegistry}. Where Micrometer's own
 * {@code ExecutorServiceMetrics} has a name for a figure, the binder uses it, so that executor dashboards and alerts
 * work unchanged; the rest are {@code ringpool.*} meters. Every meter is tagged {@code name=<pool name>} and the
 * caller's tags; the per-worker meters also {@code worker=<id>}.
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>value</th></tr>
 *   <tr><td>{@code executor.completed}</td><td>function counter</td><td>tasks whose handler ran to an end, returned
 *     or threw (as a {@code ThreadPoolExecutor} counts a task that threw)</td></tr>
 *   <tr><td>{@code executor.queued}</td><td>gauge</td><td>task backlog: accepted and not yet started</td></tr>
 *   <tr><td>{@code executor.queue.remaining}</td><td>gauge</td><td>free task-ring entries</td></tr>
 *   <tr><td>{@code executor.active}</td><td>gauge</td><td>workers with a task in hand</td></tr>
 *   <tr><td>{@code executor.pool.size}, {@code executor.pool.core}, {@code executor.pool.max}</td><td>gauge</td>
 *     <td>workers (fixed when the pool was built)</td></tr>
 *   <tr><td>{@code ringpool.published}</td><td>function counter</td><td>tasks accepted</td></tr>
 *   <tr><td>{@code ringpool.rejected}</td><td>function counter, tag {@code cause}</td><td>publishes refused:
 *     {@code not-running}, {@code interrupted}, {@code translator-failure}</td></tr>
 *   <tr><td>{@code ringpool.backpressure.waits}</td><td>function counter</td><td>publishes that found the ring full
 *     and waited</td></tr>
 *   <tr><td>{@code ringpool.trypublish.refusals}</td><td>function counter</td><td>{@code tryPublish} calls that
 *     returned -1</td></tr>
 *   <tr><td>{@code ringpool.completed}, {@code ringpool.failed}, {@code ringpool.cancelled},
 *     {@code ringpool.expired}, {@code ringpool.returned}, {@code ringpool.abandoned}</td><td>function counter</td>
 *     <td>tasks by how they ended (returned and abandoned once a halt has ended the pool)</td></tr>
 *   <tr><td>{@code ringpool.stalls}</td><td>function counter</td><td>stalls the watchdog reported</td></tr>
 *   <tr><td>{@code ringpool.result.backlog}</td><td>gauge</td><td>outcomes not yet consumed (only for a pool with
 *     results)</td></tr>
 *   <tr><td>{@code ringpool.worker.completed}, {@code ringpool.worker.failed}</td><td>function counter, tag
 *     {@code worker}</td><td>the worker's tasks that returned, or threw</td></tr>
 *   <tr><td>{@code ringpool.worker.busy}</td><td>gauge, tag {@code worker}</td><td>1 with a task in hand, else
 *     0</td></tr>
 *   <tr><td>{@code ringpool.worker.lag}</td><td>gauge, tag {@code worker}</td><td>sequences published after the
 *     worker's task in hand</td></tr>
 *   <tr><td>{@code ringpool.worker.held}</td><td>time gauge, tag {@code worker}</td><td>how long the worker has held
 *     its task in hand; 0 when idle, or when the pool has no sampler thread</td></tr>
 * </table>
 * <p>
 * <b>References:</b> like Micrometer's own binders, each meter holds the pool weakly, and so does the binder: the
 * binder need not be kept, and once the pool is unreachable and collected its gauges read {@code NaN} and its counters
 * keep the last value they read (Micrometer's rule for function counters).
 * <p>
 * <b>Cost:</b> one {@link RingPool#metrics(PoolMetrics)} read per scrape, not one per meter: every meter reads the
 * binder's one sample, refreshed when it is older than {@code maxSampleAge}, so a scrape that reads all the meters
 * within that time takes one sample. The sample is reused: a scrape allocates nothing here, and the pool's own
 * threads pay nothing for being sampled.
 * <p>
 * <b>Thread safety:</b> safe for any number of registries and scraping threads; the sample is refreshed and read
 * under the binder's lock, held for one sample's copy at most. A sample of a running pool is not atomic (see
 * {@link PoolMetrics}): meters read from one sample may disagree by the tasks in flight.
 */
public final class RingPoolMetrics implements MeterBinder
{
    /** How old a sample may be before a meter's read refreshes it, by default. */
    public static final Duration DEFAULT_MAX_SAMPLE_AGE = Duration.ofMillis(250);

    /** Weak, as each meter's reference is: the registry and the binder must not keep the pool alive. */
    private final WeakReference<RingPool<?, ?>> pool;
    private final int workers;
    private final Tags tags;
    private final long maxSampleAgeNs;
    private final LongSupplier nanoClock;
    private final PoolMetrics sample = new PoolMetrics();
    private boolean sampled;
    private long sampledAtNs;
    private long samples;

    /**
     * A binder for a pool, with the default sample age.
     *
     * @param pool the pool; it may be bound before it starts and stays readable after it terminates.
     * @param tags tags added to every meter, besides {@code name=<pool name>}.
     * @throws NullPointerException if an argument is null.
     */
    public RingPoolMetrics(final RingPool<?, ?> pool, final Iterable<Tag> tags)
    {
        this(pool, tags, DEFAULT_MAX_SAMPLE_AGE);
    }

    /**
     * A binder for a pool.
     *
     * @param pool         the pool; it may be bound before it starts and stays readable after it terminates.
     * @param tags         tags added to every meter, besides {@code name=<pool name>}.
     * @param maxSampleAge how old the shared sample may be before a meter's read refreshes it: zero refreshes on
     *                     every read; longer than a scrape's duration, and shorter than the scrape interval, gives one
     *                     sample per scrape.
     * @throws NullPointerException     if an argument is null.
     * @throws IllegalArgumentException if {@code maxSampleAge} is negative.
     */
    public RingPoolMetrics(final RingPool<?, ?> pool, final Iterable<Tag> tags, final Duration maxSampleAge)
    {
        this(pool, tags, maxSampleAge, System::nanoTime);
    }

    /** For tests: a binder that reads a given clock. */
    RingPoolMetrics(
        final RingPool<?, ?> pool, final Iterable<Tag> tags, final Duration maxSampleAge, final LongSupplier nanoClock)
    {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.pool = new WeakReference<>(Objects.requireNonNull(pool, "pool"));
        this.workers = pool.workers();
        this.tags = Tags.of("name", pool.name()).and(Objects.requireNonNull(tags, "tags"));
        if (maxSampleAge.isNegative())
        {
            throw new IllegalArgumentException("maxSampleAge must be zero or more: " + maxSampleAge);
        }
        this.maxSampleAgeNs = maxSampleAge.toNanos();
    }

    /**
     * Registers the pool's meters.
     *
     * @param registry the registry.
     */
    @Override
    public void bindTo(final MeterRegistry registry)
    {
        final RingPool<?, ?> pool = this.pool.get();
        if (null == pool)
        {
            // Collected already: there is nothing left to measure.
            return;
        }
        bindExecutorMeters(registry, pool);
        bindPoolMeters(registry, pool);
        for (int id = 0; id < workers; id++)
        {
            bindWorkerMeters(registry, pool, id);
        }
    }

    private void bindExecutorMeters(final MeterRegistry registry, final RingPool<?, ?> pool)
    {
        counter(registry, pool, "executor.completed", tags, BaseUnits.TASKS,
            "Tasks whose handler ran to an end, returned or threw", m -> m.completed() + m.failed());
        gauge(registry, pool, "executor.queued", tags, BaseUnits.TASKS,
            "Tasks accepted and not yet started", PoolMetrics::taskBacklog);
        gauge(registry, pool, "executor.queue.remaining", tags, BaseUnits.TASKS,
            "Free entries in the task ring", PoolMetrics::remainingCapacity);
        gauge(registry, pool, "executor.active", tags, BaseUnits.THREADS,
            "Workers with a task in hand", PoolMetrics::busyWorkers);
        for (final String name : new String[] {"executor.pool.size", "executor.pool.core", "executor.pool.max"})
        {
            Gauge.builder(name, pool, RingPool::workers).tags(tags).baseUnit(BaseUnits.THREADS)
                .description("Workers, fixed when the pool was built").register(registry);
        }
    }

    private void bindPoolMeters(final MeterRegistry registry, final RingPool<?, ?> pool)
    {
        counter(registry, pool, "ringpool.published", tags, BaseUnits.TASKS, "Tasks accepted", PoolMetrics::published);
        final String rejected = "Publishes refused";
        counter(registry, pool, "ringpool.rejected", tags.and("cause", "not-running"), BaseUnits.TASKS, rejected,
            PoolMetrics::rejectedNotRunning);
        counter(registry, pool, "ringpool.rejected", tags.and("cause", "interrupted"), BaseUnits.TASKS, rejected,
            PoolMetrics::rejectedInterrupted);
        counter(registry, pool, "ringpool.rejected", tags.and("cause", "translator-failure"), BaseUnits.TASKS, rejected,
            PoolMetrics::translatorFailures);
        counter(registry, pool, "ringpool.backpressure.waits", tags, "waits",
            "Publishes that found the task ring full and waited for room", PoolMetrics::backPressureWaits);
        counter(registry, pool, "ringpool.trypublish.refusals", tags, "calls",
            "tryPublish calls that found no room in time", PoolMetrics::tryPublishRefusals);
        counter(registry, pool, "ringpool.completed", tags, BaseUnits.TASKS, "Tasks whose handler returned",
            PoolMetrics::completed);
        counter(registry, pool, "ringpool.failed", tags, BaseUnits.TASKS,
            "Tasks whose handler threw", PoolMetrics::failed);
        counter(registry, pool, "ringpool.cancelled", tags, BaseUnits.TASKS,
            "Tasks cancelled before a worker started them",
            PoolMetrics::cancelled);
        counter(registry, pool, "ringpool.expired", tags, BaseUnits.TASKS,
            "Tasks a worker reached after their deadline",
            PoolMetrics::expired);
        counter(registry, pool, "ringpool.returned", tags, BaseUnits.TASKS, "Tasks a halt handed back unstarted",
            PoolMetrics::returned);
        counter(registry, pool, "ringpool.abandoned", tags, BaseUnits.TASKS, "Tasks a halt reported abandoned",
            PoolMetrics::abandoned);
        counter(registry, pool, "ringpool.stalls", tags, "stalls", "Worker stalls the watchdog reported",
            PoolMetrics::stalls);
        if (read(pool, PoolMetrics::resultBacklog) >= 0)
        {
            gauge(registry, pool, "ringpool.result.backlog", tags, "outcomes",
                "Outcomes the result consumer has not taken",
                PoolMetrics::resultBacklog);
        }
    }

    private void bindWorkerMeters(final MeterRegistry registry, final RingPool<?, ?> pool, final int id)
    {
        final Tags worker = tags.and("worker", Integer.toString(id));
        counter(registry, pool, "ringpool.worker.completed", worker, BaseUnits.TASKS,
            "The worker's tasks that returned",
            m -> m.worker(id).completed());
        counter(registry, pool, "ringpool.worker.failed", worker, BaseUnits.TASKS, "The worker's tasks that threw",
            m -> m.worker(id).failed());
        gauge(registry, pool, "ringpool.worker.busy", worker, null, "1 if the worker has a task in hand, else 0",
            m -> m.worker(id).busy() ? 1 : 0);
        gauge(registry, pool, "ringpool.worker.lag", worker, "sequences",
            "Sequences published after the worker's task in hand", m -> m.worker(id).lag());
        final ToDoubleFunction<PoolMetrics> heldNanos = m -> Math.max(0L, m.worker(id).heldNanos());
        TimeGauge.builder("ringpool.worker.held", pool, TimeUnit.NANOSECONDS, p -> read(p, heldNanos))
            .tags(worker).description("How long the worker has held its task in hand").register(registry);
    }

    private void counter(
        final MeterRegistry registry, final RingPool<?, ?> pool, final String name, final Tags meterTags,
        final String baseUnit, final String description, final ToDoubleFunction<PoolMetrics> value)
    {
        FunctionCounter.builder(name, pool, p -> read(p, value))
            .tags(meterTags).baseUnit(baseUnit).description(description).register(registry);
    }

    private void gauge(
        final MeterRegistry registry, final RingPool<?, ?> pool, final String name, final Tags meterTags,
        final String baseUnit, final String description, final ToDoubleFunction<PoolMetrics> value)
    {
        Gauge.builder(name, pool, p -> read(p, value))
            .tags(meterTags).baseUnit(baseUnit).description(description).register(registry);
    }

    /**
     * Reads one figure from the shared sample, refreshing it first if it is older than allowed.
     *
     * @param pool the pool, which the meter that asks holds weakly and hands in while it is alive.
     */
    private synchronized double read(final RingPool<?, ?> pool, final ToDoubleFunction<PoolMetrics> value)
    {
        final long now = nanoClock.getAsLong();
        if (!sampled || now - sampledAtNs > maxSampleAgeNs)
        {
            pool.metrics(sample);
            sampledAtNs = now;
            sampled = true;
            samples++;
        }
        return value.applyAsDouble(sample);
    }

    /**
     * How many samples the binder has taken: for a test of the one-sample-per-scrape promise.
     *
     * @return the count.
     */
    synchronized long samples()
    {
        return samples;
    }
}
