package io.ringpool.bench;

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
 * The original that ringpool replaces: Disruptor 3.4.4's {@link WorkerPool} (relocated to
 * {@code io.ringpool.bench.d3}), each worker publishing its result into a result ring read by a
 * {@link BatchEventProcessor}.
 * <pre>
 *   producers --tryPublishEvent--> task ring --> WorkProcessor 0..N-1 --claim, write, publish--> result ring
 *                                  (CAS one shared work sequence per event)                          |
 *                                                                                 BatchEventProcessor: collector
 * </pre>
 * Both rings have {@code ringSize} entries and a {@link YieldingWaitStrategy}. A single producer uses a
 * single-producer task ring; one worker, a single-producer result ring; otherwise multi-producer rings.
 * <p>
 * <b>Waits:</b> a producer or worker that finds its ring full retries {@code tryNext} with {@link Thread#yield()}
 * between tries (with a deadline), instead of the Disruptor's blocking {@code next()}, which parks for a
 * nanosecond at a time (about 50 µs on Linux): every contender's full-ring wait then yields, as ringpool's does.
 * <p>
 * <b>Failures:</b> a {@link FatalExceptionHandler}, 3.4.4's own: a handler that throws ends its worker's thread, so
 * the producer's wait runs into its deadline and the run fails rather than scoring lower.
 * <p>
 * <b>Threading:</b> as {@link RoundTripRig}.
 */
final class Disruptor3WorkerPoolRig extends RoundTripRig
{
    /** Fills a task from the producer's source: static and non-capturing, as {@link RoundTripTask#TRANSLATOR}. */
    private static final EventTranslatorOneArg<RoundTripTask, RoundTripTask.Source> TRANSLATOR =
        (task, sequence, source) -> task.value = source.nextValue();

    private final DaemonThreads threads = new DaemonThreads("d3");
    private RingBuffer<RoundTripTask> tasks;
    private WorkerPool<RoundTripTask> workerPool;
    private BatchEventProcessor<RoundTripResult> collector;

    Disruptor3WorkerPoolRig(final Topology topology, final int ringSize, final TaskShape shape)
    {
        super(topology, ringSize, shape);
    }

    @Override
    void start()
    {
        tasks = RingBuffer.create(
            topology.producers() == 1 ? ProducerType.SINGLE : ProducerType.MULTI,
            RoundTripTask::new, ringSize, new YieldingWaitStrategy());
        final RingBuffer<RoundTripResult> results = RingBuffer.create(
            topology.workers() == 1 ? ProducerType.SINGLE : ProducerType.MULTI,
            RoundTripResult::new, ringSize, new YieldingWaitStrategy());

        collector = new BatchEventProcessor<>(results, results.newBarrier(), new Collector(ledger));
        results.addGatingSequences(collector.getSequence());

        workerPool = new WorkerPool<>(tasks, tasks.newBarrier(), new FatalExceptionHandler(), workers(results));
        tasks.addGatingSequences(workerPool.getWorkerSequences());

        threads.execute(collector);
        workerPool.start(threads);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private WorkHandler<RoundTripTask>[] workers(final RingBuffer<RoundTripResult> results)
    {
        final WorkHandler<RoundTripTask>[] workers = new WorkHandler[topology.workers()];
        for (int i = 0; i < workers.length; i++)
        {
            workers[i] = new Worker(shape, results);
        }
        return workers;
    }

    @Override
    void publishBurst(final int producer, final RoundTripTask.Source source, final int count)
    {
        final RingBuffer<RoundTripTask> tasks = this.tasks;
        for (int i = 0; i < count; i++)
        {
            if (!tasks.tryPublishEvent(TRANSLATOR, source))
            {
                publishSlowPath(tasks, source);
            }
        }
    }

    private static void publishSlowPath(final RingBuffer<RoundTripTask> tasks, final RoundTripTask.Source source)
    {
        final long deadlineNs = burstDeadline();
        while (!tasks.tryPublishEvent(TRANSLATOR, source))
        {
            yieldBefore(deadlineNs, "room in the Disruptor 3 task ring");
        }
    }

    @Override
    void stopContender()
    {
        // Every burst has come back, so the drain finds nothing left and the halts only wake the threads.
        workerPool.drainAndHalt();
        collector.halt();
        threads.joinAll(STOP_TIMEOUT_NS);
    }

    /** One worker: runs the shape, then claims, fills and publishes a result entry. */
    private static final class Worker implements WorkHandler<RoundTripTask>
    {
        private final TaskShape shape;
        private final RingBuffer<RoundTripResult> results;

        Worker(final TaskShape shape, final RingBuffer<RoundTripResult> results)
        {
            this.shape = shape;
            this.results = results;
        }

        @Override
        public void onEvent(final RoundTripTask task)
        {
            final long value = task.value;
            final long result = shape.run(value);
            final long sequence = claim();
            final RoundTripResult entry = results.get(sequence);
            entry.value = result;
            entry.producer = RoundTripTask.producerOf(value);
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
                    deadlineNs = 0L == deadlineNs ? burstDeadline() : deadlineNs;
                    yieldBefore(deadlineNs, "room in the Disruptor 3 result ring");
                }
            }
        }
    }

    /** The result consumer: records each result under its producer. */
    private static final class Collector implements EventHandler<RoundTripResult>
    {
        private final ResultLedger ledger;

        Collector(final ResultLedger ledger)
        {
            this.ledger = ledger;
        }

        @Override
        public void onEvent(final RoundTripResult result, final long sequence, final boolean endOfBatch)
        {
            ledger.record(result.producer, result.value);
        }
    }
}
