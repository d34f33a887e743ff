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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What ringpool's metrics options cost the hot path: the round trip of {@link RoundTripBenchmark} for ringpool
 * (work stealing, one producer), with no option, with a counters file (the sampler thread refreshing it four times a
 * second), and with {@code timeStages()}, in one JMH run so that the ratios mean something.
 * <pre>
 *   java -jar bench/target/benchmarks.jar MetricsCostBenchmark -f 4 -wi 3 -i 5 -prof gc -foe true
 * </pre>
 * The forks open {@code jdk.internal.misc} to Agrona, which the counters file needs on Java 17.
 * <p>
 * <b>Threading:</b> one state per benchmark, one producer (the JMH thread).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED")
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class MetricsCostBenchmark
{
    /** The one-producer topologies. */
    @Param({"ONE_TO_ONE", "ONE_TO_TWO"})
    public Topology topology;

    /** Which metrics option is on. */
    @Param({"NONE", "COUNTERS", "STAGES"})
    public RingPoolRig.Instrumentation instrumentation;

    /** What one task costs ({@link TaskShape}). */
    @Param({"tiny"})
    public String taskShape;

    private RoundTrip roundTrip;

    /** Builds and starts the pool. */
    @Setup(Level.Trial)
    public void start()
    {
        roundTrip = RoundTrip.start(topology.producers(), TaskShape.of(taskShape),
            workload -> new RingPoolRig<>(topology, 4096, workload, Dispatch.WORK_STEALING,
                RingPoolBuilder.DEFAULT_MAX_CLAIM_BATCH, instrumentation));
    }

    /** Stops the pool and checks that every task came back exactly once. */
    @TearDown(Level.Trial)
    public void stop()
    {
        roundTrip.stop();
    }

    /**
     * One round trip: a burst of {@link RoundTripBenchmark#BURST} tasks, and the wait for their results.
     *
     * @return the producer's results so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripBenchmark.BURST)
    public long roundTrip()
    {
        return roundTrip.roundTrip(0);
    }
}
