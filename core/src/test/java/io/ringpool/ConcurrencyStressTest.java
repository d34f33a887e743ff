package io.ringpool;

import com.lmax.disruptor.dsl.ProducerType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Bounded randomized stress: every task is counted exactly once, against the producers' own record of what was
 * accepted. Each run prints its seed and tally; {@code -Dringpool.seed=<seed>} replays one run (the shaped runs
 * below keep their shape and take the seed for their randomness).
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
        for (final long seed : StressRun.seeds(Integer.getInteger("ringpool.stress.runs", 80), System.nanoTime()))
        {
            final StressRun run = StressRun.randomShape(seed);
            tests.add(DynamicTest.dynamicTest(run.toString(), run::execute));
        }
        return tests.stream();
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
