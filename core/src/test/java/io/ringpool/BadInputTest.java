package io.ringpool;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.Fixtures.Result;
import io.ringpool.Fixtures.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static io.ringpool.Fixtures.VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per row of the README's "Bad input" table: the input, the exception type, and the words the message
 * must contain.
 */
class BadInputTest
{
    private static final WorkHandler<Task, Result> NOOP = (task, result, context) ->
    {
    };

    private static RingPoolBuilder<Task, Result> valid()
    {
        return RingPool.builder(Task::new, Result::new).handler(NOOP).pollResults();
    }

    private static void build(final Consumer<RingPoolBuilder<Task, Result>> configure, final String... words)
    {
        final RingPoolBuilder<Task, Result> builder = valid();
        configure.accept(builder);
        expect(IllegalArgumentException.class, builder::build, words);
    }

    private static <X extends Throwable> X expect(
        final Class<X> type, final Executable call, final String... words)
    {
        final X thrown = assertThrows(type, call);
        for (final String word : words)
        {
            assertTrue(String.valueOf(thrown.getMessage()).contains(word),
                () -> "message should contain '" + word + "': " + thrown.getMessage());
        }
        return thrown;
    }

    private static RingPool<Task, Result> started(final RingPoolBuilder<Task, Result> builder)
    {
        final RingPool<Task, Result> pool = builder.waitStrategy(new YieldingWaitStrategy())
            .resultWaitStrategy(new YieldingWaitStrategy()).build();
        pool.start();
        return pool;
    }

    // ---- configuration, reported by build() ----

    @Test
    void shouldRejectRingSizeNotAPowerOfTwo()
    {
        build(b -> b.ringSize(1000), "ringSize must be a power of two", "was 1000");
    }

    @Test
    void shouldRejectRingSmallerThanTheWorkers()
    {
        build(b -> b.workers(8).ringSize(4), "ringSize must be >= workers (8)");
    }

    @Test
    void shouldRejectNoWorkers()
    {
        build(b -> b.workers(0), "workers must be >= 1", "was 0");
    }

    @Test
    void shouldRejectNullFactories()
    {
        expect(IllegalArgumentException.class,
            RingPool.<Task, Result>builder(null, null).handler(NOOP).pollResults()::build,
            "taskFactory must not be null", "resultFactory must not be null");
    }

    @Test
    void shouldRejectNoHandlerOrTwoHandlers()
    {
        build(b -> b.handler(null), "handler or handlerFactory must be set");
        build(b -> b.handlerFactory(id -> NOOP), "handler and handlerFactory are exclusive");
    }

    @Test
    void shouldRejectResultHandlerAndPolling()
    {
        build(b -> b.resultHandler((outcome, endOfBatch) ->
        {
        }), "resultHandler and pollResults are exclusive");
    }

    @Test
    void shouldRejectResultsWithoutAConsumerOrAConsumerWithoutResults()
    {
        expect(IllegalArgumentException.class, RingPool.builder(Task::new, Result::new).handler(NOOP)::build,
            "results need a consumer");
        expect(IllegalArgumentException.class,
            RingPool.builder(Task::new).handler((task, result, context) ->
            {
            }).pollResults()::build, "need a result factory");
    }

    @Test
    void shouldRejectResultRingTooSmallOrNotAPowerOfTwo()
    {
        build(b -> b.resultRingSize(100), "resultRingSize must be a power of two", "was 100");
        build(b -> b.ringSize(64).resultRingSize(32).resultOrder(ResultOrder.SUBMISSION),
            "resultRingSize must be >= ringSize (64) for resultOrder SUBMISSION");
    }

    @Test
    void shouldRejectSubmissionOrderWithoutResults()
    {
        expect(IllegalArgumentException.class,
            RingPool.builder(Task::new).handler((task, result, context) ->
            {
            }).resultOrder(ResultOrder.SUBMISSION)::build, "resultOrder SUBMISSION needs results");
    }

    @Test
    void shouldRejectOneWaitStrategyForBothRings()
    {
        final YieldingWaitStrategy shared = new YieldingWaitStrategy();
        build(b -> b.waitStrategy(shared).resultWaitStrategy(shared), "resultWaitStrategy must be a different instance");
    }

    @Test
    void shouldRejectAResultWaitStrategyThatSubmissionOrderWouldNotUse()
    {
        build(b -> b.resultOrder(ResultOrder.SUBMISSION).resultWaitStrategy(new YieldingWaitStrategy()),
            "resultWaitStrategy is not used by resultOrder SUBMISSION", "idleStrategy(...) or waitPolicy(...)");
    }

    @Test
    void shouldRejectANullWaitPolicy()
    {
        build(b -> b.waitPolicy(null), "waitPolicy must be BLOCKING, SLEEPING, YIELDING, BUSY_SPIN", "was null");
    }

    @Test
    void shouldRejectKeyedWithoutAKeyOrAKeyWithoutKeyed()
    {
        build(b -> b.dispatch(Dispatch.KEYED), "dispatch KEYED needs a keyExtractor");
        build(b -> b.keyExtractor(task -> task.value), "keyExtractor is used only by dispatch KEYED");
    }

    @Test
    void shouldRejectClaimBatchOutOfRangeOrForAnotherDispatch()
    {
        build(b -> b.ringSize(16).maxClaimBatch(17), "maxClaimBatch must be from 1 to ringSize (16)", "was 17");
        build(b -> b.maxClaimBatch(0), "maxClaimBatch must be from 1");
        build(b -> b.dispatch(Dispatch.ID_SEQUENCED).maxClaimBatch(8), "maxClaimBatch applies to dispatch " +
            "WORK_STEALING only");
    }

    @Test
    void shouldRejectDurationsOutOfRange()
    {
        build(b -> b.interruptGrace(Duration.ofMillis(-1)), "interruptGrace must be a Duration from PT0S to PT1H");
        build(b -> b.startTimeout(Duration.ZERO), "startTimeout must be a Duration from PT0.001S");
        build(b -> b.closeTimeout(null), "closeTimeout", "was null");
        build(b -> b.stallThreshold(Duration.ofHours(2)), "stallThreshold must be a Duration from PT0.001S to PT1H");
    }

    @Test
    void shouldRejectNullCollaborators()
    {
        build(b -> b.name(null), "name must be a non-blank string");
        build(b -> b.producerType(null), "producerType must be SINGLE or MULTI");
        build(b -> b.dispatch(null), "dispatch must be WORK_STEALING, ID_SEQUENCED or KEYED");
        build(b -> b.resultOrder(null), "resultOrder must be COMPLETION or SUBMISSION");
        build(b -> b.idleStrategy(null), "idleStrategy must be a non-null Supplier");
        build(b -> b.failureListener(null), "failureListener must not be null");
        build(b -> b.stallListener(null), "stallListener must not be null");
    }

    @Test
    void shouldRejectHandlerFactoryReturningNull()
    {
        expect(IllegalArgumentException.class,
            RingPool.builder(Task::new, Result::new).handlerFactory(id -> null).pollResults()::build,
            "handlerFactory returned null for worker 0");
    }

    // ---- calls ----

    @Test
    void shouldRejectPublishingWhenNotRunning()
    {
        final RingPool<Task, Result> pool = valid().build();
        expect(RejectedExecutionException.class, () -> pool.publish(VALUE, 1L), "is NEW", "only while RUNNING");
        pool.start();
        pool.halt(Duration.ofSeconds(5));
        expect(RejectedExecutionException.class, () -> pool.tryPublish(VALUE, 1L), "is TERMINATED");
    }

    @Test
    void shouldRejectNullTranslatorOrArguments()
    {
        final RingPool<Task, Result> pool = started(valid());
        expect(NullPointerException.class, () -> pool.publish((EventTranslatorOneArg<Task, Long>)null, 1L),
            "translator");
        expect(NullPointerException.class, () -> pool.publishBatch(VALUE, null, 0, 1), "args");
        pool.halt(Duration.ofSeconds(5));
    }

    @Test
    void shouldRejectBatchOutOfRange()
    {
        final RingPool<Task, Result> pool = started(valid().ringSize(8));
        final Long[] args = { 1L, 2L, 3L };
        expect(IllegalArgumentException.class, () -> pool.publishBatch(VALUE, args, 0, 9),
            "count must be in 1..8", "was 9");
        expect(IllegalArgumentException.class, () -> pool.publishBatch(VALUE, args, 2, 2),
            "offset must be in 0..1", "was 2");
        pool.halt(Duration.ofSeconds(5));
    }

    @Test
    void shouldRejectNegativeTimeouts()
    {
        final RingPool<Task, Result> pool = started(valid());
        expect(IllegalArgumentException.class, () -> pool.tryPublish(VALUE, 1L, -1, TimeUnit.SECONDS),
            "timeout must be >= 0");
        expect(IllegalArgumentException.class, () -> pool.tryPublish(VALUE, 1L, 1, null), "non-null unit");
        expect(IllegalArgumentException.class, () -> pool.drain(Duration.ofSeconds(-1)),
            "timeout must be a non-negative Duration");
        expect(IllegalArgumentException.class, () -> pool.halt(null), "timeout must be a non-negative Duration");
        pool.halt(Duration.ofSeconds(5));
    }

    @Test
    void shouldRejectSecondThreadInASingleProducerPool() throws Exception
    {
        final RingPool<Task, Result> pool = started(valid().producerType(ProducerType.SINGLE));
        pool.publish(VALUE, 1L);
        final AtomicReference<Throwable> seen = new AtomicReference<>();
        final Thread other = new Thread(() ->
        {
            try
            {
                pool.publish(VALUE, 2L);
            }
            catch (final Throwable ex)
            {
                seen.set(ex);
            }
        }, "second-producer");
        other.start();
        other.join(10_000);
        final Throwable thrown = seen.get();
        assertTrue(thrown instanceof IllegalStateException, String.valueOf(thrown));
        assertTrue(thrown.getMessage().contains("'second-producer' published"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("ProducerType.MULTI"), thrown.getMessage());
        pool.halt(Duration.ofSeconds(5));
    }

    @Test
    void shouldRejectTranslatorOrKeyExtractorThatThrows()
    {
        final RingPool<Task, Result> pool = started(valid().dispatch(Dispatch.KEYED).keyExtractor(task ->
        {
            if (task.value < 0)
            {
                throw new IllegalArgumentException("negative key");
            }
            return task.value;
        }));
        expect(IllegalArgumentException.class, () -> pool.publish(VALUE, -5L), "negative key");
        expect(ArithmeticException.class, () -> pool.publish((task, sequence, v) -> task.value = 1 / v, 0L));
        assertEquals(2, pool.publish(VALUE, 5L), "the rejected tasks' slots were skipped, not lost");
        assertEquals(1, pool.drain(Duration.ofSeconds(5)).published());
    }

    @Test
    void shouldRejectStartTwiceOrAfterTermination()
    {
        final RingPool<Task, Result> pool = started(valid());
        expect(IllegalStateException.class, pool::start, "already started");
        pool.drain(Duration.ofSeconds(5));
        expect(IllegalStateException.class, pool::start, "cannot be restarted");
    }

    @Test
    void shouldRejectCancelOfAHandleNeverHandedOut()
    {
        final RingPool<Task, Result> pool = started(valid().cancellable());
        pool.publish(VALUE, 1L);
        expect(IllegalArgumentException.class, () -> pool.cancel(-1), "sequence must be a handle", "was -1");
        expect(IllegalArgumentException.class, () -> pool.cancel(99), "from 0 to 0", "was 99");
        pool.drain(Duration.ofSeconds(5));
    }

    @Test
    void shouldRejectCancelOnAPoolBuiltWithoutCancellable()
    {
        final RingPool<Task, Result> pool = started(valid());
        final long handle = pool.publish(VALUE, 1L);
        expect(IllegalStateException.class, () -> pool.cancel(handle), "without cancellable()");
        assertTrue(pool.drain(Duration.ofSeconds(5)).isBalanced());
    }

    @Test
    void shouldRejectModeSpecificCallsOnTheWrongPool()
    {
        final RingPool<Task, Result> polling = valid().build();
        expect(IllegalStateException.class, () -> polling.workerFor(1), "does not use keyed dispatch");
        expect(NullPointerException.class, () -> polling.resultPoller().poll(null), "handler");
        final RingPool<Task, Result> handled = RingPool.builder(Task::new, Result::new).handler(NOOP)
            .resultHandler((outcome, endOfBatch) ->
            {
            }).build();
        expect(IllegalStateException.class, handled::resultPoller, "build it with pollResults() to poll");
        polling.halt(Duration.ZERO);
        handled.halt(Duration.ZERO);
    }
}
