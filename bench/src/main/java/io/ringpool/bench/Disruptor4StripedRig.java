package io.ringpool.bench;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;

/**
 * The baseline on the Disruptor ringpool builds on: raw Disruptor 4.0.0, with the worker pool its maintainers
 * suggest in place of the removed {@code WorkerPool}, N striped {@link BatchEventProcessor}s, and a result ring.
 * <pre>
 *   producers --tryPublishEvent--> task ring --> BatchEventProcessor i of N: runs sequence % N == i, skips the rest
 *                                                        |  claim, write, publish
 *                                                        v
 *                                                   result ring --> BatchEventProcessor: collector
 * </pre>
 * Both rings have {@code ringSize} entries and a {@link YieldingWaitStrategy}. A single producer uses a
 * single-producer task ring; one worker, a single-producer result ring; otherwise multi-producer rings. Every
 * processor reads every task entry (there is no claim to contend on), and the producer is gated by the slowest.
 * <p>
 * <b>Waits:</b> a producer or worker that finds its ring full retries {@code tryNext} with {@link Thread#yield()}
 * between tries (with a deadline), as {@link Disruptor3WorkerPoolRig} does and for the same reason.
 * <p>
 * <b>Failures:</b> the processors' default exception handler rethrows: a handler that throws ends its thread and the
 * run fails at the producer's deadline.
 * <p>
 * <b>Threading:</b> as {@link RoundTripRig}.
 */
final class Disruptor4StripedRig extends RoundTripRig
{
    private final DaemonThreads threads = new DaemonThreads("d4");
    private RingBuffer<RoundTripTask> tasks;
    private BatchEventProcessor<?>[] processors;

    Disruptor4StripedRig(final Topology topology, final int ringSize, final TaskShape shape)
    {
        super(topology, ringSize, shape);
    }

    @Override
    void start()
    {
        final int workers = topology.workers();
        tasks = RingBuffer.create(
            topology.producers() == 1 ? ProducerType.SINGLE : ProducerType.MULTI,
            RoundTripTask::new, ringSize, new YieldingWaitStrategy());
        final RingBuffer<RoundTripResult> results = RingBuffer.create(
            workers == 1 ? ProducerType.SINGLE : ProducerType.MULTI,
            RoundTripResult::new, ringSize, new YieldingWaitStrategy());
        final BatchEventProcessorBuilder builder = new BatchEventProcessorBuilder();

        processors = new BatchEventProcessor<?>[workers + 1];
        final BatchEventProcessor<RoundTripResult> collector =
            builder.build(results, results.newBarrier(), new Collector(ledger));
        results.addGatingSequences(collector.getSequence());
        processors[workers] = collector;

        for (int i = 0; i < workers; i++)
        {
            final BatchEventProcessor<RoundTripTask> worker =
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
    void publishBurst(final int producer, final RoundTripTask.Source source, final int count)
    {
        final RingBuffer<RoundTripTask> tasks = this.tasks;
        for (int i = 0; i < count; i++)
        {
            if (!tasks.tryPublishEvent(RoundTripTask.TRANSLATOR, source))
            {
                publishSlowPath(tasks, source);
            }
        }
    }

    private static void publishSlowPath(final RingBuffer<RoundTripTask> tasks, final RoundTripTask.Source source)
    {
        final long deadlineNs = burstDeadline();
        while (!tasks.tryPublishEvent(RoundTripTask.TRANSLATOR, source))
        {
            yieldBefore(deadlineNs, "room in the Disruptor 4 task ring");
        }
    }

    @Override
    void stopContender()
    {
        // Every burst has come back, so every processor is idle: halting only wakes it from its barrier.
        for (final BatchEventProcessor<?> processor : processors)
        {
            processor.halt();
        }
        threads.joinAll(STOP_TIMEOUT_NS);
    }

    /** Worker {@code ordinal} of {@code stripes}: runs the tasks whose sequence is its own modulo the stripes. */
    private static final class StripedWorker implements EventHandler<RoundTripTask>
    {
        private final long ordinal;
        private final long stripes;
        private final TaskShape shape;
        private final RingBuffer<RoundTripResult> results;

        StripedWorker(
            final int ordinal, final int stripes, final TaskShape shape, final RingBuffer<RoundTripResult> results)
        {
            this.ordinal = ordinal;
            this.stripes = stripes;
            this.shape = shape;
            this.results = results;
        }

        @Override
        public void onEvent(final RoundTripTask task, final long sequence, final boolean endOfBatch)
        {
            if (sequence % stripes != ordinal)
            {
                return;
            }
            final long value = task.value;
            final long result = shape.run(value);
            final long resultSequence = claim();
            final RoundTripResult entry = results.get(resultSequence);
            entry.value = result;
            entry.producer = RoundTripTask.producerOf(value);
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
                    deadlineNs = 0L == deadlineNs ? burstDeadline() : deadlineNs;
                    yieldBefore(deadlineNs, "room in the Disruptor 4 result ring");
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
