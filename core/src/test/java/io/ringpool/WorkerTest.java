package io.ringpool;

import io.ringpool.Fixtures.RecordingListener;
import io.ringpool.Fixtures.Result;
import io.ringpool.Fixtures.Task;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ringpool.Fixtures.VALUE;
import static io.ringpool.Fixtures.assertBalanced;
import static io.ringpool.Fixtures.awaitTrue;
import static io.ringpool.Fixtures.yielding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerTest
{
    /** A per-worker handler that records its lifecycle and the thread it runs on. */
    private static final class Recording implements WorkHandler<Task, Result>
    {
        final int id;
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        volatile String thread;

        Recording(final int id)
        {
            this.id = id;
        }

        @Override
        public void onStart(final int workerId)
        {
            events.add("start " + workerId);
            thread = Thread.currentThread().getName();
        }

        @Override
        public void onTask(final Task task, final Result result, final TaskContext context)
        {
            if (context.workerId() != id || !Thread.currentThread().getName().equals(thread))
            {
                throw new IllegalStateException("handler " + id + " ran for worker " + context.workerId());
            }
            result.value = task.value;
            result.worker = context.workerId();
        }

        @Override
        public void onShutdown()
        {
            events.add("shutdown");
        }
    }

    @Test
    void shouldGiveEachWorkerItsOwnHandlerIdAndThreadWithLifecycleCallbacksOnce()
    {
        final Map<Integer, Recording> handlers = new ConcurrentHashMap<>();
        final Map<Integer, AtomicInteger> perWorker = new ConcurrentHashMap<>();
        final RingPool<Task, Result> pool = yielding("ids", 3, 64)
            .handlerFactory(id -> handlers.computeIfAbsent(id, Recording::new))
            .resultHandler((outcome, endOfBatch) ->
                perWorker.computeIfAbsent(outcome.workerId(), k -> new AtomicInteger()).incrementAndGet())
            .build();
        pool.start();
        for (long i = 0; i < 3000; i++)
        {
            pool.publish(VALUE, i);
        }
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(20));
        assertEquals(3000, report.completed());
        assertEquals(3, handlers.size());
        for (int id = 0; id < 3; id++)
        {
            final Recording handler = handlers.get(id);
            assertEquals(List.of("start " + id, "shutdown"), handler.events);
            assertEquals("ids-worker-" + id, handler.thread);
        }
        assertEquals(3000, perWorker.values().stream().mapToInt(AtomicInteger::get).sum());
    }

    @Test
    void shouldPassTheTaskSequenceAndEndOfBatchInTheContext()
    {
        final List<Long> mismatches = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger endsOfBatch = new AtomicInteger();
        final RingPool<Task, Result> pool = yielding("context", 1, 256)
            .handler((task, result, context) ->
            {
                if (context.sequence() != task.value)
                {
                    mismatches.add(context.sequence());
                }
                if (context.endOfBatch())
                {
                    endsOfBatch.incrementAndGet();
                }
            })
            .pollResults()
            .build();
        pool.start();
        final Long[] values = new Long[100];
        for (int i = 0; i < values.length; i++)
        {
            values[i] = (long)i;
        }
        pool.publishBatch(VALUE, values, 0, 100);
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(10));
        assertEquals(100, report.completed());
        assertEquals(List.of(), mismatches);
        assertTrue(endsOfBatch.get() >= 1 && endsOfBatch.get() <= 100, "endOfBatch seen " + endsOfBatch.get());
    }

    @Test
    void shouldTurnHandlerExceptionsIntoFailedOutcomesAndKeepWorking()
    {
        final RecordingListener listener = new RecordingListener();
        final List<Outcome<Result>> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger completed = new AtomicInteger();
        final RingPool<Task, Result> pool = yielding("throwing", 2, 64)
            .handler((task, result, context) ->
            {
                if (task.value % 10 == 0)
                {
                    throw new IOException("checked failure on " + task.value);
                }
                if (task.value % 10 == 5)
                {
                    throw new IllegalStateException("unchecked failure on " + task.value);
                }
                result.value = task.value;
            })
            .resultHandler((outcome, endOfBatch) ->
            {
                if (outcome.status() == OutcomeStatus.FAILED)
                {
                    if (null == outcome.failure() || outcome.taskSequence() % 5 != 0)
                    {
                        throw new AssertionError("bad failed outcome " + outcome);
                    }
                    failures.add(outcome);
                }
                else if (null == outcome.failure() && outcome.result().value == outcome.taskSequence())
                {
                    completed.incrementAndGet();
                }
            })
            .failureListener(listener)
            .build();
        pool.start();
        for (long i = 0; i < 1000; i++)
        {
            pool.publish(VALUE, i);
        }
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(20));
        assertEquals(PoolState.TERMINATED, report.finalState());
        assertTrue(report.drained());
        assertEquals(200, report.failed());
        assertEquals(800, report.completed());
        assertEquals(800, completed.get());
        assertEquals(200, failures.size());
        assertEquals(200, listener.failures.size());
        assertTrue(listener.failures.stream().anyMatch(IOException.class::isInstance));
        assertNull(report.cause());
    }

    @Test
    void shouldFailThePoolOnAnErrorAndReportTheCause()
    {
        final RingPool<Task, Result> pool = yielding("error", 2, 64)
            .handler((task, result, context) ->
            {
                if (task.value == 5)
                {
                    throw new StackOverflowError("deliberate");
                }
            })
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .failureListener(new RecordingListener())
            .build();
        pool.start();
        for (long i = 0; i < 6; i++)
        {
            pool.publish(VALUE, i);
        }
        awaitTrue("pool failed", () -> pool.state() == PoolState.FAILED);
        assertThrows(RejectedExecutionException.class, () -> pool.publish(VALUE, 7L));
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(10));
        assertEquals(PoolState.FAILED, report.finalState());
        assertEquals(PoolState.FAILED, pool.state());
        assertInstanceOf(StackOverflowError.class, report.cause());
        assertFalse(report.drained());
        assertEquals(6, report.published());
        assertTrue(report.failed() >= 1);
        assertBalanced(report);
    }

    @Test
    void shouldFailThePoolWhenTheFailureListenerThrows()
    {
        final RingPool<Task, Result> pool = yielding("bad-listener", 1, 16)
            .handler((task, result, context) ->
            {
                throw new IllegalArgumentException("task failure");
            })
            .pollResults()
            .failureListener((task, sequence, workerId, cause) ->
            {
                throw new IllegalStateException("listener is broken");
            })
            .build();
        pool.start();
        pool.publish(VALUE, 1L);
        awaitTrue("pool failed", () -> pool.state() == PoolState.FAILED);
        final ShutdownReport<Task, Result> report = pool.halt(Duration.ofSeconds(5));
        assertInstanceOf(IllegalStateException.class, report.cause());
        assertTrue(report.cause().getMessage().contains("failureListener threw"), report.cause()::getMessage);
        assertEquals(1, report.failed());
        assertEquals(1, report.undelivered(), "the failed outcome was published before the pool failed");
        assertBalanced(report);
    }

    @Test
    void shouldFailStartWhenAnOnStartThrows()
    {
        final AtomicInteger shutdowns = new AtomicInteger();
        final RingPool<Task, Result> pool = yielding("bad-start", 2, 16)
            .handlerFactory(id -> new WorkHandler<>()
            {
                @Override
                public void onStart(final int workerId)
                {
                    if (workerId == 1)
                    {
                        throw new IllegalStateException("no resource for worker 1");
                    }
                }

                @Override
                public void onTask(final Task task, final Result result, final TaskContext context)
                {
                }

                @Override
                public void onShutdown()
                {
                    shutdowns.incrementAndGet();
                }
            })
            .pollResults()
            .build();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, pool::start);
        assertTrue(ex.getMessage().contains("failed to start"), ex::getMessage);
        assertEquals(PoolState.FAILED, pool.state());
        assertThrows(RejectedExecutionException.class, () -> pool.publish(VALUE, 1L));
        final ShutdownReport<Task, Result> report = pool.halt(Duration.ofSeconds(5));
        assertTrue(report.cause().getCause().getMessage().contains("no resource for worker 1"));
        assertEquals(1, shutdowns.get(), "onShutdown runs only where onStart succeeded");
    }

    @Test
    void shouldFailStartWhenTheThreadFactoryFails()
    {
        final AtomicInteger made = new AtomicInteger();
        final RingPool<Task, Result> pool = yielding("bad-factory", 3, 16)
            .handler((task, result, context) ->
            {
            })
            .pollResults()
            .threadFactory(task -> made.incrementAndGet() == 2 ? null : new Thread(task))
            .build();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, pool::start);
        assertTrue(ex.getMessage().contains("threadFactory returned null"), ex::getMessage);
        final ShutdownReport<Task, Result> report = pool.halt(Duration.ofSeconds(5));
        assertEquals(PoolState.FAILED, report.finalState());
        assertBalanced(report);
    }

    @Test
    void shouldPassANullResultToHandlersOfAPoolWithoutResults()
    {
        final AtomicInteger nulls = new AtomicInteger();
        final RingPool<Task, Void> pool = RingPool.builder(Task::new)
            .name("fire-and-forget")
            .workers(2)
            .ringSize(32)
            .handler((task, result, context) ->
            {
                if (null == result)
                {
                    nulls.incrementAndGet();
                }
            })
            .build();
        pool.start();
        for (long i = 0; i < 100; i++)
        {
            pool.publish(VALUE, i);
        }
        final ShutdownReport<Task, Void> report = pool.drain(Duration.ofSeconds(10));
        assertEquals(100, nulls.get());
        assertEquals(100, report.completed());
        assertEquals(0, report.undelivered());
        assertThrows(IllegalStateException.class, pool::resultPoller);
    }

    @Test
    void shouldRecycleResultObjectsWithoutAllocatingNewOnes()
    {
        final List<Result> distinct = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = yielding("recycle", 1, 8)
            .handler((task, result, context) -> result.value = task.value)
            .resultHandler((outcome, endOfBatch) ->
            {
                for (final Result seen : distinct)
                {
                    if (seen == outcome.result())
                    {
                        return;
                    }
                }
                distinct.add(outcome.result());
            })
            .build();
        pool.start();
        for (long i = 0; i < 1000; i++)
        {
            pool.publish(VALUE, i);
        }
        pool.drain(Duration.ofSeconds(10));
        assertTrue(distinct.size() <= 8 + 1, "result ring entries plus one spare; saw " + distinct.size());
    }
}
