package io.ringpool.bench;

import io.ringpool.RingPoolExecutor;
import io.ringpool.WaitPolicy;
import io.ringpool.bench.contender.DaemonThreads;
import io.ringpool.bench.contender.Rig;
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

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ExecutorService} throughput and allocation: {@link RingPoolExecutor} against the JDK's executors with the
 * same number of workers, through the {@code ExecutorService} interface alone.
 * <pre>
 *   +--------------+  execute / submit x BURST   +-------------------+
 *   | producer     |---------------------------->| executor          |--> worker 0..N-1 run a tiny task
 *   | (JMH thread) |                             | (contender below) |
 *   +--------------+                             +-------------------+
 *          ^  execute: yield until every task of the burst has counted itself
 *          +  submit:  get() every future of the burst, in order
 *
 *   ringPoolExecutor          RingPoolExecutor, defaults (ring of ringSize, BLOCKING waits, one task per claim)
 *   ringPoolExecutorYielding  the same with WaitPolicy.YIELDING: idle workers and a producer facing a full ring
 *                             spin and yield instead of parking
 *   threadPoolBounded         ThreadPoolExecutor, N core threads, ArrayBlockingQueue(ringSize); a full queue
 *                             makes the producer yield and offer again (Rig::offerYielding)
 *   threadPoolLinked          ThreadPoolExecutor as Executors.newFixedThreadPool(N) makes it: an unbounded
 *                             LinkedBlockingQueue
 *   forkJoin                  ForkJoinPool(N), async mode; no bound (a burst is at most BURST tasks)
 * </pre>
 * One operation is one task. {@code execute} passes one pre-allocated {@link Runnable} that counts itself, so what
 * {@code -prof gc} reports per operation is the executor's own allocation; {@code submit} passes one pre-allocated
 * {@link Callable}, and its allocation is the future (and whatever the executor wraps around it), plus what a
 * {@code get()} that has to wait allocates. The teardown throws unless every task ran exactly once.
 * <p>
 * Run, from the repository root:
 * <pre>
 *   mvn -B -ntp -o -q -pl core,bench -am package -DskipTests -Djcstress.skip=true -Dbench.quick.skip=true
 *   java -cp bench/target/benchmarks.jar org.openjdk.jmh.Main ExecutorBenchmark -f 2 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class ExecutorBenchmark
{
    /** Tasks per invocation: JMH's operations per invocation. */
    static final int BURST = 10_000;

    /** How long a burst may take before the run fails: normally a few milliseconds. */
    private static final long BURST_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    /**
     * {@code execute} of {@link #BURST} tasks, then a wait until all have run.
     *
     * @param state the started executor.
     * @return the tasks run so far.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long execute(final ExecutorState state)
    {
        final ExecutorService executor = state.executor;
        final Runnable task = state.counting;
        for (int i = 0; i < BURST; i++)
        {
            executor.execute(task);
        }
        state.executed += BURST;
        final long target = state.executed;
        final long deadlineNs = System.nanoTime() + BURST_TIMEOUT_NS;
        while (state.ran.get() < target)
        {
            Rig.yieldBefore(deadlineNs, "the executor to run the burst");
        }
        return target;
    }

    /**
     * {@code submit} of {@link #BURST} tasks, then {@code get()} of each future in order.
     *
     * @param state the started executor.
     * @return the sum of the results, so that nothing is optimized away.
     * @throws Exception if a task failed or a {@code get()} timed out.
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long submitAndGet(final ExecutorState state) throws Exception
    {
        final ExecutorService executor = state.executor;
        final Callable<Long> task = state.returning;
        final Future<?>[] futures = state.futures;
        for (int i = 0; i < BURST; i++)
        {
            futures[i] = executor.submit(task);
        }
        long sum = 0;
        for (int i = 0; i < BURST; i++)
        {
            sum += (Long)futures[i].get(BURST_TIMEOUT_NS, TimeUnit.NANOSECONDS);
            futures[i] = null;
        }
        state.submitted += BURST;
        return sum;
    }

    /** One contender, started once per trial. */
    @State(Scope.Benchmark)
    public static class ExecutorState
    {
        /** The executor under test (see the class comment). */
        @Param({"ringPoolExecutor", "ringPoolExecutorYielding", "threadPoolBounded", "threadPoolLinked", "forkJoin"})
        public String contender;

        /** Workers (threads) of every contender. */
        @Param("2")
        public int workers;

        /** Ring size, and the bounded queue's capacity. */
        @Param("1024")
        public int ringSize;

        final AtomicLong ran = new AtomicLong();
        final AtomicLong called = new AtomicLong();
        final Runnable counting = ran::incrementAndGet;
        /** The boxed result is cached (small value): the callable allocates nothing itself. */
        final Callable<Long> returning = () -> (called.incrementAndGet() & 1L);
        final Future<?>[] futures = new Future<?>[BURST];
        final DaemonThreads threads = new DaemonThreads("executor-bench");
        ExecutorService executor;
        long executed;
        long submitted;

        /** Builds and starts the contender. */
        @Setup(Level.Trial)
        public void start()
        {
            switch (contender)
            {
                case "ringPoolExecutor":
                    executor = RingPoolExecutor.builder()
                        .name("executor-bench")
                        .workers(workers)
                        .ringSize(ringSize)
                        .threadFactory(threads)
                        .build();
                    break;
                case "ringPoolExecutorYielding":
                    executor = RingPoolExecutor.builder()
                        .name("executor-bench")
                        .workers(workers)
                        .ringSize(ringSize)
                        .waitPolicy(WaitPolicy.YIELDING)
                        .threadFactory(threads)
                        .build();
                    break;
                case "threadPoolBounded":
                    final ThreadPoolExecutor bounded = new ThreadPoolExecutor(workers, workers, 0L,
                        TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(ringSize), threads,
                        Rig::offerYielding);
                    bounded.prestartAllCoreThreads();
                    executor = bounded;
                    break;
                case "threadPoolLinked":
                    final ThreadPoolExecutor linked = new ThreadPoolExecutor(workers, workers, 0L,
                        TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), threads);
                    linked.prestartAllCoreThreads();
                    executor = linked;
                    break;
                case "forkJoin":
                    executor = new ForkJoinPool(workers, ExecutorState::daemonWorker, null, true);
                    break;
                default:
                    throw new IllegalArgumentException("contender must be ringPoolExecutor, " +
                        "ringPoolExecutorYielding, threadPoolBounded, threadPoolLinked or forkJoin; was " + contender);
            }
        }

        private static ForkJoinWorkerThread daemonWorker(final ForkJoinPool pool)
        {
            final ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setDaemon(true);
            return thread;
        }

        /**
         * Shuts the contender down and checks that every task ran exactly once.
         *
         * @throws InterruptedException if interrupted while waiting for termination.
         */
        @TearDown(Level.Trial)
        public void stop() throws InterruptedException
        {
            executor.shutdown();
            if (!executor.awaitTermination(10, TimeUnit.SECONDS))
            {
                throw new IllegalStateException(contender + " did not terminate within 10 s");
            }
            if (ran.get() != executed || called.get() != submitted)
            {
                throw new IllegalStateException(contender + ": executed " + executed + " but " + ran + " ran; " +
                    "submitted " + submitted + " but " + called + " were called");
            }
        }
    }
}
