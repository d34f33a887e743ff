package io.ringpool.bench.contender;

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
 *   producers --tryPublishEvent--> task ring --> WorkProcessor 0..N-1 --run; claim, copy, publish--> result ring
 *                                  (CAS one shared work sequence per event)                               |
 *                                                                                  BatchEventProcessor: collector
 * </pre>
 * Both rings have {@code ringSize} entries and a {@link YieldingWaitStrategy}. A single producer uses a
 * single-producer task ring; one worker, a single-producer result ring; otherwise multi-producer rings. A worker
 * claims its result entry only once the task has run.
 * <p>
 * <b>Waits:</b> a producer or worker that finds its ring full retries {@code tryNext} with {@link Thread#yield()}
 * between tries (with a deadline), instead of the Disruptor's blocking {@code next()}, which parks for a
 * nanosecond at a time (about 50 µs on Linux): every contender's full-ring wait then yields, as ringpool's does.
 * <p>
 * <b>Failures:</b> a {@link FatalExceptionHandler}, 3.4.4's own: a handler that throws ends its worker's thread, so
 * the producer's wait runs into its deadline and the run fails rather than scoring lower.
 * <p>
 * <b>Threading:</b> as {@link Rig}.
 */
final class Disruptor3WorkerPoolRig<T, R, A> extends Rig<T, R, A>
{
    private final DaemonThreads threads = new DaemonThreads("d3");
    /** Made once, so a publish allocates nothing. */
    private final EventTranslatorOneArg<T, A> translator;
    private TryPublish<A> publisher;
    private WorkerPool<T> workerPool;
    private BatchEventProcessor<R> collector;

    Disruptor3WorkerPoolRig(final Topology topology, final int ringSize, final Workload<T, R, A> workload)
    {
        super(topology, ringSize, workload);
        this.translator = (task, sequence, source) -> workload.fill(task, source);
    }

    @Override
    public void start()
    {
        final RingBuffer<T> tasks = RingBuffer.create(
            topology.producers() == 1 ? ProducerType.SINGLE : ProducerType.MULTI,
            workload::newTask, ringSize, new YieldingWaitStrategy());
        final RingBuffer<R> results = RingBuffer.create(
            topology.workers() == 1 ? ProducerType.SINGLE : ProducerType.MULTI,
            workload::newResult, ringSize, new YieldingWaitStrategy());

        final EventHandler<R> collecting = (result, sequence, endOfBatch) -> workload.record(result);
        collector = new BatchEventProcessor<>(results, results.newBarrier(), collecting);
        results.addGatingSequences(collector.getSequence());

        workerPool = new WorkerPool<>(tasks, tasks.newBarrier(), new FatalExceptionHandler(), workers(results));
        tasks.addGatingSequences(workerPool.getWorkerSequences());

        final EventTranslatorOneArg<T, A> translator = this.translator;
        publisher = source -> tasks.tryPublishEvent(translator, source);
        threads.execute(collector);
        workerPool.start(threads);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private WorkHandler<T>[] workers(final RingBuffer<R> results)
    {
        final WorkHandler<T>[] workers = new WorkHandler[topology.workers()];
        for (int i = 0; i < workers.length; i++)
        {
            workers[i] = new Worker<>(workload, results);
        }
        return workers;
    }

    @Override
    public void publish(final int producer, final A source, final int count)
    {
        publishYielding(publisher, source, count, "room in the Disruptor 3 task ring");
    }

    @Override
    public void stop(final long published)
    {
        // Every result has come back, so the drain finds nothing left and the halts only wake the threads.
        workerPool.drainAndHalt();
        collector.halt();
        threads.joinAll(STOP_TIMEOUT_NS);
    }

    /** One worker: runs the task into its own result, then claims, fills and publishes a result entry. */
    private static final class Worker<T, R> implements WorkHandler<T>
    {
        private final Workload<T, R, ?> workload;
        private final RingBuffer<R> results;
        private final TryClaim claim;
        private final R result;

        Worker(final Workload<T, R, ?> workload, final RingBuffer<R> results)
        {
            this.workload = workload;
            this.results = results;
            this.claim = () -> tryNext(results);
            this.result = workload.newResult();
        }

        @Override
        public void onEvent(final T task)
        {
            workload.run(task, result);
            final long sequence = claimYielding(claim, "room in the Disruptor 3 result ring");
            workload.copy(result, results.get(sequence));
            results.publish(sequence);
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
