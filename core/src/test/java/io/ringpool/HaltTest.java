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
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static io.ringpool.Fixtures.VALUE;
import static io.ringpool.Fixtures.assertBalanced;
import static io.ringpool.Fixtures.awaitTrue;
import static io.ringpool.Fixtures.yielding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HaltTest
{
    @Test
    void shouldReturnExactlyTheUnstartedTasksInSequenceOrder()
    {
        final List<Long> processed = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch inHand = new CountDownLatch(2);
        final CountDownLatch release = new CountDownLatch(1);
        final RingPool<Task, Result> pool = yielding("returned", 2, 64)
            .handler((task, result, context) ->
            {
                processed.add(task.value);
                inHand.countDown();
                release.await(10, TimeUnit.SECONDS);
            })
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .build();
        pool.start();
        for (long i = 0; i < 40; i++)
        {
            pool.publish(VALUE, i);
        }
        awaitTrue("both workers hold a task", () -> inHand.getCount() == 0);
        final Thread releaser = new Thread(() ->
        {
            awaitTrue("halting", () -> pool.state() == PoolState.HALTING);
            release.countDown();
        });
        releaser.start();
        final ShutdownReport<Task, Result> report = pool.halt(Duration.ofSeconds(10));
        Fixtures.join(releaser);

        assertEquals(40, report.published());
        assertEquals(processed.size(), report.completed());
        assertEquals(0, report.abandoned());
        assertBalanced(report);
        final List<Long> returned = report.returnedTasks().stream().map(ReturnedTask::sequence).toList();
        final List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 40; i++)
        {
            if (!processed.contains(i))
            {
                expected.add(i);
            }
        }
        assertEquals(expected, returned, "returned = accepted minus processed, in sequence order");
        for (final ReturnedTask<Task> task : report.returnedTasks())
        {
            assertEquals(task.sequence(), task.task().value, "the returned task object is the one published");
        }
    }

    @Test
    void shouldInterruptAWorkerThatOverrunsTheHaltBound()
    {
        final RecordingListener listener = new RecordingListener();
        final CountDownLatch inHand = new CountDownLatch(1);
        final RingPool<Task, Result> pool = yielding("interrupted", 1, 16)
            .handler((task, result, context) ->
            {
                inHand.countDown();
                Thread.sleep(60_000);
            })
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .failureListener(listener)
            .build();
        pool.start();
        pool.publish(VALUE, 1L);
        pool.publish(VALUE, 2L);
        awaitTrue("task in hand", () -> inHand.getCount() == 0);
        final ShutdownReport<Task, Result> report = pool.halt(Duration.ofMillis(50));
        assertEquals(1, report.failed(), "the interrupted task ended in an outcome");
        assertInstanceOf(InterruptedException.class, listener.failures.get(0));
        assertEquals(1, report.returned());
        assertEquals(0, report.abandoned());
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("interrupted [interrupted-worker-0]")),
            report.notes()::toString);
        assertBalanced(report);
    }

    @Test
    void shouldReportAsAbandonedATaskWhoseHandlerIgnoresInterrupts()
    {
        final AtomicBoolean stop = new AtomicBoolean();
        final CountDownLatch inHand = new CountDownLatch(1);
        final List<Long> lateOutcomes = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = yielding("abandoned", 2, 16)
            .handler((task, result, context) ->
            {
                if (task.value == 0)
                {
                    inHand.countDown();
                    while (!stop.get())
                    {
                        LockSupport.parkNanos(1_000_000L);
                    }
                }
            })
            .resultHandler((outcome, endOfBatch) -> lateOutcomes.add(outcome.taskSequence()))
            .interruptGrace(Duration.ofMillis(50))
            .build();
        pool.start();
        for (long i = 0; i < 10; i++)
        {
            pool.publish(VALUE, i);
        }
        awaitTrue("task 0 in hand", () -> inHand.getCount() == 0);
        final long started = System.nanoTime();
        final ShutdownReport<Task, Result> report = pool.halt(Duration.ofMillis(50));
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertEquals(List.of(new AbandonedTask(0, report.abandonedTasks().get(0).workerId())),
            report.abandonedTasks());
        assertEquals(10, report.published());
        assertBalanced(report);
        assertTrue(tookMs < 5_000, "halt took " + tookMs + " ms");
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("had not stopped")), report.notes()::toString);

        stop.set(true);
        final int deliveredAtReport = lateOutcomes.size();
        awaitTrue("abandoned worker ends", () -> !isAlive("abandoned-worker-"));
        assertFalse(lateOutcomes.contains(0L), "an abandoned task's outcome is discarded");
        assertEquals(deliveredAtReport, lateOutcomes.size());
    }

    private static boolean isAlive(final String prefix)
    {
        return Thread.getAllStackTraces().keySet().stream()
            .anyMatch(t -> t.getName().startsWith(prefix) && t.isAlive());
    }

    @Test
    void shouldListUndeliveredResultsWhenTheResultHandlerIsStuck()
    {
        final CountDownLatch stuck = new CountDownLatch(1);
        final AtomicBoolean release = new AtomicBoolean();
        final List<Long> delivered = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = yielding("stuck-results", 2, 64)
            .handler((task, result, context) -> result.value = task.value)
            .resultHandler((outcome, endOfBatch) ->
            {
                delivered.add(outcome.taskSequence());
                stuck.countDown();
                while (!release.get())
                {
                    LockSupport.parkNanos(1_000_000L);
                }
            })
            .interruptGrace(Duration.ofMillis(30))
            .build();
        pool.start();
        for (long i = 0; i < 20; i++)
        {
            pool.publish(VALUE, i);
        }
        awaitTrue("collector stuck on its first outcome", () -> stuck.getCount() == 0);
        awaitTrue("workers done", () -> pool.remainingCapacity() == 64);
        final ShutdownReport<Task, Result> report = pool.halt(Duration.ofSeconds(5));
        release.set(true);

        assertEquals(20, report.completed());
        assertEquals(19, report.undelivered());
        final List<Long> undelivered = report.undeliveredResults().stream().map(Outcome::taskSequence).sorted().toList();
        final List<Long> all = new ArrayList<>();
        for (long i = 0; i < 20; i++)
        {
            if (i != delivered.get(0))
            {
                all.add(i);
            }
        }
        assertEquals(all, undelivered, "every outcome is delivered or listed, never both");
        for (final Outcome<Result> outcome : report.undeliveredResults())
        {
            assertEquals(outcome.taskSequence(), outcome.result().value);
        }
        awaitTrue("collector ends", () -> !isAlive("stuck-results-results"));
        assertEquals(1, delivered.size(), "nothing is handed over after the seal");
    }

    @Test
    void shouldListUnpolledOutcomesInTheReportAndPollNothingAfterIt()
    {
        final RingPool<Task, Result> pool = yielding("poll-after", 1, 16)
            .handler((task, result, context) -> result.value = task.value * 3)
            .pollResults()
            .build();
        pool.start();
        for (long i = 0; i < 10; i++)
        {
            pool.publish(VALUE, i);
        }
        awaitTrue("all processed", () -> pool.remainingCapacity() == 16);
        final ShutdownReport<Task, Result> report = pool.halt(Duration.ofSeconds(5));
        assertEquals(10, report.undelivered());
        final List<Long> listed = report.undeliveredResults().stream().map(outcome -> outcome.result().value).toList();
        assertEquals(List.of(0L, 3L, 6L, 9L, 12L, 15L, 18L, 21L, 24L, 27L), listed);
        final List<Long> polled = new ArrayList<>();
        assertEquals(com.lmax.disruptor.EventPoller.PollState.IDLE,
            pool.resultPoller().poll((outcome, endOfBatch) -> polled.add(outcome.result().value)));
        assertTrue(polled.isEmpty(), "an outcome listed in the report is never also polled");
    }

    @Test
    void shouldStopWorkersWaitingForResultRoomAtOnceAndListTheirOutcomes()
    {
        final java.util.concurrent.atomic.AtomicInteger handled = new java.util.concurrent.atomic.AtomicInteger();
        final RingPool<Task, Result> pool = yielding("room-halt", 2, 16)
            .handler((task, result, context) ->
            {
                result.value = task.value;
                handled.incrementAndGet();
            })
            .resultRingSize(1)
            .pollResults()
            .build();
        pool.start();
        for (long i = 0; i < 3; i++)
        {
            pool.publish(VALUE, i);
        }
        // One outcome fills the one-entry result ring; both workers then hold an outcome and wait for room.
        awaitTrue("all three handlers returned", () -> handled.get() == 3);
        final long started = System.nanoTime();
        final ShutdownReport<Task, Result> report = pool.halt(Duration.ofSeconds(30));
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMs < 10_000, "a worker that only waits for result room stops at once; the halt took " + tookMs +
            " ms of its 30 s");
        assertEquals(0, report.abandoned(), report::toString);
        assertEquals(3, report.completed());
        assertEquals(List.of(0L, 1L, 2L),
            report.undeliveredResults().stream().map(Outcome::taskSequence).sorted().toList());
        assertBalanced(report);
    }

    @Test
    void shouldNotWaitOutItsTimeoutWhenTheDrainingThreadIsTheOnlyPoller()
    {
        final RingPool<Task, Result> pool = yielding("room-drain", 1, 16)
            .handler((task, result, context) -> result.value = task.value)
            .resultRingSize(1)
            .pollResults()
            .build();
        pool.start();
        pool.resultPoller().poll((outcome, endOfBatch) -> true);
        for (long i = 0; i < 3; i++)
        {
            pool.publish(VALUE, i);
        }
        final long started = System.nanoTime();
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(30));
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMs < 10_000, "nobody else polls, so the drain cannot finish; it took " + tookMs + " ms");
        assertTrue(report.notes().stream().anyMatch(note -> note.contains("no other thread polls")), report::toString);
        assertEquals(0, report.abandoned(), report::toString);
        assertEquals(3, report.completed() + report.returned(), report::toString);
        assertEquals(report.completed(), report.undelivered(), "every computed outcome is listed");
        assertBalanced(report);
    }

    @Test
    void shouldPlaceEveryTaskExactlyOnceWithTheSmallestRingsAndZeroBounds() throws Exception
    {
        // Every size at its minimum (one entry per ring, one worker), no interrupt grace, and drain(0) or halt(0)
        // while a producer publishes and a collector or poller takes outcomes: the edges of every bound at once.
        for (int round = 0; round < 40; round++)
        {
            final boolean poll = round % 2 == 1;
            final boolean halt = round % 4 < 2;
            final ResultOrder order = round % 8 < 4 ? ResultOrder.COMPLETION : ResultOrder.SUBMISSION;
            final java.util.Set<Long> delivered = java.util.concurrent.ConcurrentHashMap.newKeySet();
            final List<Long> twice = Collections.synchronizedList(new ArrayList<>());
            final List<Thread> poolThreads = Collections.synchronizedList(new ArrayList<>());
            final RingPoolBuilder<Task, Result> builder = yielding("smallest", 1, 1)
                .threadFactory(runnable ->
                {
                    final Thread thread = new Thread(runnable);
                    poolThreads.add(thread);
                    return thread;
                })
                .handler((task, result, context) -> result.value = task.value)
                .resultRingSize(1)
                .resultOrder(order)
                .interruptGrace(Duration.ZERO);
            if (poll)
            {
                builder.pollResults();
            }
            else
            {
                builder.resultHandler((outcome, endOfBatch) ->
                {
                    if (!delivered.add(outcome.taskSequence()))
                    {
                        twice.add(outcome.taskSequence());
                    }
                });
            }
            final RingPool<Task, Result> pool = builder.build();
            pool.start();
            final List<Long> handles = Collections.synchronizedList(new ArrayList<>());
            final AtomicBoolean stop = new AtomicBoolean();
            final Thread producer = new Thread(() ->
            {
                try
                {
                    for (long i = 0; !stop.get(); i++)
                    {
                        final long handle = pool.tryPublish(VALUE, i);
                        if (handle >= 0)
                        {
                            handles.add(handle);
                        }
                    }
                }
                catch (final java.util.concurrent.RejectedExecutionException expected)
                {
                    // the shutdown began
                }
            });
            final Thread poller = new Thread(() ->
            {
                while (!stop.get() || pool.report().isEmpty())
                {
                    pool.resultPoller().poll((outcome, endOfBatch) ->
                    {
                        if (!delivered.add(outcome.taskSequence()))
                        {
                            twice.add(outcome.taskSequence());
                        }
                        return true;
                    });
                }
            });
            producer.start();
            if (poll)
            {
                poller.start();
            }
            awaitTrue("some tasks published", () -> handles.size() > 20);
            final ShutdownReport<Task, Result> report = halt ? pool.halt(Duration.ZERO) : pool.drain(Duration.ZERO);
            stop.set(true);
            Fixtures.join(producer);
            if (poll)
            {
                Fixtures.join(poller);
            }
            // With a zero grace the report may come while the collector still runs the handler on an outcome it took
            // over before the seal: delivered, but not yet in the set.
            for (final Thread thread : List.copyOf(poolThreads))
            {
                Fixtures.join(thread);
            }

            final String context = "round " + round + (poll ? " poll " : " handler ") + order +
                (halt ? " halt(0): " : " drain(0): ") + report;
            assertTrue(twice.isEmpty(), () -> "delivered twice " + twice + "; " + context);
            assertEquals(handles.size(), report.published(), context);
            assertBalanced(report);
            final java.util.Set<Long> placed = new java.util.HashSet<>(delivered);
            for (final Outcome<Result> outcome : report.undeliveredResults())
            {
                assertTrue(placed.add(outcome.taskSequence()), () -> "undelivered and delivered: " + context);
            }
            for (final ReturnedTask<Task> task : report.returnedTasks())
            {
                assertTrue(placed.add(task.sequence()), () -> "returned and elsewhere: " + context);
            }
            for (final AbandonedTask task : report.abandonedTasks())
            {
                assertTrue(placed.add(task.sequence()), () -> "abandoned and elsewhere: " + context);
            }
            assertEquals(new java.util.HashSet<>(handles), placed, () -> "accepted but nowhere: " + context);
        }
    }

    @Test
    void shouldNotDeadlockWhenAHandlerHaltsItsOwnPool()
    {
        final AtomicReference<RingPool<Task, Result>> self = new AtomicReference<>();
        final AtomicReference<ShutdownReport<Task, Result>> fromHandler = new AtomicReference<>();
        final CountDownLatch allPublished = new CountDownLatch(1);
        final RingPool<Task, Result> pool = yielding("self-halt", 2, 64)
            .handler((task, result, context) ->
            {
                if (task.value == 10)
                {
                    allPublished.await(10, TimeUnit.SECONDS);
                    fromHandler.set(self.get().halt(Duration.ofSeconds(5)));
                }
            })
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .build();
        self.set(pool);
        pool.start();
        for (long i = 0; i < 50; i++)
        {
            pool.publish(VALUE, i);
        }
        allPublished.countDown();
        awaitTrue("the handler's halt returned", () -> null != fromHandler.get());
        final ShutdownReport<Task, Result> report = fromHandler.get();
        assertEquals(List.of(10L), report.abandonedTasks().stream().map(AbandonedTask::sequence).toList(),
            "the calling task was still in hand");
        assertEquals(50, report.published());
        assertBalanced(report);
        assertEquals(report, pool.drain(Duration.ZERO));
    }

    @Test
    void shouldNotDeadlockWhenAResultHandlerDrainsItsOwnPool()
    {
        final AtomicReference<RingPool<Task, Result>> self = new AtomicReference<>();
        final AtomicReference<ShutdownReport<Task, Result>> fromCollector = new AtomicReference<>();
        final RingPool<Task, Result> pool = yielding("self-drain", 1, 64)
            .handler((task, result, context) -> result.value = task.value)
            .resultHandler((outcome, endOfBatch) ->
            {
                if (outcome.taskSequence() == 5 && null == fromCollector.get())
                {
                    fromCollector.set(self.get().drain(Duration.ofSeconds(5)));
                }
            })
            .build();
        self.set(pool);
        pool.start();
        for (long i = 0; i < 30; i++)
        {
            pool.publish(VALUE, i);
        }
        awaitTrue("the result handler's drain returned", () -> null != fromCollector.get());
        final ShutdownReport<Task, Result> report = fromCollector.get();
        assertEquals(30, report.completed());
        assertTrue(report.undelivered() > 0, "outcomes behind the calling one are left for the report");
        assertBalanced(report);
    }
}
