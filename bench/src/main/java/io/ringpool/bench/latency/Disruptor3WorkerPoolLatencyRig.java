package io.ringpool.bench.latency;

import io.ringpool.bench.DaemonThreads;
import io.ringpool.bench.TaskShape;
import io.ringpool.bench.d3.com.lmax.disruptor.BatchEventProcessor;
import io.ringpool.bench.d3.com.lmax.disruptor.EventHandler;
import io.ringpool.bench.d3.com.lmax.disruptor.EventTranslatorOneArg;
import io.ringpool.bench.d3.com.lmax.disruptor.FatalExceptionHandler;
import io.ringpool.bench.d3.com.lmax.disruptor.InsufficientCapacityException;
import io.ringpool.bench.d3.com.lmax.disruptor.RingBuffer;
import io.ringpool.bench.d3.com.lmax.disruptor.WorkHandler;
import io.ringpool.bench.d3.com.lmax.disruptor.WorkerPool;
import io.ringpool.bench.d3.com.lmax.disruptor.YieldingWaitStrategy;
import io.ringpool.bench.d3.com.lmax.disruptor.dsl.ProducerType;

/**
 * Disruptor 3.4.4's {@link WorkerPool} (relocated to {@code io.ringpool.bench.d3}) with a result ring, as the JMH rig
 * ({@code Disruptor3WorkerPoolRig}) builds it.
 * <pre>
 *   producer --tryPublishEvent--> task ring --> WorkProcessor 0..N-1: stamp, run, stamp; claim, write, publish
 *                                 (CAS one shared work sequence per event)                      |
 *                                                                result ring --> BatchEventProcessor: collector
 * </pre>
 * Both rings have {@code ringSize} entries and a {@link YieldingWaitStrategy}; a single-producer task ring, and a
 * single-producer result ring for one worker (multi-producer for more). A full ring is retried with
 * {@link Thread#yield()} between tries, as ringpool's producer yields.
 * <p>
 * <b>Failures:</b> 3.4.4's {@link FatalExceptionHandler}: a handler that throws ends its thread, so the run fails at
 * the end-of-run wait instead of reporting a better latency.
 * <p>
 * <b>Threading:</b> as {@link LatencyRig}.
 */
final class Disruptor3WorkerPoolLatencyRig extends LatencyRig
{
    /** Fills a task entry from the schedule: static and non-capturing, so a send allocates nothing. */
    private static final EventTranslatorOneArg<LatencyTask, FixedRateSchedule> TRANSLATOR =
        (task, sequence, schedule) -> schedule.fillIn(task);

    private final DaemonThreads threads = new DaemonThreads("d3");
    private RingBuffer<LatencyTask> tasks;
    private WorkerPool<LatencyTask> workerPool;
    private BatchEventProcessor<LatencyResult> collector;

    Disruptor3WorkerPoolLatencyRig(
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

        collector = new BatchEventProcessor<>(results, results.newBarrier(), new Collector(recorder));
        results.addGatingSequences(collector.getSequence());

        workerPool = new WorkerPool<>(tasks, tasks.newBarrier(), new FatalExceptionHandler(), handlers(results));
        tasks.addGatingSequences(workerPool.getWorkerSequences());

        threads.execute(collector);
        workerPool.start(threads);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private WorkHandler<LatencyTask>[] handlers(final RingBuffer<LatencyResult> results)
    {
        final WorkHandler<LatencyTask>[] handlers = new WorkHandler[workers];
        for (int i = 0; i < handlers.length; i++)
        {
            handlers[i] = new Worker(shape, results);
        }
        return handlers;
    }

    @Override
    void send(final FixedRateSchedule schedule)
    {
        if (!tasks.tryPublishEvent(TRANSLATOR, schedule))
        {
            sendSlowPath(schedule);
        }
    }

    private void sendSlowPath(final FixedRateSchedule schedule)
    {
        final long deadlineNs = waitDeadline();
        while (!tasks.tryPublishEvent(TRANSLATOR, schedule))
        {
            yieldBefore(deadlineNs, "room in the Disruptor 3 task ring");
        }
    }

    @Override
    void stopContender(final long sent)
    {
        // Every result has come back, so the drain finds nothing left and the halts only wake the threads.
        workerPool.drainAndHalt();
        collector.halt();
        threads.joinAll(STOP_TIMEOUT_NS);
    }

    /** One worker: stamps, runs and stamps the task, then claims, fills and publishes a result entry. */
    private static final class Worker implements WorkHandler<LatencyTask>
    {
        private final TaskShape shape;
        private final RingBuffer<LatencyResult> results;

        Worker(final TaskShape shape, final RingBuffer<LatencyResult> results)
        {
            this.shape = shape;
            this.results = results;
        }

        @Override
        public void onEvent(final LatencyTask task)
        {
            final long startNs = System.nanoTime();
            final long value = shape.run(task.value);
            final long endNs = System.nanoTime();
            final long sequence = claim();
            results.get(sequence).set(task.intendedNs, startNs, endNs, value);
            results.publish(sequence);
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
                    yieldBefore(deadlineNs, "room in the Disruptor 3 result ring");
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
