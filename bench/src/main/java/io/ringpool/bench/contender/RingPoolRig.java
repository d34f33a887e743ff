package io.ringpool.bench.contender;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.Dispatch;
import io.ringpool.Outcome;
import io.ringpool.OutcomeStatus;
import io.ringpool.PoolState;
import io.ringpool.ResultHandler;
import io.ringpool.RingPool;
import io.ringpool.RingPoolBuilder;
import io.ringpool.ShutdownReport;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.time.Duration;

/**
 * The contender: a {@link RingPool} with results, in one {@link Dispatch} mode.
 * <pre>
 *   producers --publish--> task ring --> worker 0..N-1 --> result ring --> collector: ResultHandler --> Workload.record
 * </pre>
 * Both rings have {@code ringSize} entries and a {@link YieldingWaitStrategy}; producers and workers wait with a
 * {@link YieldingIdleStrategy} when a ring is full. A single producer uses {@link ProducerType#SINGLE}, two use
 * {@link ProducerType#MULTI}. {@link Dispatch#KEYED} keys each task with {@link Workload#key}; work stealing claims
 * up to {@code maxClaimBatch} tasks per CAS (the builder's default, or 1 for the dispatch-mode benchmark's
 * single-claim variant).
 * <p>
 * The stop drains the pool and throws unless its report is drained, balanced and exact: every task published
 * completed, none failed or went undelivered.
 * <p>
 * <b>Threading:</b> as {@link Rig}.
 *
 * @param <T> the workload's task.
 * @param <R> the workload's result.
 * @param <A> what a producer fills its tasks from.
 */
public final class RingPoolRig<T, R, A> extends Rig<T, R, A>
{
    private final Dispatch dispatch;
    private final int maxClaimBatch;
    private final Instrumentation instrumentation;
    private final DaemonThreads threads = new DaemonThreads("ringpool");
    private final CountingResultHandler<R> results;
    /** Made once, so a publish allocates nothing. */
    private final EventTranslatorOneArg<T, A> translator;
    private RingPool<T, R> pool;

    /**
     * A ringpool in one dispatch mode.
     *
     * @param topology      the producers and workers.
     * @param ringSize      entries of both rings.
     * @param workload      the driver's tasks.
     * @param dispatch      how the pool spreads tasks over its workers.
     * @param maxClaimBatch the most tasks a work-stealing worker claims at once.
     */
    public RingPoolRig(
        final Topology topology, final int ringSize, final Workload<T, R, A> workload, final Dispatch dispatch,
        final int maxClaimBatch)
    {
        this(topology, ringSize, workload, dispatch, maxClaimBatch, Instrumentation.NONE);
    }

    /**
     * A ringpool in one dispatch mode, with its metrics options.
     *
     * @param topology        the producers and workers.
     * @param ringSize        entries of both rings.
     * @param workload        the driver's tasks.
     * @param dispatch        how the pool spreads tasks over its workers.
     * @param maxClaimBatch   the most tasks a work-stealing worker claims at once.
     * @param instrumentation which of the pool's metrics options are on.
     */
    public RingPoolRig(
        final Topology topology, final int ringSize, final Workload<T, R, A> workload, final Dispatch dispatch,
        final int maxClaimBatch, final Instrumentation instrumentation)
    {
        super(topology, ringSize, workload);
        this.dispatch = dispatch;
        this.maxClaimBatch = maxClaimBatch;
        this.instrumentation = instrumentation;
        this.results = new CountingResultHandler<>(workload);
        this.translator = (task, sequence, source) -> workload.fill(task, source);
    }

    static <T, R, A> Rig<T, R, A> workStealing(
        final Topology topology, final int ringSize, final Workload<T, R, A> workload)
    {
        return new RingPoolRig<>(topology, ringSize, workload, Dispatch.WORK_STEALING,
            RingPoolBuilder.DEFAULT_MAX_CLAIM_BATCH);
    }

    static <T, R, A> Rig<T, R, A> idSequenced(
        final Topology topology, final int ringSize, final Workload<T, R, A> workload)
    {
        return new RingPoolRig<>(topology, ringSize, workload, Dispatch.ID_SEQUENCED,
            RingPoolBuilder.DEFAULT_MAX_CLAIM_BATCH);
    }

    static <T, R, A> Rig<T, R, A> keyed(final Topology topology, final int ringSize, final Workload<T, R, A> workload)
    {
        return new RingPoolRig<>(topology, ringSize, workload, Dispatch.KEYED,
            RingPoolBuilder.DEFAULT_MAX_CLAIM_BATCH);
    }

    /** Which of the pool's metrics options a rig turns on, for the benchmark that measures what they cost. */
    public enum Instrumentation
    {
        /** Neither: the pool as every other benchmark builds it. */
        NONE,
        /** {@code countersFile}: the sampler thread refreshes a memory-mapped counters file four times a second. */
        COUNTERS,
        /** {@code timeStages()}: every outcome carries its publish, start and end stamps. */
        STAGES
    }

    @Override
    public void start()
    {
        final Workload<T, R, A> workload = this.workload;
        final RingPoolBuilder<T, R> builder = RingPool.builder(workload::newTask, workload::newResult)
            .name("bench-" + dispatch.name().toLowerCase())
            .workers(topology.workers())
            .ringSize(ringSize)
            .producerType(topology.producers() == 1 ? ProducerType.SINGLE : ProducerType.MULTI)
            .waitStrategy(new YieldingWaitStrategy())
            .resultWaitStrategy(new YieldingWaitStrategy())
            .idleStrategy(YieldingIdleStrategy::new)
            .threadFactory(threads)
            .dispatch(dispatch)
            .handler((task, result, context) -> workload.run(task, result))
            .resultHandler(results);
        if (dispatch == Dispatch.KEYED)
        {
            builder.keyExtractor(workload::key);
        }
        if (instrumentation == Instrumentation.COUNTERS)
        {
            try
            {
                final java.nio.file.Path file = java.nio.file.Files.createTempFile("ringpool-bench-", ".counters");
                file.toFile().deleteOnExit();
                builder.countersFile(file);
            }
            catch (final java.io.IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        }
        else if (instrumentation == Instrumentation.STAGES)
        {
            builder.timeStages();
        }
        if (dispatch == Dispatch.WORK_STEALING)
        {
            builder.maxClaimBatch(maxClaimBatch);
        }
        pool = builder.build();
        pool.start();
    }

    @Override
    public void publish(final int producer, final A source, final int count)
    {
        final RingPool<T, R> pool = this.pool;
        final EventTranslatorOneArg<T, A> translator = this.translator;
        for (int i = 0; i < count; i++)
        {
            pool.publish(translator, source);
        }
    }

    @Override
    public void stop(final long published)
    {
        final ShutdownReport<T, R> report = pool.drain(Duration.ofNanos(STOP_TIMEOUT_NS));
        threads.joinAll(STOP_TIMEOUT_NS);
        final boolean exact = report.drained() &&
            report.isBalanced() &&
            report.finalState() == PoolState.TERMINATED &&
            report.published() == published &&
            report.completed() == published &&
            report.failed() == 0 &&
            report.undelivered() == 0 &&
            results.notCompleted == 0;
        if (!exact)
        {
            throw new IllegalStateException(this + " did not drain exactly: published " + published +
                ", outcomes not completed " + results.notCompleted + ", " + report);
        }
    }

    @Override
    String name()
    {
        return "RingPoolRig[" + dispatch + (maxClaimBatch == 1 ? ", single claims" : "") + ']';
    }

    /**
     * The collector's handler: records every result; counts outcomes that did not complete, which a correct run never
     * has (a failed task must still be recorded, to end its producer's wait, but the stop must see that it failed).
     * {@link #notCompleted} is exact once the drain has joined the collector thread.
     */
    private static final class CountingResultHandler<R> implements ResultHandler<R>
    {
        private final Workload<?, R, ?> workload;
        private long notCompleted;

        CountingResultHandler(final Workload<?, R, ?> workload)
        {
            this.workload = workload;
        }

        @Override
        public void onResult(final Outcome<R> outcome, final boolean endOfBatch)
        {
            if (outcome.status() != OutcomeStatus.COMPLETED)
            {
                notCompleted++;
            }
            workload.record(outcome.result());
        }
    }
}
