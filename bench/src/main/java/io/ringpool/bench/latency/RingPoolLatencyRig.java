package io.ringpool.bench.latency;

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
import io.ringpool.TaskContext;
import io.ringpool.WorkHandler;
import io.ringpool.bench.DaemonThreads;
import io.ringpool.bench.TaskShape;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.time.Duration;

/**
 * The contender: a {@link RingPool} with results, in one {@link Dispatch} mode, built as the JMH rig
 * ({@code RingPoolRig}) builds it.
 * <pre>
 *   producer --publish--> task ring --> worker 0..N-1: stamp start, run, stamp end into its result
 *                                              --> result ring --> collector: ResultHandler --> LatencyRecorder
 * </pre>
 * Both rings have {@code ringSize} entries and a {@link YieldingWaitStrategy}; the producer and workers wait with a
 * {@link YieldingIdleStrategy} when a ring is full; one producer, so {@link ProducerType#SINGLE}.
 * {@link Dispatch#KEYED} keys each task by its value.
 * <p>
 * The stop drains the pool and throws unless its report is drained, balanced and exact.
 * <p>
 * <b>Threading:</b> as {@link LatencyRig}.
 */
final class RingPoolLatencyRig extends LatencyRig
{
    private final Dispatch dispatch;
    private final DaemonThreads threads = new DaemonThreads("ringpool");
    private RecordingResultHandler results;
    private RingPool<LatencyTask, LatencyResult> pool;

    RingPoolLatencyRig(
        final int workers, final int ringSize, final TaskShape shape, final LatencyRecorder recorder,
        final Dispatch dispatch)
    {
        super(workers, ringSize, shape, recorder);
        this.dispatch = dispatch;
    }

    @Override
    void start()
    {
        results = new RecordingResultHandler(recorder);
        final RingPoolBuilder<LatencyTask, LatencyResult> builder =
            RingPool.builder(LatencyTask::new, LatencyResult::new)
                .name("latency-" + dispatch.name().toLowerCase())
                .workers(workers)
                .ringSize(ringSize)
                .producerType(ProducerType.SINGLE)
                .waitStrategy(new YieldingWaitStrategy())
                .resultWaitStrategy(new YieldingWaitStrategy())
                .idleStrategy(YieldingIdleStrategy::new)
                .threadFactory(threads)
                .dispatch(dispatch)
                .handler(new StampingHandler(shape))
                .resultHandler(results);
        if (dispatch == Dispatch.KEYED)
        {
            builder.keyExtractor(task -> task.value);
        }
        pool = builder.build();
        pool.start();
    }

    @Override
    void send(final FixedRateSchedule schedule)
    {
        pool.publish(FixedRateSchedule.TRANSLATOR, schedule);
    }

    @Override
    void stopContender(final long sent)
    {
        final ShutdownReport<LatencyTask, LatencyResult> report = pool.drain(Duration.ofNanos(STOP_TIMEOUT_NS));
        threads.joinAll(STOP_TIMEOUT_NS);
        final boolean exact = report.drained() &&
            report.isBalanced() &&
            report.finalState() == PoolState.TERMINATED &&
            report.published() == sent &&
            report.completed() == sent &&
            report.failed() == 0 &&
            report.undelivered() == 0 &&
            results.notCompleted == 0;
        if (!exact)
        {
            throw new IllegalStateException(this + " did not drain exactly: sent " + sent +
                ", outcomes not completed " + results.notCompleted + ", " + report);
        }
    }

    @Override
    public String toString()
    {
        return "RingPoolLatencyRig[" + dispatch + "]{workers=" + workers + ", ringSize=" + ringSize + '}';
    }

    /** Every worker's handler (stateless, so one is shared): stamps start and end around the task. */
    private static final class StampingHandler implements WorkHandler<LatencyTask, LatencyResult>
    {
        private final TaskShape shape;

        StampingHandler(final TaskShape shape)
        {
            this.shape = shape;
        }

        @Override
        public void onTask(final LatencyTask task, final LatencyResult result, final TaskContext context)
        {
            final long startNs = System.nanoTime();
            final long value = shape.run(task.value);
            result.set(task.intendedNs, startNs, System.nanoTime(), value);
        }
    }

    /** The collector's handler: records each result; counts outcomes that did not complete, which must be none. */
    private static final class RecordingResultHandler implements ResultHandler<LatencyResult>
    {
        private final LatencyRecorder recorder;
        private long notCompleted;

        RecordingResultHandler(final LatencyRecorder recorder)
        {
            this.recorder = recorder;
        }

        @Override
        public void onResult(final Outcome<LatencyResult> outcome, final boolean endOfBatch)
        {
            if (outcome.status() != OutcomeStatus.COMPLETED)
            {
                notCompleted++;
            }
            final LatencyResult result = outcome.result();
            recorder.record(result.intendedNs, result.startNs, result.endNs, result.value);
        }
    }
}
