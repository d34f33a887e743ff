package io.ringpool.bench;

import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.PoolState;
import io.ringpool.RingPool;
import io.ringpool.ShutdownReport;
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
import java.util.concurrent.TimeUnit;

/**
 * Round-trip throughput of one producer, one worker and one result handler, against the same work done inline.
 * <pre>
 *                     task ring (ringSize)                  result ring (ringSize)
 *   +--------------+  publish x BURST  +----------+  outcome  +------------------+
 *   | producer     |------------------>| worker 0 |---------->| result handler   |
 *   | (JMH thread) |                   +----------+           | (collector:      |
 *   +--------------+                                          |  count, checksum)|
 *          ^                                                  +--------+---------+
 *          |      yield until BURST more outcomes are counted          |
 *          +-----------------------------------------------------------+
 *
 *   inlineBaseline: translate -> compute -> add to checksum, BURST times on the JMH thread, no hand-off
 * </pre>
 * One operation is one task's round trip: an invocation publishes a burst of {@link #BURST} tasks (one
 * {@code publish} each, with a static translator: no allocation), then waits until the result handler has counted
 * all of them. The burst is larger than the default ring, so the producer also meets backpressure. Both rings use
 * their own {@link YieldingWaitStrategy}, and the producer and worker yield too when a ring is full: producer,
 * worker and collector are three busy threads on this two-core machine, where spinning starves the others.
 * <p>
 * The trial's teardown drains the pool and throws unless the report is drained, balanced and exact, and the
 * checksum of every result matches the tasks published; with {@code -foe true} a wrong or hung run fails (a burst
 * that does not come back within {@link #BURST_TIMEOUT_NS} throws too).
 * <p>
 * Run, from the repository root:
 * <pre>
 *   mvn -B -ntp -DskipTests package
 *   java -jar bench/target/benchmarks.jar OneToOneRoundTrip -f 2 -wi 3 -i 5 -prof gc -foe true \
 *       -rf json -rff /tmp/bench-first.json
 * </pre>
 * Add {@code -p ringSize=16384} for a ring larger than the burst.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class OneToOneRoundTripBenchmark
{
    /** Tasks per invocation. */
    public static final int BURST = 10_000;

    /** How long one burst may take to come back before the run fails: normally about a millisecond. */
    public static final long BURST_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    /**
     * The contender: one burst through the pool and back.
     *
     * @param rig the started pool.
     * @return the checksum of every result received so far.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long ringPool(final PoolRig rig)
    {
        return rig.roundTrip();
    }

    /**
     * The baseline: the same translate, compute and add, done on the benchmark thread with no hand-off.
     *
     * @param rig the task, result and checksum.
     * @return the checksum of every result so far.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long inlineBaseline(final InlineRig rig)
    {
        return rig.roundTrip();
    }

    /**
     * A started one-worker pool and the handler that counts its outcomes; one per trial.
     * <p>
     * <b>Threading:</b> set up, used and torn down by the one benchmark thread, the pool's single producer.
     */
    @State(Scope.Benchmark)
    public static class PoolRig
    {
        /** Entries of the task ring, and of the result ring. */
        @Param({"4096"})
        public int ringSize;

        private final RoundTripTask.Source source = new RoundTripTask.Source();
        private CountingResultHandler results;
        private RingPool<RoundTripTask, RoundTripResult> pool;
        private long published;

        /** Builds and starts the pool. */
        @Setup(Level.Trial)
        public void start()
        {
            results = new CountingResultHandler();
            pool = RingPool.builder(RoundTripTask::new, RoundTripResult::new)
                .name("one-to-one")
                .workers(1)
                .ringSize(ringSize)
                .producerType(ProducerType.SINGLE)
                .waitStrategy(new YieldingWaitStrategy())
                .resultWaitStrategy(new YieldingWaitStrategy())
                .idleStrategy(YieldingIdleStrategy::new)
                .threadFactory(OneToOneRoundTripBenchmark::daemonThread)
                .handler((task, result, context) -> RoundTripTask.compute(task, result))
                .resultHandler(results)
                .build();
            pool.start();
        }

        long roundTrip()
        {
            for (int i = 0; i < BURST; i++)
            {
                pool.publish(RoundTripTask.TRANSLATOR, source);
            }
            published += BURST;
            return results.awaitReceived(published, BURST_TIMEOUT_NS);
        }

        /**
         * Drains the pool and checks that every task published came back exactly once.
         *
         * @throws IllegalStateException if the report or the checksum is not what the tasks published demand.
         */
        @TearDown(Level.Trial)
        public void drain()
        {
            final ShutdownReport<RoundTripTask, RoundTripResult> report = pool.drain(Duration.ofSeconds(30));
            final boolean exact = report.drained() &&
                report.isBalanced() &&
                report.finalState() == PoolState.TERMINATED &&
                report.published() == published &&
                report.completed() == published &&
                report.failed() == 0 &&
                report.undelivered() == 0 &&
                results.received() == published;
            if (!exact)
            {
                throw new IllegalStateException(
                    "pool did not drain exactly: published " + published + ", received " + results.received() +
                    ", " + report);
            }
            final long expected = RoundTripTask.expectedChecksum(published);
            if (results.checksum() != expected)
            {
                throw new IllegalStateException(
                    "checksum of " + published + " results is " + results.checksum() + ", expected " + expected);
            }
        }
    }

    /**
     * The baseline's task, result and running checksum.
     * <p>
     * <b>Threading:</b> one per benchmark thread.
     */
    @State(Scope.Thread)
    public static class InlineRig
    {
        private final RoundTripTask.Source source = new RoundTripTask.Source();
        private final RoundTripTask task = new RoundTripTask();
        private final RoundTripResult result = new RoundTripResult();
        private long sequence;
        private long checksum;

        long roundTrip()
        {
            for (int i = 0; i < BURST; i++)
            {
                RoundTripTask.TRANSLATOR.translateTo(task, sequence++, source);
                RoundTripTask.compute(task, result);
                checksum += result.value;
            }
            return checksum;
        }

        /**
         * Checks the checksum, as the pool's teardown does.
         *
         * @throws IllegalStateException if the checksum is not that of the tasks translated.
         */
        @TearDown(Level.Trial)
        public void check()
        {
            final long expected = RoundTripTask.expectedChecksum(sequence);
            if (checksum != expected)
            {
                throw new IllegalStateException(
                    "checksum of " + sequence + " results is " + checksum + ", expected " + expected);
            }
        }
    }

    /** Daemon threads: a run that fails mid-burst must not keep its forked JVM alive. */
    private static Thread daemonThread(final Runnable task)
    {
        final Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    }
}
