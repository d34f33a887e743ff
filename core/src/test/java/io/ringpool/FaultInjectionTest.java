package io.ringpool;

import io.ringpool.Fixtures.RecordingListener;
import io.ringpool.Fixtures.Result;
import io.ringpool.Fixtures.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static io.ringpool.Fixtures.VALUE;
import static io.ringpool.Fixtures.assertBalanced;
import static io.ringpool.Fixtures.awaitTrue;
import static io.ringpool.Fixtures.yielding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults injected where users' code runs: each test would hang or fail without the engine's handling, and each is
 * bounded by the suite's timeout.
 */
class FaultInjectionTest
{
    @Test
    void shouldFailThePoolOnAnOutOfMemoryErrorFromAHandlerWithoutFreezingTheRing()
    {
        final RingPool<Task, Result> pool = yielding("oom", 2, 16)
            .handler((task, result, context) ->
            {
                if (task.value == 3)
                {
                    throw new OutOfMemoryError("deliberate, for the test");
                }
            })
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .failureListener(new RecordingListener())
            .build();
        pool.start();
        final AtomicReference<Throwable> producerSaw = new AtomicReference<>();
        final Thread producer = new Thread(() ->
        {
            try
            {
                for (long i = 0; i < 1_000_000; i++)
                {
                    pool.publish(VALUE, i);
                }
            }
            catch (final Throwable ex)
            {
                producerSaw.set(ex);
            }
        });
        producer.start();
        Fixtures.join(producer);
        assertInstanceOf(java.util.concurrent.RejectedExecutionException.class, producerSaw.get(),
            "a producer waiting on the ring is woken when the pool fails");
        final ShutdownReport<Task, Result> report = pool.halt(Duration.ofSeconds(5));
        assertInstanceOf(OutOfMemoryError.class, report.cause());
        assertEquals(PoolState.FAILED, report.finalState());
        assertBalanced(report);
    }

    @Test
    void shouldFallBackToHaltWhenAHandlerBlocksPastTheDrainTimeout()
    {
        final RecordingListener listener = new RecordingListener();
        final CountDownLatch never = new CountDownLatch(1);
        final RingPool<Task, Result> pool = yielding("blocked-drain", 1, 16)
            .handler((task, result, context) ->
            {
                if (task.value == 0)
                {
                    never.await();
                }
            })
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .failureListener(listener)
            .build();
        pool.start();
        for (long i = 0; i < 5; i++)
        {
            pool.publish(VALUE, i);
        }
        final long started = System.nanoTime();
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofMillis(200));
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertFalse(report.drained());
        assertTrue(tookMs < 5_000, "drain took " + tookMs + " ms");
        assertEquals(1, report.failed(), "the blocked task ended FAILED when its worker was interrupted");
        assertInstanceOf(InterruptedException.class, listener.failures.get(0));
        assertEquals(4, report.returned(), "the tasks behind it are handed back");
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("ran out of time")), report.notes()::toString);
        assertBalanced(report);
    }

    @Test
    void shouldNameTheTaskWhoseHandlerIgnoresInterruptsWhenADrainTimesOut()
    {
        final AtomicBoolean stop = new AtomicBoolean();
        final RingPool<Task, Result> pool = yielding("stubborn", 1, 16)
            .handler((task, result, context) ->
            {
                if (task.value == 2)
                {
                    while (!stop.get())
                    {
                        LockSupport.parkNanos(1_000_000L);
                    }
                }
            })
            .pollResults()
            .interruptGrace(Duration.ofMillis(50))
            .build();
        pool.start();
        for (long i = 0; i < 4; i++)
        {
            pool.publish(VALUE, i);
        }
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofMillis(100));
        stop.set(true);
        assertEquals(List.of(new AbandonedTask(2, 0)), report.abandonedTasks());
        assertEquals(2, report.completed());
        assertEquals(1, report.returned());
        assertBalanced(report);
    }

    @Test
    void shouldFailStartWhenAThreadCannotBeStarted()
    {
        final AtomicInteger made = new AtomicInteger();
        final RingPool<Task, Result> pool = yielding("no-native-thread", 2, 16)
            .handler((task, result, context) ->
            {
            })
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .threadFactory(task -> made.incrementAndGet() != 2 ? new Thread(task) : new Thread(task)
            {
                @Override
                public synchronized void start()
                {
                    throw new OutOfMemoryError("unable to create native thread: deliberate");
                }
            })
            .build();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, pool::start);
        assertInstanceOf(OutOfMemoryError.class, ex.getCause());
        assertEquals(PoolState.FAILED, pool.state());
        final ShutdownReport<Task, Result> report = pool.halt(Duration.ofSeconds(5));
        assertEquals(PoolState.FAILED, report.finalState());
        assertTrue(report.notes().stream().noneMatch(n -> n.contains("had not stopped")), report.notes()::toString);
    }

    @Test
    void shouldKeepDeliveringWhenTheResultHandlerThrows()
    {
        final RecordingListener listener = new RecordingListener();
        final AtomicInteger seen = new AtomicInteger();
        final RingPool<Task, Result> pool = yielding("throwing-results", 2, 16)
            .handler((task, result, context) -> result.value = task.value)
            .resultHandler((outcome, endOfBatch) ->
            {
                seen.incrementAndGet();
                if (outcome.taskSequence() % 3 == 0)
                {
                    throw new IllegalStateException("downstream rejected " + outcome.taskSequence());
                }
            })
            .failureListener(listener)
            .build();
        pool.start();
        for (long i = 0; i < 300; i++)
        {
            pool.publish(VALUE, i);
        }
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(10));
        assertTrue(report.drained(), report::toString);
        assertEquals(300, seen.get());
        assertEquals(100, listener.resultFailures.size());
        assertEquals(0, report.undelivered());
    }

    @Test
    void shouldFailThePoolWhenTheResultHandlerThrowsAnError()
    {
        final RingPool<Task, Result> pool = yielding("result-error", 1, 16)
            .handler((task, result, context) -> result.value = task.value)
            .resultHandler((outcome, endOfBatch) ->
            {
                throw new AssertionError("deliberate");
            })
            .failureListener(new RecordingListener())
            .build();
        pool.start();
        pool.publish(VALUE, 1L);
        awaitTrue("pool failed", () -> pool.state() == PoolState.FAILED);
        final ShutdownReport<Task, Result> report = pool.halt(Duration.ofSeconds(5));
        assertInstanceOf(AssertionError.class, report.cause());
        assertBalanced(report);
    }

    @Test
    void shouldAnswerPoolCallsFromInsideAHandlerWithoutDeadlock()
    {
        final AtomicReference<RingPool<Task, Result>> self = new AtomicReference<>();
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = yielding("reentrant", 2, 16)
            .cancellable()
            .handler((task, result, context) ->
            {
                if (task.value == 1)
                {
                    final RingPool<Task, Result> me = self.get();
                    try
                    {
                        me.start();
                    }
                    catch (final IllegalStateException ex)
                    {
                        seen.add("start: " + ex.getMessage());
                    }
                    seen.add("cancel(1): " + me.cancel(1));
                    seen.add("tryPublish: " + (me.tryPublish(VALUE, 100L) >= 0));
                    seen.add("state: " + me.state());
                    try
                    {
                        me.close();
                        seen.add("closed quietly: " + me.state());
                    }
                    catch (final IncompleteShutdownException ex)
                    {
                        // The task in hand (this one) cannot finish inside the drain it called: abandoned, and said.
                        seen.add("closed: " + me.state() + ", abandoned " + ex.report().abandoned());
                    }
                }
            })
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .closeTimeout(Duration.ofSeconds(5))
            .build();
        self.set(pool);
        pool.start();
        pool.publish(VALUE, 0L);
        pool.publish(VALUE, 1L);
        awaitTrue("the handler's close returned", () -> seen.size() == 5);
        assertTrue(seen.get(0).startsWith("start: pool 'reentrant' is RUNNING: already started"), seen::toString);
        assertEquals("cancel(1): false", seen.get(1), "a running task cannot be cancelled");
        assertEquals("tryPublish: true", seen.get(2));
        assertEquals("state: RUNNING", seen.get(3));
        assertEquals("closed: TERMINATED, abandoned 1", seen.get(4));
        final ShutdownReport<Task, Result> report = pool.report().orElseThrow();
        assertEquals(List.of(1L), report.abandonedTasks().stream().map(AbandonedTask::sequence).toList(),
            "the task that called close was still in hand");
        assertBalanced(report);
    }
}
