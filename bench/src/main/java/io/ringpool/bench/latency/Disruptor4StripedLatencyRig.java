package io.ringpool.bench.latency;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.bench.DaemonThreads;
import io.ringpool.bench.TaskShape;

/**
 * Raw Disruptor 4.0.0: N striped {@link BatchEventProcessor}s and a result ring, as the JMH rig
 * ({@code Disruptor4StripedRig}) builds them.
 * <pre>
 *   producer --tryPublishEvent--> task ring --> BatchEventProcessor i of N: runs sequence % N == i, skips the rest
 *                                                      |  stamp, run, stamp; claim, write, publish
 *                                                      v
 *                                                 result ring --> BatchEventProcessor: collector --> LatencyRecorder
 * </pre>
 * Both rings have {@code ringSize} entries and a {@link YieldingWaitStrategy}; a single-producer task ring, and a
 * single-producer result ring for one worker (multi-producer for more). A full ring is retried with
 * {@link Thread#yield()} between tries.
 * <p>
 * <b>Threading:</b> as {@link LatencyRig}.
 */
final class Disruptor4StripedLatencyRig extends LatencyRig
{
    private final DaemonThreads threads = new DaemonThreads("d4");
    private RingBuffer<LatencyTask> tasks;
    private BatchEventProcessor<?>[] processors;

    Disruptor4StripedLatencyRig(
        final int workers, final int ringSize, final TaskShape shape, final LatencyRecorder recorder)
    {
        super(workers, ringSize, shape, recorder);
    }

    @Override
    void start()
    {
        tasks = RingBuffer.create(ProducerType.SINGLE, LatencyTask::new, ringSize, new YieldingWaitStrategy());
        final RingBuffer<LatencyResult> results = RingBuffer.create(
            workers == 1 ? ProducerType.SINGLE : ProducerType.MULTI,
            LatencyResult::new, ringSize, new YieldingWaitStrategy());
        final BatchEventProcessorBuilder builder = new BatchEventProcessorBuilder();

        processors = new BatchEventProcessor<?>[workers + 1];
        final BatchEventProcessor<LatencyResult> collector =
            builder.build(results, results.newBarrier(), new Collector(recorder));
        results.addGatingSequences(collector.getSequence());
        processors[workers] = collector;

        for (int i = 0; i < workers; i++)
        {
            final BatchEventProcessor<LatencyTask> worker =
                builder.build(tasks, tasks.newBarrier(), new StripedWorker(i, workers, shape, results));
            tasks.addGatingSequences(worker.getSequence());
            processors[i] = worker;
        }
        for (final BatchEventProcessor<?> processor : processors)
        {
            threads.execute(processor);
        }
    }

    @Override
    void send(final FixedRateSchedule schedule)
    {
        if (!tasks.tryPublishEvent(FixedRateSchedule.TRANSLATOR, schedule))
        {
            sendSlowPath(schedule);
        }
    }

    private void sendSlowPath(final FixedRateSchedule schedule)
    {
        final long deadlineNs = waitDeadline();
        while (!tasks.tryPublishEvent(FixedRateSchedule.TRANSLATOR, schedule))
        {
            yieldBefore(deadlineNs, "room in the Disruptor 4 task ring");
        }
    }

    @Override
    void stopContender(final long sent)
    {
        // Every result has come back, so every processor is idle: halting only wakes it from its barrier.
        for (final BatchEventProcessor<?> processor : processors)
        {
            processor.halt();
        }
        threads.joinAll(STOP_TIMEOUT_NS);
    }

    /** Worker {@code ordinal} of {@code stripes}: runs the tasks whose sequence is its own modulo the stripes. */
    private static final class StripedWorker implements EventHandler<LatencyTask>
    {
        private final long ordinal;
        private final long stripes;
        private final TaskShape shape;
        private final RingBuffer<LatencyResult> results;

        StripedWorker(
            final int ordinal, final int stripes, final TaskShape shape, final RingBuffer<LatencyResult> results)
        {
            this.ordinal = ordinal;
            this.stripes = stripes;
            this.shape = shape;
            this.results = results;
        }

        @Override
        public void onEvent(final LatencyTask task, final long sequence, final boolean endOfBatch)
        {
            if (sequence % stripes != ordinal)
            {
                return;
            }
            final long startNs = System.nanoTime();
            final long value = shape.run(task.value);
            final long endNs = System.nanoTime();
            final long resultSequence = claim();
            results.get(resultSequence).set(task.intendedNs, startNs, endNs, value);
            results.publish(resultSequence);
        }

        private long claim()
        {
            long deadlineNs = 0L;
            while (true)
            {
                try
                {
                    return results.tryNext();
                }
                catch (final InsufficientCapacityException ex)
                {
                    // A preallocated singleton: the full-ring path allocates nothing.
                    deadlineNs = 0L == deadlineNs ? waitDeadline() : deadlineNs;
                    yieldBefore(deadlineNs, "room in the Disruptor 4 result ring");
                }
            }
        }
    }

    /** The result consumer: records each result. */
    private static final class Collector implements EventHandler<LatencyResult>
    {
        private final LatencyRecorder recorder;

        Collector(final LatencyRecorder recorder)
        {
            this.recorder = recorder;
        }

        @Override
        public void onEvent(final LatencyResult result, final long sequence, final boolean endOfBatch)
        {
            recorder.record(result.intendedNs, result.startNs, result.endNs, result.value);
        }
    }
}
