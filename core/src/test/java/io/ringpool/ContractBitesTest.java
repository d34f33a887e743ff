package io.ringpool;

import io.ringpool.ContractRun.Waits;
import io.ringpool.internal.BrokenSources;
import io.ringpool.internal.TaskSource;
import org.junit.jupiter.api.Test;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proof that the dispatch contract suite bites: the same workload and checks as {@link DispatchContractTest}, run
 * against deliberately broken dispatch, must fail, and fail for the broken promise.
 */
class ContractBitesTest
{
    private static AssertionError violation(
        final Dispatch declared, final int workers, final Supplier<TaskSource.Factory> broken)
    {
        final ContractRun run = new ContractRun(declared, Waits.YIELDING, ResultOrder.COMPLETION);
        run.workers = workers;
        run.tasks = 5_000;
        run.cancelSome = false;
        run.brokenSources = broken.get();
        final AssertionError caught =
            assertThrows(AssertionError.class, () -> run.run().verify(), "the contract must catch " + run);
        System.out.println("[bites] " + run + " caught: " + caught.getMessage());
        return caught;
    }

    @Test
    void shouldCatchADispatchThatReordersAKey()
    {
        final AssertionError error = violation(Dispatch.KEYED, 1, BrokenSources::swappingPairs);
        assertTrue(error.getMessage().contains(" ran ") && error.getMessage().contains(" after "), error::getMessage);
    }

    @Test
    void shouldCatchADispatchThatDropsATask()
    {
        final AssertionError error = violation(Dispatch.WORK_STEALING, 2, BrokenSources::dropping);
        assertTrue(error.getMessage().contains("ran 0 times") || error.getMessage().contains("drain incomplete") ||
            error.getMessage().contains("published"), error::getMessage);
    }

    @Test
    void shouldCatchADispatchThatRunsATaskTwice()
    {
        final AssertionError error = violation(Dispatch.ID_SEQUENCED, 2, BrokenSources::runningTwice);
        assertTrue(error.getMessage().contains("ran more than once"), error::getMessage);
    }

    @Test
    void shouldPassTheRealDispatchWithTheSameWorkload()
    {
        for (final Dispatch dispatch : Dispatch.values())
        {
            final ContractRun run = new ContractRun(dispatch, Waits.YIELDING, ResultOrder.COMPLETION);
            run.tasks = 5_000;
            run.cancelSome = false;
            run.run().verify();
        }
    }
}
