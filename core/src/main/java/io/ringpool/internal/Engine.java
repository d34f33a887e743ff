package io.ringpool.internal;

import io.ringpool.PoolState;
import io.ringpool.ResultPoller;
import io.ringpool.ShutdownReport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Wires the parts of a pool together and runs its life cycle: task ring, worker pool, result ring, and the
 * {@link Shutdown} that drains or halts them.
 *
 * @param <T> the task type.
 * @param <R> the result type.
 */
public final class Engine<T, R> implements FailureSink
{
    private static final System.Logger LOG = System.getLogger("io.ringpool");

    final PoolConfig<T, R> config;
    final RunState runState = new RunState();
    final PoolThreads poolThreads = new PoolThreads();
    final StopLimit workerLimit = new StopLimit();
    final ProducerGate gate;
    final TaskRing<T> tasks;
    final Publisher<T> publisher;
    final ResultRing<R> results;
    final OrderedResultRing<R> orderedResults;
    final Workers<T, R> workers;
    /** Per worker, the highest completed count a sample has handed out (see {@link #atLeastAsSampled}). */
    private final java.util.concurrent.atomic.AtomicLongArray sampledCompleted;
    final ResultCollector<R> collector;
    final PollingResults<R> poller;
    private final CountDownLatch started;
    private final Shutdown<T, R> shutdown;
    final StallWatchdog watchdog;
    /**
     * The result object of every CANCELLED outcome a halt gives a cancelled task no worker reached: made when the
     * pool is built, so the shutdown calls no user code for it, and never written (no handler ran). Null without
     * results.
     */
    final R untouchedResult;
    volatile Thread collectorThread;
    volatile Thread watchdogThread;
    /** The counters file, once started with one; closed when the report is made. */
    volatile CountersFile countersFile;
    volatile boolean threadsCreated;
    /** A failure {@link #record}ed but not yet logged by {@link #fail}. */
    private final java.util.concurrent.atomic.AtomicReference<Throwable> recordedUnlogged =
        new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * Builds every part of a pool; starts nothing.
     *
     * @param config a validated configuration.
     */
    public Engine(final PoolConfig<T, R> config)
    {
        this.config = config;
        this.tasks = new TaskRing<>(
            config.taskFactory(), config.ringSize(), config.producerType(), config.waitStrategy(), config.workers(),
            config.keyOf(), config.cancellable());
        this.gate = config.producerType() == com.lmax.disruptor.dsl.ProducerType.SINGLE ?
            ProducerGate.single(config.idleStrategies(), tasks) : ProducerGate.multi(config.idleStrategies(), tasks);
        this.publisher = new Publisher<>(tasks, gate, runState, poolThreads, config.name(), config.timeStages());

        final boolean hasResults = config.resultMode() != PoolConfig.ResultMode.NONE;
        final boolean ordered = hasResults && config.submissionOrder();
        this.results = hasResults && !ordered ?
            ResultRing.create(config.resultFactory(), config.resultRingSize(), config.workers(), config.resultWait()) :
            null;
        this.orderedResults = ordered ? new OrderedResultRing<>(config.resultFactory(), config.resultRingSize()) : null;
        final ResultSink<R> sink = ordered ? orderedResults : results;

        final boolean hasCollector = config.resultMode() == PoolConfig.ResultMode.HANDLER;
        this.started = new CountDownLatch(config.workers() + (hasCollector ? 1 : 0));
        this.sampledCompleted = new java.util.concurrent.atomic.AtomicLongArray(config.workers());
        this.workers = new Workers<>(
            config.workers(), tasks, config.sources(), config.handlers(), sink, config.deadlines(),
            config.idleStrategies(), config.listener(), this, workerLimit, started, config.cancellable(),
            config.timeStages());
        if (hasCollector)
        {
            final ResultFeed<R> feed = ordered ?
                new ResultFeed.Submission<>(orderedResults, config.idleStrategies().get(), config.resultRingSize()) :
                new ResultFeed.Completion<>(results);
            this.collector = new ResultCollector<>(feed, config.resultHandler(), config.listener(), this, started);
        }
        else
        {
            this.collector = null;
        }
        if (config.resultMode() == PoolConfig.ResultMode.POLL)
        {
            this.poller = new PollingResults<>(ordered ?
                new ResultFeed.Submission<>(orderedResults, config.idleStrategies().get(), config.resultRingSize()) :
                new ResultFeed.Completion<>(results));
        }
        else
        {
            this.poller = null;
        }
        this.untouchedResult = hasResults ? config.resultFactory().newInstance() : null;
        final long thresholdNs = config.stallThresholdNs();
        final boolean sampled = thresholdNs > 0 || null != config.countersFile();
        final long periodNs = thresholdNs > 0 ? Math.max(1_000_000L, thresholdNs / 4) : CountersFile.PERIOD_NS;
        this.watchdog = sampled ? new StallWatchdog(workers.list(), tasks, thresholdNs, config.stallListener(),
            null != config.countersFile() ? Math.min(periodNs, CountersFile.PERIOD_NS) : periodNs, config.name(), gate) :
            null;
        this.shutdown = new Shutdown<>(this);
    }

    /** How many times a sample looks at a worker in the middle of a commit before it takes what it read. */
    private static final int SAMPLE_LOOKS = 64;

    /**
     * Completed, as derived, never reads above the truth but may read one low for a worker sampled during a commit
     * that outlasted its looks (a descheduled worker); keeping the highest value handed out, per worker, makes every
     * later sample at least that, so completed never goes down, and a count that went down would read as a counter
     * reset to a monitoring system.
     *
     * @param worker  the worker's id.
     * @param derived completed as derived now.
     * @return the larger of it and every value handed out before.
     */
    private long atLeastAsSampled(final int worker, final long derived)
    {
        while (true)
        {
            final long before = sampledCompleted.get(worker);
            if (derived <= before || sampledCompleted.compareAndSet(worker, before, derived))
            {
                return Math.max(derived, before);
            }
        }
    }

    /**
     * Fills a metrics sample. Reads only: the producers' cells (under the gate's lock), the workers' tickets, the
     * rings' cursors and the sampler's held times; allocates nothing.
     *
     * @param pool    a pool sample of {@link Sample#POOL_LENGTH} entries.
     * @param workers a worker sample of {@code workers * }{@link Sample#WORKER_STRIDE} entries.
     */
    public void sample(final long[] pool, final long[] workers)
    {
        java.util.Arrays.fill(pool, 0L);
        final long now = System.nanoTime();
        final ShutdownReport<T, R> report = shutdown.report();
        gate.addCountsTo(pool);
        final long cursor = tasks.ring().getCursor();
        final List<Worker<T, R>> list = this.workers.list();
        long processed = 0;
        int busy = 0;
        for (int i = 0; i < list.size(); i++)
        {
            final WorkerTicket ticket = list.get(i).ticket();
            // The worker writes its status counts only while COMMITTING, and leaves it with a release store: counts
            // read between two equal words outside COMMITTING are those of that word, so completed (derived from
            // them) never goes down from one sample to the next. A commit lasts a few stores; after a few looks
            // the sample takes what it has, which may then read one low for that worker.
            long word = ticket.wordAcquire();
            long failed;
            long cancelled;
            long expired;
            int looks = 0;
            while (true)
            {
                failed = ticket.failedAcquire();
                cancelled = ticket.cancelledAcquire();
                expired = ticket.expiredAcquire();
                java.lang.invoke.VarHandle.loadLoadFence();
                final long again = ticket.wordAcquire();
                if ((again == word && WorkerTicket.phaseOf(word) != WorkerTicket.COMMITTING) ||
                    ++looks == SAMPLE_LOOKS)
                {
                    break;
                }
                word = again;
                Thread.onSpinWait();
            }
            final int phase = WorkerTicket.phaseOf(word);
            final boolean holds = phase == WorkerTicket.BUSY || phase == WorkerTicket.COMMITTING ||
                phase == WorkerTicket.AWAITING_ROOM;
            // COMMITTING and AWAITING_ROOM already count the task in hand; BUSY does not.
            final long count = WorkerTicket.processedOf(word) - (holds && phase != WorkerTicket.BUSY ? 1 : 0);
            final int at = i * Sample.WORKER_STRIDE;
            workers[at + Sample.W_COMPLETED] = atLeastAsSampled(i, Math.max(0L, count - failed - cancelled - expired));
            workers[at + Sample.W_FAILED] = failed;
            workers[at + Sample.W_CANCELLED] = cancelled;
            workers[at + Sample.W_EXPIRED] = expired;
            workers[at + Sample.W_BUSY] = holds ? 1 : 0;
            final long current = holds ? ticket.heldBy(word) : -1L;
            workers[at + Sample.W_CURRENT] = current;
            workers[at + Sample.W_HELD_NANOS] = holds && null != watchdog ? watchdog.heldNanos(i, word, now) : -1L;
            workers[at + Sample.W_LAG] = holds ? Math.max(0L, cursor - current) : 0L;
            pool[Sample.COMPLETED] += workers[at + Sample.W_COMPLETED];
            pool[Sample.FAILED] += failed;
            pool[Sample.CANCELLED] += cancelled;
            pool[Sample.EXPIRED] += expired;
            processed += count;
            busy += holds ? 1 : 0;
        }
        pool[Sample.BUSY_WORKERS] = busy;
        pool[Sample.TASK_BACKLOG] = Math.max(0L, pool[Sample.PUBLISHED] - processed - busy);
        pool[Sample.RESULT_BACKLOG] = resultBacklog();
        pool[Sample.REMAINING_CAPACITY] = tasks.ring().remainingCapacity();
        pool[Sample.STALLS] = stalls();
        pool[Sample.STATE] = state().ordinal();
        if (null != report)
        {
            // Terminated: the report's totals are exact and final.
            pool[Sample.PUBLISHED] = report.published();
            pool[Sample.COMPLETED] = report.completed();
            pool[Sample.FAILED] = report.failed();
            pool[Sample.CANCELLED] = report.cancelled();
            pool[Sample.EXPIRED] = report.expired();
            pool[Sample.RETURNED] = report.returned();
            pool[Sample.ABANDONED] = report.abandoned();
            pool[Sample.TASK_BACKLOG] = 0;
            pool[Sample.BUSY_WORKERS] = 0;
            pool[Sample.STATE] = report.finalState().ordinal();
        }
    }

    /** After the report is made: the counters file's last refresh (with the report's totals), then its release. */
    void closeCountersFile()
    {
        final CountersFile file = countersFile;
        if (null != file)
        {
            try
            {
                file.close();
            }
            catch (final RuntimeException ex)
            {
                LOG.log(System.Logger.Level.WARNING, "pool '" + name() + "': closing its counters file failed", ex);
            }
        }
    }

    private long resultBacklog()
    {
        if (null != collector)
        {
            return collector.backlog();
        }
        if (null != poller)
        {
            return poller.backlog();
        }
        return -1L;
    }

    /**
     * How many stalls the watchdog has reported.
     *
     * @return the count; 0 without a watchdog.
     */
    public long stalls()
    {
        return null == watchdog ? 0 : watchdog.stalls();
    }

    /**
     * The worker that runs the tasks of a key, for keyed dispatch.
     *
     * @param key a task key.
     * @return the worker id.
     * @throws IllegalStateException if the pool's dispatch is not keyed.
     */
    public int workerFor(final long key)
    {
        if (null == config.keyOf())
        {
            throw new IllegalStateException("pool '" + name() + "' does not use keyed dispatch: workerFor(key) " +
                "needs dispatch(Dispatch.KEYED) with a keyExtractor");
        }
        return KeyRouting.workerFor(key, config.workers());
    }

    /**
     * Cancels a task no worker has started.
     *
     * @param sequence the task's handle.
     * @return true if the task will end CANCELLED without running.
     */
    public boolean cancel(final long sequence)
    {
        if (!config.cancellable())
        {
            throw new IllegalStateException("pool '" + name() + "' was built without cancellable(): its workers " +
                "start tasks without the compare-and-set that a cancel races with");
        }
        return tasks.cancel(sequence);
    }

    /**
     * Free task-ring entries right now: a hint.
     *
     * @return the number of entries a producer could claim without waiting.
     */
    public long remainingCapacity()
    {
        return tasks.ring().remainingCapacity();
    }

    /**
     * The producer side: every publish goes through it.
     *
     * @return the publisher.
     */
    public Publisher<T> publisher()
    {
        return publisher;
    }

    /**
     * The pool's name.
     *
     * @return the name.
     */
    public String name()
    {
        return config.name();
    }

    /**
     * The public state.
     *
     * @return the state.
     */
    public PoolState state()
    {
        return RunState.toPublic(runState.get());
    }

    /**
     * The poller, in polling mode.
     *
     * @return the poller.
     * @throws IllegalStateException if the pool does not poll its results.
     */
    public ResultPoller<R> poller()
    {
        if (null == poller)
        {
            throw new IllegalStateException(
                "pool '" + name() + "' has resultMode " + config.resultMode() + ": build it with pollResults() to poll");
        }
        return poller;
    }

    /**
     * Starts every pool thread and waits until each ran its {@code onStart}.
     *
     * @throws IllegalStateException if the pool is not NEW, or a thread could not be made, started, or started up.
     */
    public void start()
    {
        final int seen = runState.compareAndExchange(RunState.NEW, RunState.STARTING);
        if (seen != RunState.NEW)
        {
            throw new IllegalStateException("pool '" + name() + "' is " + RunState.toPublic(seen) +
                (seen >= RunState.TERMINATED ? ": a pool cannot be restarted, build a new one" : ": already started"));
        }

        try
        {
            if (null != config.countersFile())
            {
                countersFile = CountersFile.open(this, config.countersFile());
                watchdog.countersFile(countersFile);
            }
            workers.createThreads(name(), config.threadFactory(), poolThreads);
            if (null != collector)
            {
                collectorThread = poolThreads.create(config.threadFactory(), name() + "-results", collector);
            }
            if (null != watchdog)
            {
                watchdogThread = poolThreads.create(config.threadFactory(), name() + "-watchdog", watchdog);
            }
            threadsCreated = true;
            for (final Thread thread : allThreads())
            {
                thread.start();
            }
        }
        catch (final Throwable ex)
        {
            threadsCreated = true;
            fail(ex);
            throw new IllegalStateException("pool '" + name() + "' failed to start: " + ex.getMessage(), ex);
        }

        awaitStarted();
        if (runState.compareAndExchange(RunState.STARTING, RunState.RUNNING) != RunState.STARTING)
        {
            final Throwable cause = runState.cause();
            throw new IllegalStateException("pool '" + name() + "' failed to start" +
                (null != cause ? ": " + cause.getMessage() : ""), cause);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "pool '" + name() + "' started " + config.workers() + " workers");
    }

    private void awaitStarted()
    {
        boolean interrupted = false;
        final long deadline = System.nanoTime() + config.startTimeoutNs();
        try
        {
            while (true)
            {
                try
                {
                    if (!started.await(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))
                    {
                        fail(new IllegalStateException("pool '" + name() + "': pool threads did not finish onStart " +
                            "within startTimeout " + TimeUnit.NANOSECONDS.toMillis(config.startTimeoutNs()) + " ms"));
                    }
                    return;
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    List<Thread> allThreads()
    {
        final List<Thread> all = new ArrayList<>(workers.threads());
        if (null != collectorThread)
        {
            all.add(collectorThread);
        }
        if (null != watchdogThread)
        {
            all.add(watchdogThread);
        }
        return all;
    }

    /**
     * Drains or halts the pool; see {@link Shutdown}.
     *
     * @param halt      true to halt, false to drain.
     * @param timeoutNs the caller's bound.
     * @return the report, the same for every caller.
     */
    public ShutdownReport<T, R> shutdown(final boolean halt, final long timeoutNs)
    {
        return shutdown.run(halt, timeoutNs);
    }

    /**
     * The report, once the pool has terminated.
     *
     * @return the report, or null before the shutdown finished.
     */
    public ShutdownReport<T, R> report()
    {
        return shutdown.report();
    }

    /**
     * The drain timeout of {@code close()}.
     *
     * @return nanoseconds.
     */
    public long closeTimeoutNs()
    {
        return config.closeTimeoutNs();
    }

    @Override
    public void fail(final Throwable cause)
    {
        final boolean first = runState.fail(cause);
        if (first || recordedUnlogged.compareAndSet(cause, null))
        {
            LOG.log(System.Logger.Level.ERROR, "pool '" + name() + "' failed; it accepts no more tasks", cause);
            PoolEvents.failed(name(), cause);
        }
        workerLimit.stopNow();
        workers.alertAll();
    }

    @Override
    public void record(final Throwable cause)
    {
        if (runState.fail(cause))
        {
            recordedUnlogged.set(cause);
        }
    }
}
