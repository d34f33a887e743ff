package io.ringpool.bench;

import io.ringpool.Dispatch;
import io.ringpool.RingPoolBuilder;
import io.ringpool.bench.contender.RingPoolRig;
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
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * ringpool's dispatch modes side by side, and work stealing with batched against single claims: one producer, two
 * workers, results, the same ring size, wait strategy and burst for every variant.
 * <pre>
 *                                     +--> worker 0 --+
 *   producer --publish x BURST--> ring|               |--> result ring --> collector
 *   (JMH thread)                      +--> worker 1 --+
 *
 *   mode: WORK_STEALING (claims up to 64 per CAS when the backlog is deep), WORK_STEALING_SINGLE (one per CAS),
 *         ID_SEQUENCED (worker = sequence % 2), KEYED (worker = mix(key) mod 2)
 * </pre>
 * Task shapes: {@code tiny}; {@code 1us}, about a microsecond of work; {@code uneven}, mostly tiny with every 16th
 * task about 20 µs, where head-of-line blocking shows.
 * <p>
 * Run, from the repository root:
 * <pre>
 *   mvn -B -ntp -DskipTests package
 *   java -jar bench/target/benchmarks.jar DispatchModes -p taskShape=tiny,1us,uneven -f 2 -wi 2 -i 3 -prof gc \
 *       -foe true -rf json
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Timeout(time = 1, timeUnit = TimeUnit.MINUTES)
@State(Scope.Benchmark)
public class DispatchModesBenchmark
{
    /** The dispatch mode, and for work stealing the claim batch. */
    @Param({"WORK_STEALING", "WORK_STEALING_SINGLE", "ID_SEQUENCED", "KEYED"})
    public String mode;

    /** Entries of both rings. */
    @Param({"4096"})
    public int ringSize;

    /** What one task costs: {@code tiny}, {@code 100ns}, {@code 1us} or {@code uneven} ({@link TaskShape}). */
    @Param({"tiny", "1us"})
    public String taskShape;

    private RoundTrip roundTrip;

    /** Builds and starts a two-worker pool in the chosen mode: ringpool's contender, {@link RingPoolRig}. */
    @Setup(Level.Trial)
    public void start()
    {
        final boolean single = "WORK_STEALING_SINGLE".equals(mode);
        final Dispatch dispatch = single ? Dispatch.WORK_STEALING : Dispatch.valueOf(mode);
        final int maxClaimBatch = single ? 1 : RingPoolBuilder.DEFAULT_MAX_CLAIM_BATCH;
        roundTrip = RoundTrip.start(1, TaskShape.of(taskShape),
            workload -> new RingPoolRig<>(Topology.ONE_TO_TWO, ringSize, workload, dispatch, maxClaimBatch));
    }

    /**
     * Stops the pool and checks that every task came back exactly once.
     *
     * @throws IllegalStateException if a count, checksum or shutdown report is wrong.
     */
    @TearDown(Level.Trial)
    public void stop()
    {
        roundTrip.stop();
    }

    /**
     * One round trip of a burst through the pool.
     *
     * @return the results received so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripBenchmark.BURST)
    public long roundTrip()
    {
        return roundTrip.roundTrip(0);
    }
}
