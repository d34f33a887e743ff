package io.ringpool.testkit;

import io.ringpool.Dispatch;
import io.ringpool.ResultOrder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The dispatch contract's stress case, run against every dispatch mode × wait strategy × result order (the modes of
 * core's {@code DispatchContractTest}): two producers publish, with cancels, while a halt or a drain races them, and
 * every accepted task is accounted for exactly once ({@link StressRun}'s checks).
 */
@Tag("stress")
class DispatchStressTest
{
    static Stream<Arguments> modes()
    {
        final List<Arguments> modes = new ArrayList<>();
        for (final Dispatch dispatch : Dispatch.values())
        {
            for (final StressRun.Waits waits : List.of(StressRun.Waits.YIELDING, StressRun.Waits.BLOCKING))
            {
                for (final ResultOrder order : ResultOrder.values())
                {
                    modes.add(Arguments.of(dispatch, waits, order));
                }
            }
        }
        return modes.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("modes")
    void shouldAccountForEveryTaskWhenHaltedOrDrainedWhilePublishing(
        final Dispatch dispatch, final StressRun.Waits waits, final ResultOrder order)
    {
        for (final StressRun.Ending ending : List.of(StressRun.Ending.HALT_RACING, StressRun.Ending.DRAIN_RACING))
        {
            final StressRun run = new StressRun(StressRun.seedFromPropertyOr(System.nanoTime()));
            run.producers = 2;
            run.workers = 2;
            run.ringSize = 64;
            run.tasksPerProducer = 10_000;
            run.dispatch = dispatch;
            run.order = order;
            run.waits = waits;
            run.results = StressRun.Results.HANDLER;
            run.ending = ending;
            run.cancels = true;
            run.execute();
        }
    }
}
