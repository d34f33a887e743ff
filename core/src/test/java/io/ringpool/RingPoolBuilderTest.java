package io.ringpool;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import io.ringpool.Fixtures.Result;
import io.ringpool.Fixtures.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RingPoolBuilderTest
{
    private static final WorkHandler<Task, Result> NOOP = (task, result, context) ->
    {
    };

    private static RingPoolBuilder<Task, Result> valid()
    {
        return RingPool.builder(Task::new, Result::new)
            .handler(NOOP)
            .resultHandler((outcome, endOfBatch) ->
            {
            });
    }

    private static void assertRejected(
        final Consumer<RingPoolBuilder<Task, Result>> configure, final String... mustMention)
    {
        final RingPoolBuilder<Task, Result> builder = valid();
        configure.accept(builder);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, builder::build);
        for (final String fragment : mustMention)
        {
            assertTrue(ex.getMessage().contains(fragment),
                () -> "message should mention '" + fragment + "': " + ex.getMessage());
        }
    }

    @Test
    void shouldBuildAValidConfigurationInStateNew()
    {
        final RingPool<Task, Result> pool = valid().name("ok").workers(2).ringSize(8).build();
        assertEquals(PoolState.NEW, pool.state());
        assertEquals(8, pool.ringSize());
        assertEquals("ok", pool.name());
        assertTrue(pool.report().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -1, 3, 1000, Integer.MAX_VALUE, Integer.MIN_VALUE })
    void shouldRejectARingSizeThatIsNotAPowerOfTwo(final int size)
    {
        assertRejected(b -> b.ringSize(size), "ringSize", "power of two", "was " + size);
    }

    @Test
    void shouldRejectARingSmallerThanTheWorkerCount()
    {
        assertRejected(b -> b.workers(5).ringSize(4), "ringSize must be >= workers (5)", "was 4");
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, -3 })
    void shouldRejectFewerThanOneWorker(final int workers)
    {
        assertRejected(b -> b.workers(workers), "workers must be >= 1", "was " + workers);
    }

    @Test
    void shouldRejectANullTaskFactory()
    {
        final RingPoolBuilder<Task, Result> builder = RingPool.<Task, Result>builder(null, Result::new)
            .handler(NOOP).pollResults();
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(ex.getMessage().contains("taskFactory"), ex::getMessage);
    }

    @Test
    void shouldRejectANullResultFactory()
    {
        final RingPoolBuilder<Task, Result> builder = RingPool.<Task, Result>builder(Task::new, null)
            .handler(NOOP).pollResults();
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(ex.getMessage().contains("resultFactory"), ex::getMessage);
    }

    @Test
    void shouldRequireAHandler()
    {
        assertRejected(b -> b.handler(null), "handler or handlerFactory must be set");
    }

    @Test
    void shouldRejectBothASharedHandlerAndAHandlerFactory()
    {
        assertRejected(b -> b.handlerFactory(id -> NOOP), "handler and handlerFactory are exclusive");
    }

    @Test
    void shouldRejectBothAResultHandlerAndPolling()
    {
        assertRejected(RingPoolBuilder::pollResults, "resultHandler and pollResults are exclusive");
    }

    @Test
    void shouldRequireAResultConsumerWhenResultsAreProduced()
    {
        final RingPoolBuilder<Task, Result> builder = RingPool.builder(Task::new, Result::new).handler(NOOP);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(ex.getMessage().contains("results need a consumer"), ex::getMessage);
    }

    @Test
    void shouldRejectResultOptionsOnAPoolWithoutResults()
    {
        final RingPoolBuilder<Task, Void> builder = RingPool.builder(Task::new)
            .handler((task, result, context) ->
            {
            })
            .pollResults();
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(ex.getMessage().contains("need a result factory"), ex::getMessage);
    }

    @Test
    void shouldRejectANonPowerOfTwoResultRing()
    {
        assertRejected(b -> b.resultRingSize(100), "resultRingSize", "was 100");
    }

    @Test
    void shouldRejectOneWaitStrategyInstanceForBothRings()
    {
        final WaitStrategy shared = new BlockingWaitStrategy();
        assertRejected(b -> b.waitStrategy(shared).resultWaitStrategy(shared), "resultWaitStrategy");
    }

    @Test
    void shouldRejectABlankName()
    {
        assertRejected(b -> b.name(" "), "name must be a non-blank string");
        assertRejected(b -> b.name(null), "name must be a non-blank string", "was null");
    }

    @Test
    void shouldRejectNullCollaborators()
    {
        assertRejected(b -> b.producerType(null), "producerType");
        assertRejected(b -> b.idleStrategy(null), "idleStrategy");
        assertRejected(b -> b.failureListener(null), "failureListener");
    }

    @Test
    void shouldRejectDurationsOutOfRange()
    {
        assertRejected(b -> b.interruptGrace(Duration.ofMillis(-1)), "interruptGrace");
        assertRejected(b -> b.startTimeout(Duration.ZERO), "startTimeout");
        assertRejected(b -> b.closeTimeout(null), "closeTimeout", "was null");
    }

    @Test
    void shouldReportEveryProblemAtOnce()
    {
        assertRejected(b -> b.workers(0).ringSize(3).name(""), "workers", "ringSize", "name");
    }

    @Test
    void shouldRejectAHandlerFactoryThatReturnsNull()
    {
        final RingPoolBuilder<Task, Result> builder = RingPool.builder(Task::new, Result::new)
            .workers(2)
            .handlerFactory(id -> id == 1 ? null : NOOP)
            .pollResults();
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, builder::build);
        assertTrue(ex.getMessage().contains("handlerFactory returned null for worker 1"), ex::getMessage);
    }
}
