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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.TimeUnit;

/**
 * Round-trip throughput of two producers, two workers and one result consumer, for every contender beside the same
 * work done inline: producers now contend on the claim too (multi-producer rings, ringpool with
 * {@code ProducerType.MULTI}). Five busy threads share two cores here, so read it as a contention test.
 * <pre>
 *   +--------------+                      +----------+
 *   | producer 0   |--+  publish x BURST +->| worker 0 |--+  results  +-----------------+
 *   | (JMH thread) |  +-(ring / queue of-+  +----------+  +---------->| result consumer |
 *   +--------------+  |   ringSize)      |  +----------+  |           | (ResultLedger:  |
 *   | producer 1   |--+                  +->| worker 1 |--+           |  per producer)  |
 *   | (JMH thread) |                        +----------+              +--------+--------+
 *   +--------------+                                                           |
 *          ^    each yields until its own BURST results are recorded           |
 *          +-------------------------------------------------------------------+
 *
 *   ringPool             RingPool, dispatch WORK_STEALING | ID_SEQUENCED | KEYED      (RingPoolRig)
 *   threadPoolExecutor   ThreadPoolExecutor + ArrayBlockingQueue + ExecutorCompletionService
 *   forkJoinPool         ForkJoinPool (async mode) + ConcurrentLinkedQueue of results
 *   disruptor3WorkerPool Disruptor 3.4.4 WorkerPool (relocated) + result ring
 *   disruptor4Striped    raw Disruptor 4.0.0: striped BatchEventProcessors + result ring
 *   inlineBaseline       the same tasks run on each producer's thread, no hand-off
 * </pre>
 * Two JMH threads ({@link Threads @Threads(2)}) share one contender; each is a producer with its own task values,
 * JMH's thread index naming it, and waits for its own results only, so JMH adds up two producers' throughput.
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
 *   java -jar bench/target/benchmarks.jar TwoToTwoRoundTrip -f 2 -wi 2 -i 3 -prof gc -foe true \
 *       -rf json -rff /tmp/two-to-two.json
 * </pre>
 * Add {@code -p taskShape=tiny,100ns,1us,uneven} for every task shape, {@code -p ringSize=16384} for a ring larger
 * than the burst.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Threads(2)
public class TwoToTwoRoundTripBenchmark
{
    private static final Topology TOPOLOGY = Topology.TWO_TO_TWO;

    /**
     * The contender: one burst through a ringpool and back.
     *
     * @param state the started pool.
     * @param thread names the producer: JMH's thread index.
     * @return the producer's results so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripRig.BURST)
    public long ringPool(final RingPool state, final ThreadParams thread)
    {
        return state.roundTrip(thread.getThreadIndex());
    }

    /**
     * The JDK's default: one burst through a ThreadPoolExecutor and its completion service.
     *
     * @param state the started executor.
     * @param thread names the producer: JMH's thread index.
     * @return the producer's results so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripRig.BURST)
    public long threadPoolExecutor(final ThreadPoolExecutor state, final ThreadParams thread)
    {
        return state.roundTrip(thread.getThreadIndex());
    }

    /**
     * One burst through an async-mode ForkJoinPool.
     *
     * @param state the started pool.
     * @param thread names the producer: JMH's thread index.
     * @return the producer's results so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripRig.BURST)
    public long forkJoinPool(final ForkJoinPool state, final ThreadParams thread)
    {
        return state.roundTrip(thread.getThreadIndex());
    }

    /**
     * The original: one burst through Disruptor 3.4.4's WorkerPool and a result ring.
     *
     * @param state the started worker pool.
     * @param thread names the producer: JMH's thread index.
     * @return the producer's results so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripRig.BURST)
    public long disruptor3WorkerPool(final Disruptor3WorkerPool state, final ThreadParams thread)
    {
        return state.roundTrip(thread.getThreadIndex());
    }

    /**
     * The raw baseline: one burst through striped Disruptor 4.0.0 processors and a result ring.
     *
     * @param state the started processors.
     * @param thread names the producer: JMH's thread index.
     * @return the producer's results so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripRig.BURST)
    public long disruptor4Striped(final Disruptor4Striped state, final ThreadParams thread)
    {
        return state.roundTrip(thread.getThreadIndex());
    }

    /**
     * The ceiling: the same tasks run on each producer's thread, no hand-off.
     *
     * @param state the producers' sources and sums.
     * @param thread names the producer: JMH's thread index.
     * @return the producer's results so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripRig.BURST)
    public long inlineBaseline(final Inline state, final ThreadParams thread)
    {
        return state.roundTrip(thread.getThreadIndex());
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
