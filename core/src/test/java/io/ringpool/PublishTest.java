package io.ringpool;

import com.lmax.disruptor.EventTranslator;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.Fixtures.Result;
import io.ringpool.Fixtures.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.ringpool.Fixtures.VALUE;
import static io.ringpool.Fixtures.assertBalanced;
import static io.ringpool.Fixtures.awaitTrue;
import static io.ringpool.Fixtures.join;
import static io.ringpool.Fixtures.yielding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishTest
{
    /** A pool whose single worker blocks until released, so the ring can be filled deterministically. */
    private static final class Gated implements AutoCloseable
    {
        final CountDownLatch release = new CountDownLatch(1);
        final List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool;

        Gated(final String name, final int ringSize, final ProducerType producerType)
        {
            pool = yielding(name, 1, ringSize)
                .producerType(producerType)
                .handler((task, result, context) ->
                {
                    release.await(30, TimeUnit.SECONDS);
                    seen.add(task.value);
                    result.value = task.value;
                })
                .pollResults()
                .build();
            pool.start();
        }

        @Override
        public void close()
        {
            release.countDown();
            pool.halt(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldReturnConsecutiveSequencesForEveryTranslatorKind()
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = yielding("kinds", 1, 16)
            .handler((task, result, context) -> values.add(task.value))
            .pollResults()
            .build();
        pool.start();
        final EventTranslator<Task> none = (task, sequence) -> task.value = 100;
        assertEquals(0, pool.publish(none));
        assertEquals(1, pool.publish(VALUE, 101L));
        assertEquals(2, pool.publish((task, sequence, a, b) -> task.value = a + b, 100L, 2L));
        assertEquals(3, pool.publish((task, sequence, a, b, c) -> task.value = a + b + c, 100L, 2L, 1L));
        assertEquals(4, pool.tryPublish(none));
        assertEquals(5, pool.tryPublish(VALUE, 105L));
        assertEquals(6, pool.tryPublish((task, sequence, a, b) -> task.value = a * b, 53L, 2L));
        assertEquals(7, pool.tryPublish(VALUE, 107L, 1, TimeUnit.SECONDS));
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(10));
        assertEquals(8, report.published());
        assertEquals(List.of(100L, 101L, 102L, 103L, 100L, 105L, 106L, 107L), values);
    }

    @Test
    void shouldReturnMinusOneFromTryPublishWhenTheRingIsFull()
    {
        try (Gated gated = new Gated("full", 4, ProducerType.SINGLE))
        {
            int accepted = 0;
            while (gated.pool.tryPublish(VALUE, (long)accepted) >= 0)
            {
                accepted++;
                assertTrue(accepted <= 5, "a ring of 4 plus the one in hand cannot hold more");
            }
            assertTrue(accepted >= 4, "accepted " + accepted);
            assertEquals(-1, gated.pool.tryPublish(VALUE, 99L));
            assertEquals(0, gated.pool.remainingCapacity());
        }
    }

    @Test
    void shouldTimeOutATimedTryPublishOnAFullRing()
    {
        try (Gated gated = new Gated("timed", 4, ProducerType.SINGLE))
        {
            while (gated.pool.tryPublish(VALUE, 1L) >= 0)
            {
                Thread.onSpinWait();
            }
            final long started = System.nanoTime();
            assertEquals(-1, gated.pool.tryPublish(VALUE, 2L, 50, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @Test
    void shouldPublishABatchWithConsecutiveSequences()
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = yielding("batch", 2, 16)
            .handler((task, result, context) -> values.add(context.sequence() * 1000 + task.value))
            .pollResults()
            .build();
        pool.start();
        final Long[] args = { 7L, 8L, 9L, 10L, 11L };
        final long first = pool.publishBatch(VALUE, args, 1, 3);
        assertEquals(0, first);
        assertEquals(3, pool.tryPublishBatch(VALUE, args, 0, 2));
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(10));
        assertEquals(5, report.published());
        values.sort(null);
        assertEquals(List.of(8L, 1009L, 2010L, 3007L, 4008L), values);
    }

    @Test
    void shouldRejectABatchLargerThanTheRingOrOutOfTheArray()
    {
        final RingPool<Task, Result> pool = yielding("bad-batch", 1, 4)
            .handler((task, result, context) ->
            {
            })
            .pollResults()
            .build();
        pool.start();
        final Long[] args = new Long[8];
        java.util.Arrays.fill(args, 1L);
        assertThrows(IllegalArgumentException.class, () -> pool.publishBatch(VALUE, args, 0, 5));
        assertThrows(IllegalArgumentException.class, () -> pool.publishBatch(VALUE, args, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> pool.publishBatch(VALUE, args, 6, 3));
        assertThrows(IllegalArgumentException.class, () -> pool.publishBatch(VALUE, args, -1, 1));
        assertThrows(NullPointerException.class, () -> pool.publish((EventTranslatorOneArg<Task, Long>)null, 1L));
        assertEquals(0, pool.halt(Duration.ofSeconds(5)).published());
    }

    @Test
    void shouldNotAcceptATaskWhoseTranslatorThrows()
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = yielding("translator", 1, 8)
            .handler((task, result, context) -> values.add(task.value))
            .pollResults()
            .build();
        pool.start();
        assertEquals(0, pool.publish(VALUE, 1L));
        final IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
            () -> pool.publish((task, sequence, value) ->
            {
                throw new IllegalArgumentException("bad quote " + value);
            }, 2L));
        assertEquals("bad quote 2", thrown.getMessage());
        final Long[] batch = { 3L, 4L, 5L };
        assertThrows(IllegalStateException.class, () -> pool.publishBatch((task, sequence, value) ->
        {
            if (value == 4L)
            {
                throw new IllegalStateException("half a batch");
            }
            task.value = value;
        }, batch, 0, 3));
        assertEquals(5, pool.publish(VALUE, 6L), "the skipped slots keep their sequences");
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(10));
        assertEquals(2, report.published());
        assertEquals(2, report.completed());
        assertEquals(List.of(1L, 6L), values);
    }

    @Test
    void shouldWakeABlockedPublisherWithRejectionWhenThePoolHalts()
    {
        try (Gated gated = new Gated("wake", 4, ProducerType.MULTI))
        {
            final AtomicReference<Throwable> outcome = new AtomicReference<>();
            final Thread producer = new Thread(() ->
            {
                try
                {
                    for (long i = 0; i < 100; i++)
                    {
                        gated.pool.publish(VALUE, i);
                    }
                }
                catch (final Throwable ex)
                {
                    outcome.set(ex);
                }
            });
            producer.start();
            awaitTrue("producer fills the ring", () -> gated.pool.remainingCapacity() == 0);
            final ShutdownReport<Task, Result> report = gated.pool.halt(Duration.ofMillis(100));
            join(producer);
            assertInstanceOf(RejectedExecutionException.class, outcome.get());
            assertBalanced(report);
            gated.release.countDown();
        }
    }

    @Test
    void shouldThrowAndKeepTheInterruptWhenABlockedPublishIsInterrupted()
    {
        try (Gated gated = new Gated("interrupt", 4, ProducerType.MULTI))
        {
            final AtomicReference<Throwable> outcome = new AtomicReference<>();
            final AtomicBoolean flagKept = new AtomicBoolean();
            final AtomicReference<Long> lastAccepted = new AtomicReference<>(-1L);
            final Thread producer = new Thread(() ->
            {
                try
                {
                    for (long i = 0; i < 100; i++)
                    {
                        lastAccepted.set(gated.pool.publish(VALUE, i));
                    }
                }
                catch (final Throwable ex)
                {
                    outcome.set(ex);
                    flagKept.set(Thread.currentThread().isInterrupted());
                }
            });
            producer.start();
            awaitTrue("ring full", () -> gated.pool.remainingCapacity() == 0);
            producer.interrupt();
            join(producer);
            assertInstanceOf(RejectedExecutionException.class, outcome.get());
            assertInstanceOf(InterruptedException.class, outcome.get().getCause());
            assertTrue(flagKept.get(), "the interrupt flag must stay set");

            gated.release.countDown();
            final ShutdownReport<Task, Result> report = gated.pool.drain(Duration.ofSeconds(10));
            assertEquals(lastAccepted.get() + 1, report.published(), "the interrupted task was not accepted");
            assertEquals(report.published(), report.completed());
        }
    }

    @Test
    void shouldRejectASecondProducerThreadInASingleProducerPool()
    {
        final RingPool<Task, Result> pool = yielding("single", 1, 16)
            .producerType(ProducerType.SINGLE)
            .handler((task, result, context) ->
            {
            })
            .pollResults()
            .build();
        pool.start();
        pool.publish(VALUE, 1L);
        final AtomicReference<Throwable> seen = new AtomicReference<>();
        final CountDownLatch done = new CountDownLatch(1);
        final Thread intruder = new Thread(() ->
        {
            try
            {
                pool.publish(VALUE, 2L);
            }
            catch (final Throwable ex)
            {
                seen.set(ex);
            }
            finally
            {
                done.countDown();
            }
        }, "intruder");
        try
        {
            intruder.start();
            join(intruder);
            assertInstanceOf(IllegalStateException.class, seen.get());
            assertTrue(seen.get().getMessage().contains("intruder"), seen.get()::getMessage);
            assertTrue(seen.get().getMessage().contains("ProducerType.MULTI"), seen.get()::getMessage);
        }
        finally
        {
            pool.halt(Duration.ofSeconds(5));
        }
        assertEquals(1, pool.report().orElseThrow().published());
    }

    @Test
    void shouldLetANewThreadProduceOnceTheSingleProducerEnded()
    {
        final RingPool<Task, Result> pool = yielding("handover", 1, 16)
            .producerType(ProducerType.SINGLE)
            .handler((task, result, context) ->
            {
            })
            .pollResults()
            .build();
        pool.start();
        final Thread first = new Thread(() -> pool.publish(VALUE, 1L));
        first.start();
        join(first);
        assertEquals(1, pool.publish(VALUE, 2L));
        assertEquals(2, pool.drain(Duration.ofSeconds(10)).published());
    }

    @Test
    void shouldRefuseABlockingPublishFromAPoolThreadIntoAFullRing()
    {
        final AtomicReference<Throwable> fromWorker = new AtomicReference<>();
        final AtomicReference<Long> tryResult = new AtomicReference<>();
        final AtomicReference<RingPool<Task, Result>> self = new AtomicReference<>();
        final CountDownLatch filled = new CountDownLatch(1);
        final RingPool<Task, Result> pool = yielding("self-publish", 1, 4)
            .handler((task, result, context) ->
            {
                if (task.value == 0)
                {
                    filled.await(10, TimeUnit.SECONDS);
                    tryResult.set(self.get().tryPublish(VALUE, 99L));
                    try
                    {
                        self.get().publish(VALUE, 100L);
                    }
                    catch (final Throwable ex)
                    {
                        fromWorker.set(ex);
                    }
                }
            })
            .pollResults()
            .build();
        self.set(pool);
        pool.start();
        for (long i = 0; i < 4; i++)
        {
            pool.publish(VALUE, i);
        }
        filled.countDown();
        awaitTrue("worker tried to publish", () -> null != fromWorker.get());
        assertEquals(-1L, tryResult.get(), "tryPublish from a worker never waits");
        assertInstanceOf(IllegalStateException.class, fromWorker.get());
        assertTrue(fromWorker.get().getMessage().contains("pool thread"), fromWorker.get()::getMessage);
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(10));
        assertEquals(4, report.published());
        assertEquals(4, report.completed());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(ProducerType.class)
    void shouldRefuseAPublishFromInsideATranslatorOfThePool(final ProducerType producerType)
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = yielding("nested", 1, 8)
            .producerType(producerType)
            .handler((task, result, context) -> values.add(task.value))
            .pollResults()
            .build();
        pool.start();
        final AtomicReference<Throwable> inner = new AtomicReference<>();
        pool.publish((task, sequence) ->
        {
            try
            {
                pool.publish(VALUE, 2L);
            }
            catch (final Throwable ex)
            {
                inner.set(ex);
            }
            task.value = 1;
        });
        assertInstanceOf(IllegalStateException.class, inner.get());
        assertEquals("thread '" + Thread.currentThread().getName() + "' published from inside a translator of this " +
            "pool: the outer task's slot is claimed and not yet filled, and a publish in between could hand it to a " +
            "worker unfilled; publish after the translator returns", inner.get().getMessage());
        final AtomicReference<Throwable> fromBatch = new AtomicReference<>();
        pool.publishBatch((task, sequence) ->
        {
            try
            {
                pool.producer().claim();
            }
            catch (final Throwable ex)
            {
                fromBatch.set(ex);
            }
            task.value = 3;
        }, 1);
        assertInstanceOf(IllegalStateException.class, fromBatch.get());
        assertEquals(2, pool.publish(VALUE, 4L), "the thread publishes normally afterwards");

        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(10));
        assertTrue(report.drained(), report::toString);
        assertEquals(3, report.published());
        assertEquals(List.of(1L, 3L, 4L), values);
    }
}
