package io.ringpool.bench.contender;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;

/**
 * The baseline on the Disruptor ringpool builds on: raw Disruptor 4.0.0, with the worker pool its maintainers
 * suggest in place of the removed {@code WorkerPool}, N striped {@link BatchEventProcessor}s, and a result ring.
 * <pre>
 *   producers --tryPublishEvent--> task ring --> BatchEventProcessor i of N: runs sequence % N == i, skips the rest
 *                                                        |  run; then claim, copy, publish
 *                                                        v
 *                                                   result ring --> BatchEventProcessor: collector
 * </pre>
 * Both rings have {@code ringSize} entries and a {@link YieldingWaitStrategy}. A single producer uses a
 * single-producer task ring; one worker, a single-producer result ring; otherwise multi-producer rings. Every
 * processor reads every task entry (there is no claim to contend on), and the producer is gated by the slowest. A
 * worker claims its result entry only once the task has run, so a slow task holds up no other worker's result.
 * <p>
 * <b>Waits:</b> a producer or worker that finds its ring full retries {@code tryNext} with {@link Thread#yield()}
 * between tries (with a deadline), as {@link Disruptor3WorkerPoolRig} does and for the same reason.
 * <p>
 * <b>Failures:</b> the processors' default exception handler rethrows: a handler that throws ends its thread and the
 * run fails at the producer's deadline.
 * <p>
 * <b>Threading:</b> as {@link Rig}.
 */
final class Disruptor4StripedRig<T, R, A> extends Rig<T, R, A>
{
    private final DaemonThreads threads = new DaemonThreads("d4");
    /** Made once, so a publish allocates nothing. */
    private final EventTranslatorOneArg<T, A> translator;
    private TryPublish<A> publisher;
    private BatchEventProcessor<?>[] processors;

    Disruptor4StripedRig(final Topology topology, final int ringSize, final Workload<T, R, A> workload)
    {
        super(topology, ringSize, workload);
        this.translator = (task, sequence, source) -> workload.fill(task, source);
    }

    @Override
    public void start()
    {
        final int workers = topology.workers();
        final RingBuffer<T> tasks = RingBuffer.create(
            topology.producers() == 1 ? ProducerType.SINGLE : ProducerType.MULTI,
            workload::newTask, ringSize, new YieldingWaitStrategy());
        final RingBuffer<R> results = RingBuffer.create(
            workers == 1 ? ProducerType.SINGLE : ProducerType.MULTI,
            workload::newResult, ringSize, new YieldingWaitStrategy());
        final BatchEventProcessorBuilder builder = new BatchEventProcessorBuilder();

        processors = new BatchEventProcessor<?>[workers + 1];
        final EventHandler<R> collector = (result, sequence, endOfBatch) -> workload.record(result);
        final BatchEventProcessor<R> collecting = builder.build(results, results.newBarrier(), collector);
        results.addGatingSequences(collecting.getSequence());
        processors[workers] = collecting;

        for (int i = 0; i < workers; i++)
        {
            final BatchEventProcessor<T> worker =
                builder.build(tasks, tasks.newBarrier(), new StripedWorker<>(i, workers, workload, results));
            tasks.addGatingSequences(worker.getSequence());
            processors[i] = worker;
        }
        final EventTranslatorOneArg<T, A> translator = this.translator;
        publisher = source -> tasks.tryPublishEvent(translator, source);
        for (final BatchEventProcessor<?> processor : processors)
        {
            threads.execute(processor);
        }
    }

    @Override
    public void publish(final int producer, final A source, final int count)
    {
        publishYielding(publisher, source, count, "room in the Disruptor 4 task ring");
    }

    @Override
    public void stop(final long published)
    {
        // Every result has come back, so every processor is idle: halting only wakes it from its barrier.
        for (final BatchEventProcessor<?> processor : processors)
        {
            processor.halt();
        }
        threads.joinAll(STOP_TIMEOUT_NS);
    }

    /**
     * Worker {@code ordinal} of {@code stripes}: runs the tasks whose sequence is its own modulo the stripes into its
     * own result, then claims, fills and publishes a result entry.
     */
    private static final class StripedWorker<T, R> implements EventHandler<T>
    {
        private final long ordinal;
        private final long stripes;
        private final Workload<T, R, ?> workload;
        private final RingBuffer<R> results;
        private final TryClaim claim;
        private final R result;

        StripedWorker(final int ordinal, final int stripes, final Workload<T, R, ?> workload, final RingBuffer<R> results)
        {
            this.ordinal = ordinal;
            this.stripes = stripes;
            this.workload = workload;
            this.results = results;
            this.claim = () -> tryNext(results);
            this.result = workload.newResult();
        }

        @Override
        public void onEvent(final T task, final long sequence, final boolean endOfBatch)
        {
            if (sequence % stripes != ordinal)
            {
                return;
            }
            workload.run(task, result);
            final long resultSequence = claimYielding(claim, "room in the Disruptor 4 result ring");
            workload.copy(result, results.get(resultSequence));
            results.publish(resultSequence);
        }

        private static long tryNext(final RingBuffer<?> results)
        {
            try
            {
                return results.tryNext();
            }
            catch (final InsufficientCapacityException ex)
            {
                // A preallocated singleton: the full-ring path allocates nothing.
                return -1L;
            }
        }
    }
}
