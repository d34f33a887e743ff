package io.ringpool.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Round-trip throughput of one producer, one worker and one result consumer, for every contender beside the same
 * work done inline.
 * <pre>
 *   +--------------+  publish x BURST   +----------+  result   +-----------------+
 *   | producer     |--(ring / queue of->| worker 0 |---------->| result consumer |
 *   | (JMH thread) |    ringSize)       +----------+           | (ResultLedger)  |
 *   +--------------+                                           +--------+--------+
 *          ^        yield until its BURST results are recorded          |
 *          +------------------------------------------------------------+
 *
 *   ringPool             RingPool, dispatch WORK_STEALING | ID_SEQUENCED | KEYED      (RingPoolRig)
 *   threadPoolExecutor   ThreadPoolExecutor + ArrayBlockingQueue + ExecutorCompletionService
 *   forkJoinPool         ForkJoinPool (async mode) + ConcurrentLinkedQueue of results
 *   disruptor3WorkerPool Disruptor 3.4.4 WorkerPool (relocated) + result ring
 *   disruptor4Striped    raw Disruptor 4.0.0: striped BatchEventProcessors + result ring
 *   inlineBaseline       the same tasks run on the producer thread, no hand-off
 * </pre>
 * One operation is one task's round trip: an invocation publishes {@link RoundTripRig#BURST} tasks, then waits
 * (yielding, with a deadline that throws) until the result consumer has recorded all of them. The burst is larger
 * than the default ring, so the producer also meets backpressure. Every wait of every contender yields, except
 * where the contender's own design parks (TPE and FJP workers); the rigs' javadoc says how each is built and bounded.
 * Each trial's teardown stops the contender and throws unless every task came back exactly once with the right
 * result (and, for ringpool, the shutdown report is drained and balanced); with {@code -foe true} that fails the run.
 * <p>
 * Run, from the repository root (or all topologies through {@link BenchGrid}):
 * <pre>
 *   mvn -B -ntp -DskipTests package
 *   java -jar bench/target/benchmarks.jar OneToOneRoundTrip -f 2 -wi 2 -i 3 -prof gc -foe true \
 *       -rf json -rff /tmp/one-to-one.json
 * </pre>
 * Add {@code -p taskShape=tiny,100ns,1us,uneven} for every task shape, {@code -p ringSize=16384} for a ring larger
 * than the burst.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
public class OneToOneRoundTripBenchmark
{
    private static final Topology TOPOLOGY = Topology.ONE_TO_ONE;

    /**
     * The contender: one burst through a ringpool and back.
     *
     * @param state the started pool.
     * @return the producer's results so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripRig.BURST)
    public long ringPool(final RingPool state)
    {
        return state.roundTrip(0);
    }

    /**
     * The JDK's default: one burst through a ThreadPoolExecutor and its completion service.
     *
     * @param state the started executor.
     * @return the producer's results so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripRig.BURST)
    public long threadPoolExecutor(final ThreadPoolExecutor state)
    {
        return state.roundTrip(0);
    }

    /**
     * One burst through an async-mode ForkJoinPool.
     *
     * @param state the started pool.
     * @return the producer's results so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripRig.BURST)
    public long forkJoinPool(final ForkJoinPool state)
    {
        return state.roundTrip(0);
    }

    /**
     * The original: one burst through Disruptor 3.4.4's WorkerPool and a result ring.
     *
     * @param state the started worker pool.
     * @return the producer's results so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripRig.BURST)
    public long disruptor3WorkerPool(final Disruptor3WorkerPool state)
    {
        return state.roundTrip(0);
    }

    /**
     * The raw baseline: one burst through striped Disruptor 4.0.0 processors and a result ring.
     *
     * @param state the started processors.
     * @return the producer's results so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripRig.BURST)
    public long disruptor4Striped(final Disruptor4Striped state)
    {
        return state.roundTrip(0);
    }

    /**
     * The ceiling: the same tasks run on the producer thread, no hand-off.
     *
     * @param state the producer's source and sums.
     * @return the producer's results so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripRig.BURST)
    public long inlineBaseline(final Inline state)
    {
        return state.roundTrip(0);
    }

    /** {@link RingPoolRig} in this topology. */
    @State(Scope.Benchmark)
    public static class RingPool extends RingPoolState
    {
        /** The state JMH makes. */
        public RingPool()
        {
            super(TOPOLOGY);
        }
    }

    /** {@link ThreadPoolExecutorRig} in this topology. */
    @State(Scope.Benchmark)
    public static class ThreadPoolExecutor extends ContenderState
    {
        /** The state JMH makes. */
        public ThreadPoolExecutor()
        {
            super(TOPOLOGY, ThreadPoolExecutorRig::new);
        }
    }

    /** {@link ForkJoinPoolRig} in this topology. */
    @State(Scope.Benchmark)
    public static class ForkJoinPool extends ContenderState
    {
        /** The state JMH makes. */
        public ForkJoinPool()
        {
            super(TOPOLOGY, ForkJoinPoolRig::new);
        }
    }

    /** {@link Disruptor3WorkerPoolRig} in this topology. */
    @State(Scope.Benchmark)
    public static class Disruptor3WorkerPool extends ContenderState
    {
        /** The state JMH makes. */
        public Disruptor3WorkerPool()
        {
            super(TOPOLOGY, Disruptor3WorkerPoolRig::new);
        }
    }

    /** {@link Disruptor4StripedRig} in this topology. */
    @State(Scope.Benchmark)
    public static class Disruptor4Striped extends ContenderState
    {
        /** The state JMH makes. */
        public Disruptor4Striped()
        {
            super(TOPOLOGY, Disruptor4StripedRig::new);
        }
    }

    /** {@link InlineRig} in this topology. */
    @State(Scope.Benchmark)
    public static class Inline extends ContenderState
    {
        /** The state JMH makes. */
        public Inline()
        {
            super(TOPOLOGY, InlineRig::new);
        }
    }
}
