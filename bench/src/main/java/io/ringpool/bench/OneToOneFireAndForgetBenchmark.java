package io.ringpool.bench;

import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.Producer;
import io.ringpool.RingPool;
import io.ringpool.ShutdownReport;
import io.ringpool.bench.contender.DaemonThreads;
import io.ringpool.bench.contender.Rig;
import io.ringpool.bench.d3.com.lmax.disruptor.EventTranslatorOneArg;
import io.ringpool.bench.d3.com.lmax.disruptor.FatalExceptionHandler;
import io.ringpool.bench.d3.com.lmax.disruptor.RingBuffer;
import io.ringpool.bench.d3.com.lmax.disruptor.WorkHandler;
import io.ringpool.bench.d3.com.lmax.disruptor.WorkerPool;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Fire-and-forget throughput: one producer, one worker, no result ring. What is left is what a publish and the
 * hand-off of one task cost, the part of ringpool's hot path that the Disruptor 3 {@code WorkerPool} is measured
 * against without any result side.
 * <pre>
 *   +--------------+  publish x BURST   +----------+
 *   | producer     |--(ring of -------->| worker 0 |--> counts the task in a padded Sequence
 *   | (JMH thread) |   ringSize)        +----------+
 *   +--------------+                         |
 *          ^  yield until the worker has counted the whole burst
 *          +---------------------------------+
 *
 *   ringPool                   RingPool without results, one publish per task
 *   ringPoolBatch              RingPool without results, publishBatch of BATCH tasks
 *   ringPoolClaimBatch         RingPool without results, Producer claim of BATCH slots, filled in place, one commit
 *   disruptor3WorkerPool       Disruptor 3.4.4 WorkerPool (relocated), one tryPublishEvent per task
 *   disruptor3WorkerPoolBatch  Disruptor 3.4.4 WorkerPool, tryPublishEvents of BATCH tasks
 * </pre>
 * Both pools: a single-producer ring of {@code ringSize} entries with a yielding wait strategy; a producer that finds
 * the ring full yields and retries (ringpool through its {@link YieldingIdleStrategy}). Every worker counts its tasks
 * with the same release store, so the count costs both contenders the same. One operation is one task; the
 * teardown throws unless every task was counted exactly once (and, for ringpool, the drain's report is exact).
 * <p>
 * Run, from the repository root:
 * <pre>
 *   mvn -B -ntp -DskipTests package
 *   java -jar bench/target/benchmarks.jar OneToOneFireAndForget -f 4 -wi 2 -i 3 -prof gc -foe true
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
public class OneToOneFireAndForgetBenchmark
{
    /** Tasks per invocation: JMH's operations per invocation. */
    static final int BURST = 10_000;
    /** Tasks per batch publish. */
    static final int BATCH = 32;

    /** {@link FireAndForgetState#burst}: one publish per task. */
    static final int ONE_BY_ONE = 0;
    /** {@link FireAndForgetState#burst}: a batch publish of {@link #BATCH} tasks. */
    static final int BATCHED = 1;
    /** {@link FireAndForgetState#burst}: a claim of {@link #BATCH} slots, filled in place and committed at once. */
    static final int CLAIMED = 2;

    /**
     * One task per publish through a ringpool without results.
     *
     * @param state the started pool.
     * @return the tasks counted so far.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long ringPool(final RingPoolState state)
    {
        return state.burst(ONE_BY_ONE);
    }

    /**
     * Batches of {@link #BATCH} tasks per publish through a ringpool without results.
     *
     * @param state the started pool.
     * @return the tasks counted so far.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long ringPoolBatch(final RingPoolState state)
    {
        return state.burst(BATCHED);
    }

    /**
     * Batches of {@link #BATCH} tasks per claim through a ringpool's {@code Producer}: claim, fill in place, commit;
     * no translator.
     *
     * @param state the started pool.
     * @return the tasks counted so far.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long ringPoolClaimBatch(final RingPoolState state)
    {
        return state.burst(CLAIMED);
    }

    /**
     * One task per publish through the Disruptor 3.4.4 WorkerPool.
     *
     * @param state the started pool.
     * @return the tasks counted so far.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long disruptor3WorkerPool(final Disruptor3State state)
    {
        return state.burst(ONE_BY_ONE);
    }

    /**
     * Batches of {@link #BATCH} tasks per publish through the Disruptor 3.4.4 WorkerPool.
     *
     * @param state the started pool.
     * @return the tasks counted so far.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long disruptor3WorkerPoolBatch(final Disruptor3State state)
    {
        return state.burst(BATCHED);
    }

    /** What both contenders share: the task shape, the producer's source, the worker's count and the wait for it. */
    @State(Scope.Benchmark)
    public abstract static class FireAndForgetState
    {
        /** Entries in the task ring. */
        @Param("4096")
        public int ringSize;

        /** The work each task does ({@link TaskShape}). */
        @Param("tiny")
        public String taskShape;

        final Sequence counted = new Sequence(0L);
        final RoundTripTask.Source source = new RoundTripTask.Source(0);
        final RoundTripTask.Source[] batchArgs = new RoundTripTask.Source[BATCH];
        final DaemonThreads threads = new DaemonThreads("fire-and-forget");
        TaskShape shape;
        long sink;

        final void prepare()
        {
            if (ringSize < BATCH)
            {
                throw new IllegalArgumentException("ringSize must be at least the batch of " + BATCH +
                    " tasks; was " + ringSize);
            }
            shape = TaskShape.of(taskShape);
            Arrays.fill(batchArgs, source);
        }

        /** The worker's side, identical for both contenders: run the shape, count the task with a release store. */
        final void onTask(final RoundTripTask task)
        {
            sink += shape.run(task.value);
            counted.set(counted.get() + 1);
        }

        final long burst(final int how)
        {
            if (how == BATCHED)
            {
                for (int i = 0; i < BURST; i += BATCH)
                {
                    publishBatch();
                }
            }
            else if (how == CLAIMED)
            {
                for (int i = 0; i < BURST; i += BATCH)
                {
                    publishClaimed();
                }
            }
            else
            {
                for (int i = 0; i < BURST; i++)
                {
                    publishOne();
                }
            }
            final long target = source.count();
            final long deadlineNs = Rig.waitDeadline();
            while (counted.get() < target)
            {
                Rig.yieldBefore(deadlineNs, "the worker to count the burst");
            }
            return target;
        }

        abstract void publishOne();

        abstract void publishBatch();

        /** A claim of {@link #BATCH} slots through a {@code Producer}; ringpool only. */
        void publishClaimed()
        {
            throw new UnsupportedOperationException("claim and commit is ringpool's");
        }

        final void checkCounted()
        {
            if (counted.get() != source.count())
            {
                throw new IllegalStateException("published " + source.count() + " tasks but the worker counted " +
                    counted.get());
            }
        }
    }

    /** A started ringpool without results, one worker, single producer. */
    public static class RingPoolState extends FireAndForgetState
    {
        private RingPool<RoundTripTask, Void> pool;
        /** The JMH thread's handle: the producer, made on its first claim. */
        private Producer<RoundTripTask> producer;

        /** Builds and starts the pool. */
        @Setup(Level.Trial)
        public void start()
        {
            prepare();
            pool = RingPool.builder(RoundTripTask::new)
                .name("fire-and-forget")
                .workers(1)
                .ringSize(ringSize)
                .producerType(ProducerType.SINGLE)
                .waitStrategy(new YieldingWaitStrategy())
                .idleStrategy(YieldingIdleStrategy::new)
                .threadFactory(threads)
                .handler((task, result, context) -> onTask(task))
                .build();
            pool.start();
        }

        @Override
        void publishOne()
        {
            pool.publish(RoundTripTask.TRANSLATOR, source);
        }

        @Override
        void publishBatch()
        {
            pool.publishBatch(RoundTripTask.TRANSLATOR, batchArgs, 0, BATCH);
        }

        @Override
        void publishClaimed()
        {
            Producer<RoundTripTask> producer = this.producer;
            if (null == producer)
            {
                producer = this.producer = pool.producer();
            }
            final long first = producer.claim(BATCH);
            final RoundTripTask.Source source = this.source;
            for (int i = 0; i < BATCH; i++)
            {
                producer.task(first + i).value = source.nextValue();
            }
            producer.commit(first);
        }

        /** Drains the pool and checks that every task ran once. */
        @TearDown(Level.Trial)
        public void stop()
        {
            final ShutdownReport<RoundTripTask, Void> report =
                pool.drain(Duration.ofNanos(Rig.STOP_TIMEOUT_NS));
            threads.joinAll(Rig.STOP_TIMEOUT_NS);
            checkCounted();
            if (!report.drained() || !report.isBalanced() || report.completed() != source.count())
            {
                throw new IllegalStateException("ringpool did not drain exactly: published " + source.count() +
                    ", " + report);
            }
        }
    }

    /** A started Disruptor 3.4.4 WorkerPool, one worker, single-producer ring, no result ring. */
    public static class Disruptor3State extends FireAndForgetState
    {
        /** Static and non-capturing, as {@link RoundTripTask#TRANSLATOR}. */
        private static final EventTranslatorOneArg<RoundTripTask, RoundTripTask.Source> TRANSLATOR =
            (task, sequence, source) -> task.value = source.nextValue();

        private RingBuffer<RoundTripTask> ring;
        private WorkerPool<RoundTripTask> workerPool;

        /** Builds and starts the pool. */
        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void start()
        {
            prepare();
            ring = RingBuffer.create(
                io.ringpool.bench.d3.com.lmax.disruptor.dsl.ProducerType.SINGLE, RoundTripTask::new, ringSize,
                new io.ringpool.bench.d3.com.lmax.disruptor.YieldingWaitStrategy());
            final WorkHandler<RoundTripTask> worker = this::onTask;
            workerPool = new WorkerPool<>(ring, ring.newBarrier(), new FatalExceptionHandler(), worker);
            ring.addGatingSequences(workerPool.getWorkerSequences());
            workerPool.start(threads);
        }

        @Override
        void publishOne()
        {
            if (!ring.tryPublishEvent(TRANSLATOR, source))
            {
                final long deadlineNs = Rig.waitDeadline();
                while (!ring.tryPublishEvent(TRANSLATOR, source))
                {
                    Rig.yieldBefore(deadlineNs, "room in the Disruptor 3 task ring");
                }
            }
        }

        @Override
        void publishBatch()
        {
            if (!ring.tryPublishEvents(TRANSLATOR, 0, BATCH, batchArgs))
            {
                final long deadlineNs = Rig.waitDeadline();
                while (!ring.tryPublishEvents(TRANSLATOR, 0, BATCH, batchArgs))
                {
                    Rig.yieldBefore(deadlineNs, "room in the Disruptor 3 task ring");
                }
            }
        }

        /** Drains and halts the pool and checks that every task ran once. */
        @TearDown(Level.Trial)
        public void stop()
        {
            workerPool.drainAndHalt();
            threads.joinAll(Rig.STOP_TIMEOUT_NS);
            checkCounted();
        }
    }
}
