package io.ringpool.bench;

import io.ringpool.Dispatch;
import io.ringpool.RingPoolBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
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
public class DispatchModesBenchmark
{
    /**
     * One round trip of a burst through a two-worker pool in the chosen mode.
     *
     * @param state the started pool.
     * @return the checksum of the results received so far.
     */
    @Benchmark
    @OperationsPerInvocation(RoundTripRig.BURST)
    public long roundTrip(final Modes state)
    {
        return state.roundTrip(0);
    }

    /** A two-worker pool per mode and task shape. */
    @State(Scope.Benchmark)
    public static class Modes extends ContenderState
    {
        /** The dispatch mode, and for work stealing the claim batch. */
        @Param({"WORK_STEALING", "WORK_STEALING_SINGLE", "ID_SEQUENCED", "KEYED"})
        public String mode;

        /** A state for 1P -> 2W. */
        public Modes()
        {
            super(Topology.ONE_TO_TWO, null);
        }

        @Override
        RoundTripRig newRig(final Topology topology, final RigFactory factory)
        {
            final boolean single = "WORK_STEALING_SINGLE".equals(mode);
            final Dispatch dispatch = single ? Dispatch.WORK_STEALING : Dispatch.valueOf(mode);
            return new RingPoolRig(topology, ringSize, TaskShape.of(taskShape), dispatch,
                single ? 1 : RingPoolBuilder.DEFAULT_MAX_CLAIM_BATCH);
        }
    }
}
