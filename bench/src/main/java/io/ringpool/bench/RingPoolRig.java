package io.ringpool.bench;

import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.Dispatch;
import io.ringpool.PoolState;
import io.ringpool.RingPool;
import io.ringpool.RingPoolBuilder;
import io.ringpool.ShutdownReport;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.time.Duration;

/**
 * The contender: a {@link RingPool} with results, in one {@link Dispatch} mode.
 * <pre>
 *   producers --publish--> task ring --> worker 0..N-1 --> result ring --> collector: CountingResultHandler
 * </pre>
 * Both rings have {@code ringSize} entries and a {@link YieldingWaitStrategy}; producers and workers wait with a
 * {@link YieldingIdleStrategy} when a ring is full. A single producer uses {@link ProducerType#SINGLE}, two use
 * {@link ProducerType#MULTI}. {@link Dispatch#KEYED} uses the task's value (its producer and count) as its key.
 * <p>
 * The stop drains the pool and throws unless its report is drained, balanced and exact.
 * <p>
 * <b>Threading:</b> as {@link RoundTripRig}.
 */
final class RingPoolRig extends RoundTripRig
{
    private final Dispatch dispatch;
    private final int maxClaimBatch;
    private final DaemonThreads threads = new DaemonThreads("ringpool");
    private CountingResultHandler results;
    private RingPool<RoundTripTask, RoundTripResult> pool;

    RingPoolRig(final Topology topology, final int ringSize, final TaskShape shape, final Dispatch dispatch)
    {
        this(topology, ringSize, shape, dispatch, RingPoolBuilder.DEFAULT_MAX_CLAIM_BATCH);
    }

    RingPoolRig(
        final Topology topology, final int ringSize, final TaskShape shape, final Dispatch dispatch,
        final int maxClaimBatch)
    {
        super(topology, ringSize, shape);
        this.dispatch = dispatch;
        this.maxClaimBatch = maxClaimBatch;
    }

    @Override
    void start()
    {
        final TaskShape taskShape = shape;
        results = new CountingResultHandler(ledger);
        final RingPoolBuilder<RoundTripTask, RoundTripResult> builder =
            RingPool.builder(RoundTripTask::new, RoundTripResult::new)
                .name("round-trip-" + dispatch.name().toLowerCase())
                .workers(topology.workers())
                .ringSize(ringSize)
                .producerType(topology.producers() == 1 ? ProducerType.SINGLE : ProducerType.MULTI)
                .waitStrategy(new YieldingWaitStrategy())
                .resultWaitStrategy(new YieldingWaitStrategy())
                .idleStrategy(YieldingIdleStrategy::new)
                .threadFactory(threads)
                .dispatch(dispatch)
                .handler((task, result, context) -> RoundTripTask.compute(task, taskShape, result))
                .resultHandler(results);
        if (dispatch == Dispatch.KEYED)
        {
            builder.keyExtractor(task -> task.value);
        }
        if (dispatch == Dispatch.WORK_STEALING)
        {
            builder.maxClaimBatch(maxClaimBatch);
        }
        pool = builder.build();
        pool.start();
    }

    @Override
    void publishBurst(final int producer, final RoundTripTask.Source source, final int count)
    {
        final RingPool<RoundTripTask, RoundTripResult> pool = this.pool;
        for (int i = 0; i < count; i++)
        {
            pool.publish(RoundTripTask.TRANSLATOR, source);
        }
    }

    @Override
    void stopContender()
    {
        final ShutdownReport<RoundTripTask, RoundTripResult> report = pool.drain(Duration.ofNanos(STOP_TIMEOUT_NS));
        threads.joinAll(STOP_TIMEOUT_NS);
        long published = 0L;
        for (int p = 0; p < topology.producers(); p++)
        {
            published += published(p);
        }
        final boolean exact = report.drained() &&
            report.isBalanced() &&
            report.finalState() == PoolState.TERMINATED &&
            report.published() == published &&
            report.completed() == published &&
            report.failed() == 0 &&
            report.undelivered() == 0 &&
            results.notCompleted() == 0;
        if (!exact)
        {
            throw new IllegalStateException(this + " did not drain exactly: published " + published +
                ", outcomes not completed " + results.notCompleted() + ", " + report);
        }
    }

    @Override
    String name()
    {
        return "RingPoolRig[" + dispatch + ']';
    }
}
