package io.ringpool.bench;

import io.ringpool.bench.contender.Contender;
import io.ringpool.bench.contender.Topology;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

import java.util.concurrent.TimeUnit;

/**
 * Round-trip throughput of every {@link Contender} in every {@link Topology}, beside the same work done inline: one
 * class, with the topology and the contender as parameters.
 * <pre>
 *   producer 0 (JMH thread 0) ---+                            +--> worker 0 ------+
 *      ...                       +--publish x BURST--> ring / |        ...        +--> result consumer
 *   producer P-1 (JMH thread) ---+   (of ringSize)     queue  +--> worker N-1 ----+   (ResultLedger, per producer)
 *          ^                                                                                     |
 *          +--------------- each yields until its own BURST results are recorded ----------------+
 *
 *   topology: ONE_TO_ONE (1P-&gt;1W), ONE_TO_TWO (1P-&gt;2W), TWO_TO_TWO (2P-&gt;2W, with -t 2)
 *   contender: every Contender, ringpool's three dispatch modes and its baselines, the inline one included
 * </pre>
 * One operation is one task's round trip: an invocation publishes {@link #BURST} tasks from the JMH thread's
 * producer, then waits (yielding, with a deadline that throws) until the result consumer has recorded all of them.
 * The burst is larger than the default ring, so the producer also meets backpressure. Every wait of every contender
 * yields, except where the contender's own design parks (TPE and FJP workers); each rig's javadoc says how the
 * contender is built and bounded. Each trial's teardown stops the contender and throws unless every task came back
 * exactly once with the right result (and, for ringpool, the shutdown report is drained and balanced); with
 * {@code -foe true} that fails the run.
 * <p>
 * <b>Producers are JMH threads.</b> A topology of P producers runs with {@code -t P}, each JMH thread publishing as
 * the producer its thread index names and waiting for its own results only, so JMH adds up the producers'
 * throughput. The setup throws if the thread count does not match the topology. The default topologies have one
 * producer; {@link BenchGrid} runs each topology with its own thread count.
 * <p>
 * Run, from the repository root (or a whole grid through {@link BenchGrid}):
 * <pre>
 *   mvn -B -ntp -DskipTests package
 *   java -jar bench/target/benchmarks.jar RoundTripBenchmark -p topology=ONE_TO_ONE -f 2 -wi 2 -i 3 -prof gc \
 *       -foe true -rf json -rff /tmp/one-to-one.json
 *   java -jar bench/target/benchmarks.jar RoundTripBenchmark -p topology=TWO_TO_TWO -t 2 -f 2 -wi 2 -i 3 -foe true
 * </pre>
 * Add {@code -p contender=RING_POOL_WORK_STEALING,DISRUPTOR3_WORKER_POOL} for some contenders only,
 * {@code -p taskShape=tiny,100ns,1us,uneven} for every task shape, {@code -p ringSize=16384} for a ring larger than
 * the burst.
 * <p>
 * <b>Threading:</b> one state per benchmark ({@link Scope#Benchmark}), shared by its producers; JMH runs the setup
 * and the teardown on one thread while no producer is in a round trip.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class RoundTripBenchmark
{
    /** Tasks per round trip, per producer: JMH's operations per invocation. */
    public static final int BURST = 10_000;

    /** Who talks to whom; a topology of P producers needs {@code -t P}. */
    @Param({"ONE_TO_ONE", "ONE_TO_TWO"})
    public Topology topology;

    /** The contender: every one in {@link Contender} unless {@code -p contender=...} names some. */
    @Param
    public Contender contender;

    /** Entries of every ring, and the capacity of every queue or in-flight window, so that all hold the same. */
    @Param({"4096"})
    public int ringSize;

    /** What one task costs: {@code tiny}, {@code 100ns}, {@code 1us} or {@code uneven} ({@link TaskShape}). */
    @Param({"tiny", "1us"})
    public String taskShape;

    private RoundTrip roundTrip;

    /**
     * Builds and starts the contender.
     *
     * @param params JMH's parameters of the run, for its thread count.
     * @throws IllegalStateException if the thread count is not the topology's number of producers.
     */
    @Setup(Level.Trial)
    public void start(final BenchmarkParams params)
    {
        if (params.getThreads() != topology.producers())
        {
            throw new IllegalStateException("topology " + topology + " has " + topology.producers() +
                " producer(s), one per JMH thread: run it with -t " + topology.producers() + ", not -t " +
                params.getThreads());
        }
        roundTrip = RoundTrip.start(topology.producers(), TaskShape.of(taskShape),
            workload -> contender.newRig(topology, ringSize, workload));
    }

    /**
     * Stops the contender and checks that every task came back exactly once.
     *
     * @throws IllegalStateException if a count, checksum or shutdown report is wrong.
     */
    @TearDown(Level.Trial)
    public void stop()
    {
        roundTrip.stop();
    }

    /**
     * One round trip of one producer: a burst of {@link #BURST} tasks, and the wait for their results.
     *
     * @param thread names the producer: JMH's thread index.
     * @return the producer's results so far.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long roundTrip(final ThreadParams thread)
    {
        return roundTrip.roundTrip(thread.getThreadIndex());
    }
}
