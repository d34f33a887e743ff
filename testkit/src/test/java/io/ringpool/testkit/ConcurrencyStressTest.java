package io.ringpool.testkit;

import com.lmax.disruptor.dsl.ProducerType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Bounded randomized stress: every task is counted exactly once, against the producers' own record of what was
 * accepted. Each run prints its seed and tally; {@code -Dringpool.seed=<seed>} replays one run (the shaped runs
 * below keep their shape and take the seed for their randomness).
 * <p>
 * The random runs and the edge runs also cover the exactness contract at finite deadlines (zero and tiny
 * bounds, zero interrupt grace, tiny result rings, pollers and cancels racing the shutdown): see {@link StressRun}.
 * <p>
 * Spinning waits appear only where threads do not outnumber this machine's two cores.
 */
@Tag("stress")
class ConcurrencyStressTest
{
    private static final long MILLION = 1_000_000L;

    @TestFactory
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    Stream<DynamicTest> shouldProcessAMillionTasksExactlyOnce()
    {
        final List<DynamicTest> tests = new ArrayList<>();
        final int[][] shapes = { { 1, 1 }, { 1, 2 }, { 2, 2 }, { 2, 4 }, { 3, 3 } };
        for (final int[] shape : shapes)
        {
            final int producers = shape[0];
            final int workers = shape[1];
            for (final StressRun.Waits waits : List.of(StressRun.Waits.YIELDING, StressRun.Waits.BLOCKING))
            {
                final String name = "should run " + MILLION + " tasks exactly once: " + producers + " producers x " +
                    workers + " workers, " + waits;
                tests.add(DynamicTest.dynamicTest(name, () ->
                {
                    final StressRun run = new StressRun(StressRun.seedFromPropertyOr(System.nanoTime()));
                    run.producers = producers;
                    run.workers = workers;
                    run.tasksPerProducer = MILLION / producers;
                    run.ringSize = 1024;
                    run.waits = waits;
                    run.producerType = producers == 1 ? ProducerType.SINGLE : ProducerType.MULTI;
                    run.execute();
                }));
            }
        }
        tests.add(DynamicTest.dynamicTest("should run a million tasks exactly once with busy spin on 2 threads", () ->
        {
            final StressRun run = new StressRun(StressRun.seedFromPropertyOr(System.nanoTime()));
            run.waits = StressRun.Waits.BUSY_SPIN;
            run.results = StressRun.Results.NONE;
            run.producerType = ProducerType.SINGLE;
            run.tasksPerProducer = MILLION;
            run.execute();
        }));
        return tests.stream();
    }

    @TestFactory
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    Stream<DynamicTest> shouldAccountForEveryTaskWhenHaltsAndDrainsRaceThePublishers()
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final long seed : StressRun.seeds(Integer.getInteger("ringpool.stress.runs", 64), System.nanoTime()))
        {
            final StressRun run = StressRun.randomShape(seed);
            tests.add(DynamicTest.dynamicTest(run.toString(), run::execute));
        }
        return tests.stream();
    }

    @TestFactory
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    Stream<DynamicTest> shouldPlaceEveryHandleExactlyOnceWhenTinyBoundsRaceTheShutdown()
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final long seed : StressRun.seeds(Integer.getInteger("ringpool.stress.edgeRuns", 24),
            System.nanoTime() * 17))
        {
            final StressRun run = StressRun.edgeShape(seed);
            tests.add(DynamicTest.dynamicTest("edge: " + run, run::execute));
        }
        return tests.stream();
    }

    /**
     * The zero-bound shapes, each on purpose: halts and drains with a zero bound or one of 1 µs, no interrupt grace,
     * result rings of one or two entries, single and multi producers busy when the shutdown lands, a thread
     * cancelling recent handles while it runs; then each poller style (racing, lazy, quitting, halting itself) racing
     * a zero-bound halt over a one-entry result ring.
     */
    @TestFactory
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    Stream<DynamicTest> shouldAccountExactlyWhenZeroBoundsRaceBusyProducers()
    {
        final List<DynamicTest> tests = new ArrayList<>();
        final long seed = StressRun.seedFromPropertyOr(System.nanoTime() * 13);
        for (final ProducerType producerType : List.of(ProducerType.SINGLE, ProducerType.MULTI))
        {
            for (final StressRun.Ending ending : List.of(StressRun.Ending.HALT_RACING, StressRun.Ending.DRAIN_RACING))
            {
                for (final StressRun.Results results : StressRun.Results.values())
                {
                    for (final Duration bound : List.of(Duration.ZERO, Duration.ofNanos(1_000)))
                    {
                        final StressRun run = zeroBoundRun(seed, producerType, ending, results, bound);
                        run.resultRingSize = switch (results)
                        {
                            case HANDLER -> 1;
                            case POLL -> 2;
                            case NONE -> 0;
                        };
                        tests.add(DynamicTest.dynamicTest("zero bound: " + run, run::execute));
                    }
                }
            }
        }
        for (final StressRun.PollerStyle style : StressRun.PollerStyle.values())
        {
            final StressRun run = zeroBoundRun(seed, ProducerType.MULTI, StressRun.Ending.HALT_RACING,
                StressRun.Results.POLL, Duration.ZERO);
            run.pollerStyle = style;
            run.resultRingSize = 1;
            tests.add(DynamicTest.dynamicTest("poller " + style + " races a halt: " + run, run::execute));
        }
        return tests.stream();
    }

    private static StressRun zeroBoundRun(
        final long seed, final ProducerType producerType, final StressRun.Ending ending,
        final StressRun.Results results, final Duration bound)
    {
        final StressRun run = new StressRun(seed);
        run.producers = producerType == ProducerType.SINGLE ? 1 : 3;
        run.producerType = producerType;
        run.workers = 2;
        run.ringSize = 16;
        run.tasksPerProducer = 4_000;
        run.ending = ending;
        run.results = results;
        run.fixedBound = bound;
        run.interruptGrace = Duration.ZERO;
        run.cancels = true;
        run.cancelRace = true;
        run.slowTasks = true;
        return run;
    }

    @TestFactory
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    Stream<DynamicTest> shouldRejectOrAcceptEveryPublishThatRacesAHalt()
    {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final long seed : StressRun.seeds(10, System.nanoTime() * 31))
        {
            for (final StressRun.Ending ending : List.of(StressRun.Ending.HALT_RACING, StressRun.Ending.DRAIN_RACING))
            {
                final StressRun run = new StressRun(seed);
                run.producers = 3;
                run.workers = 2;
                run.ringSize = 16;
                run.tasksPerProducer = 20_000;
                run.ending = ending;
                run.results = StressRun.Results.HANDLER;
                tests.add(DynamicTest.dynamicTest("publishers race a " + ending + ": " + run, run::execute));
            }
        }
        return tests.stream();
    }
}
