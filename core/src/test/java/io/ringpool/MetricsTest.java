package io.ringpool;

import com.lmax.disruptor.EventTranslator;
import io.ringpool.Fixtures.Result;
import io.ringpool.Fixtures.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.ringpool.Fixtures.LONG;
import static io.ringpool.Fixtures.VALUE;
import static io.ringpool.Fixtures.assertBalanced;
import static io.ringpool.Fixtures.awaitTrue;
import static io.ringpool.Fixtures.join;
import static io.ringpool.Fixtures.yielding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every live counter against a run whose counts are known: what was accepted, refused (by cause), waited, failed,
 * cancelled, expired, returned and abandoned, and what each worker is doing.
 */
class MetricsTest
{
    /** A task value that makes the handler throw. */
    private static final long FAIL = -1;
    /** A task value whose deadline has passed when it is published. */
    private static final long STALE = -2;
    private static final EventTranslator<Task> THROWS = (task, sequence) ->
    {
        throw new IllegalArgumentException("translator fails on purpose");
    };

    @Test
    void shouldCountEveryWayATaskCanEndAndEveryWayAPublishCanBeRefused() throws InterruptedException
    {
        final CountDownLatch release = new CountDownLatch(1);
        final RingPool<Task, Result> pool = yielding("metrics", 1, 8)
            .cancellable()
            .deadline(task -> STALE == task.value ? System.nanoTime() - 1_000_000_000L : RingPool.NO_DEADLINE)
            .handler((task, result, context) ->
            {
                release.await(30, TimeUnit.SECONDS);
                if (FAIL == task.value)
                {
                    throw new IllegalStateException("fails on purpose");
                }
                result.value = task.value;
            })
            .failureListener((task, sequence, workerId, cause) -> { })
            .pollResults()
            .resultRingSize(64)
            .stallThreshold(Duration.ofMillis(20))
            .stallListener((workerId, sequence, stalledNanos) -> { })
            .build();

        assertThrows(RejectedExecutionException.class, () -> pool.publish(VALUE, 0L), "not started yet");
        pool.start();

        // The worker takes the first task and holds it until released; seven more fill the ring.
        final long first = pool.publish(VALUE, 1L);
        awaitTrue("the worker holds the first task", () -> pool.metrics().worker(0).busy());
        pool.publish(VALUE, FAIL);
        pool.publish(VALUE, FAIL);
        pool.publish(VALUE, STALE);
        final long cancelMe = pool.publish(VALUE, 5L);
        pool.publish(VALUE, 6L);
        pool.publish(VALUE, 7L);
        pool.publish(VALUE, 8L);
        assertTrue(pool.cancel(cancelMe));
        assertEquals(-1, pool.tryPublish(VALUE, 9L), "the ring is full");
        assertEquals(-1, pool.tryPublish(VALUE, 9L, 5, TimeUnit.MILLISECONDS), "still full");
        assertEquals(-1, pool.tryPublish(THROWS, 1, TimeUnit.MILLISECONDS),
            "no room: the claim times out before the translator would run");

        // A producer that waits for room and is interrupted.
        final AtomicReference<Throwable> interrupted = new AtomicReference<>();
        final Thread waiter = new Thread(() ->
        {
            try
            {
                pool.publish(VALUE, 10L);
            }
            catch (final Throwable ex)
            {
                interrupted.set(ex);
            }
        });
        waiter.start();
        awaitTrue("the producer waits for room", () -> pool.metrics().backPressureWaits() >= 3);
        waiter.interrupt();
        join(waiter);
        assertTrue(interrupted.get() instanceof RejectedExecutionException, String.valueOf(interrupted.get()));

        final PoolMetrics held = pool.metrics();
        assertEquals(PoolState.RUNNING, held.state());
        assertEquals("metrics", held.poolName());
        assertEquals(8, held.published());
        assertEquals(1, held.rejectedNotRunning());
        assertEquals(1, held.rejectedInterrupted());
        assertEquals(0, held.translatorFailures());
        assertEquals(3, held.backPressureWaits(), "the two timed tryPublish and the blocking publish waited");
        assertEquals(3, held.tryPublishRefusals(), "one tryPublish without room, and the two timed ones");
        assertEquals(7, held.taskBacklog(), "seven accepted tasks not started");
        assertEquals(0, held.remainingCapacity());
        assertEquals(1, held.busyWorkers());
        final WorkerMetrics worker = held.worker(0);
        assertTrue(worker.busy());
        assertEquals(first, worker.currentSequence());
        assertEquals(7, worker.lag(), "the cursor is seven past the task in hand");
        awaitTrue("the sampler has seen the held task for a while", () -> pool.metrics().worker(0).heldNanos() > 0);
        awaitTrue("a stall is reported", () -> pool.metrics().stalls() >= 1);

        release.countDown();
        awaitTrue("every task ran", () -> pool.metrics().taskBacklog() == 0 && !pool.metrics().worker(0).busy());
        assertThrows(IllegalArgumentException.class, () -> pool.tryPublish(THROWS), "room, but the translator throws");
        final PoolMetrics ran = pool.metrics();
        assertEquals(1, ran.translatorFailures());
        assertEquals(4, ran.completed(), "1, 6, 7 and 8");
        assertEquals(2, ran.failed());
        assertEquals(1, ran.expired());
        assertEquals(1, ran.cancelled());
        assertEquals(8, ran.resultBacklog(), "nobody polled");
        assertEquals(8, ran.published());
        assertEquals(8, ran.worker(0).processed());
        assertEquals(-1, ran.worker(0).currentSequence());
        assertEquals(-1, ran.worker(0).heldNanos());

        final ShutdownReport<Task, Result> report = pool.drain(Duration.ZERO);
        assertThrows(RejectedExecutionException.class, () -> pool.publish(VALUE, 11L));
        final PoolMetrics after = pool.metrics();
        assertEquals(PoolState.TERMINATED, after.state());
        assertEquals(report.published(), after.published());
        assertEquals(report.completed(), after.completed());
        assertEquals(report.failed(), after.failed());
        assertEquals(report.cancelled(), after.cancelled());
        assertEquals(report.expired(), after.expired());
        assertEquals(report.returned(), after.returned());
        assertEquals(report.abandoned(), after.abandoned());
        assertEquals(2, after.rejectedNotRunning(), "before start, and after the drain");
        assertEquals(after.published(), after.completed() + after.failed() + after.cancelled() + after.expired() +
            after.returned() + after.abandoned());
    }

    @Test
    void shouldCountTheResultBacklogInEitherOrder()
    {
        for (final ResultOrder order : ResultOrder.values())
        {
            final RingPool<Task, Result> pool = yielding("backlog-" + order, 2, 16)
                .resultOrder(order)
                .handler((task, result, context) -> result.value = task.value)
                .pollResults()
                .build();
            pool.start();
            for (long i = 0; i < 5; i++)
            {
                pool.publish(VALUE, i);
            }
            awaitTrue("five outcomes wait in " + order + " order", () -> pool.metrics().resultBacklog() == 5);
            final int[] taken = new int[1];
            pool.resultPoller().poll((outcome, endOfBatch) -> ++taken[0] < 2);
            assertEquals(2, taken[0]);
            assertEquals(3, pool.metrics().resultBacklog(), order + ": two taken, three left");
            assertBalanced(pool.halt(LONG));
        }
    }

    @Test
    void shouldReportReturnedAndAbandonedTasksOnceHalted()
    {
        final CountDownLatch running = new CountDownLatch(1);
        final RingPool<Task, Void> pool = RingPool.builder(Task::new)
            .name("metrics-halt")
            .workers(1)
            .ringSize(16)
            .waitPolicy(WaitPolicy.YIELDING)
            .interruptGrace(Duration.ofMillis(20))
            .handler((task, none, context) ->
            {
                running.countDown();
                final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < until)
                {
                    Thread.onSpinWait();   // ignores interrupts: its task is abandoned
                }
            })
            .build();
        pool.start();
        for (long i = 0; i < 5; i++)
        {
            pool.publish(VALUE, i);
        }
        try
        {
            running.await(LONG.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        final ShutdownReport<Task, Void> report = pool.halt(Duration.ZERO);
        assertBalanced(report);
        final PoolMetrics metrics = pool.metrics();
        assertEquals(4, metrics.returned());
        assertEquals(1, metrics.abandoned());
        assertEquals(5, metrics.published());
        assertEquals(-1, metrics.resultBacklog(), "no results");
    }

    @Test
    void shouldRefreshACallerOwnedSampleInPlace()
    {
        final RingPool<Task, Result> pool = yielding("metrics-reuse", 2, 16)
            .handler((task, result, context) -> result.value = task.value)
            .resultHandler((outcome, endOfBatch) -> { })
            .stallThreshold(Duration.ZERO)
            .build();
        pool.start();
        final PoolMetrics sample = new PoolMetrics();
        assertEquals(0, sample.workerCount());
        assertSame(sample, pool.metrics(sample));
        final WorkerMetrics first = sample.worker(1);
        for (long i = 0; i < 100; i++)
        {
            pool.publish(VALUE, i);
        }
        assertBalanced(pool.drain(LONG));
        assertSame(sample, pool.metrics(sample));
        assertSame(first, sample.worker(1), "the worker entries are reused");
        assertEquals(100, sample.published());
        assertEquals(100, sample.worker(0).completed() + sample.worker(1).completed());
        assertEquals(-1, sample.worker(0).heldNanos(), "no sampler: held time unknown");
        assertEquals(0, sample.resultBacklog());
        assertFalse(sample.toString().isEmpty());
        assertThrows(NullPointerException.class, () -> pool.metrics(null));
    }

    @Test
    void shouldStampEveryStageOfEveryOutcomeWhenAsked()
    {
        final List<long[]> stamps = new java.util.concurrent.CopyOnWriteArrayList<>();
        final RingPool<Task, Result> pool = yielding("stages", 2, 64)
            .timeStages()
            .handler((task, result, context) ->
            {
                final long until = System.nanoTime() + 20_000;
                while (System.nanoTime() < until)
                {
                    Thread.onSpinWait();
                }
            })
            .resultHandler((outcome, endOfBatch) -> stamps.add(new long[] {
                outcome.publishedNanos(), outcome.startedNanos(), outcome.endedNanos(), System.nanoTime() }))
            .build();
        pool.start();
        final long before = System.nanoTime();
        for (long i = 0; i < 200; i++)
        {
            pool.publish(VALUE, i);
        }
        final Long[] batch = { 1L, 2L, 3L, 4L };
        pool.publishBatch(VALUE, batch, 0, 4);
        assertBalanced(pool.drain(LONG));
        assertEquals(204, stamps.size());
        for (final long[] s : stamps)
        {
            assertTrue(s[0] - before >= 0, "published after the test began");
            assertTrue(s[1] - s[0] >= 0, "started after published");
            assertTrue(s[2] - s[1] >= 20_000, "ended after the handler's 20 us");
            assertTrue(s[3] - s[2] >= 0, "consumed after it ended");
        }

        final long[] unstamped = new long[3];
        final RingPool<Task, Result> plain = yielding("no-stages", 1, 8)
            .handler((task, result, context) -> { })
            .resultHandler((outcome, endOfBatch) ->
            {
                unstamped[0] += outcome.publishedNanos();
                unstamped[1] += outcome.startedNanos();
                unstamped[2] += outcome.endedNanos();
            })
            .build();
        plain.start();
        plain.publish(VALUE, 1L);
        assertBalanced(plain.drain(LONG));
        assertEquals(0, unstamped[0] + unstamped[1] + unstamped[2], "no stamps without timeStages()");

        final IllegalArgumentException problem = assertThrows(IllegalArgumentException.class, () ->
            RingPool.builder(Task::new).handler((task, none, context) -> { }).timeStages().build());
        assertTrue(problem.getMessage().contains("timeStages needs results"), problem.getMessage());
    }

    @Test
    void shouldNeverSampleACompletedCountLowerThanAnEarlierOne() throws Exception
    {
        // Every other task fails, so a worker's status counts change on every other commit: a sample that read them
        // in the middle of a commit used to see completed one lower than the sample before.
        final RingPool<Task, Result> pool = yielding("monotonic", 1, 64)
            .handler((task, result, context) ->
            {
                if ((task.value & 1) == 1)
                {
                    throw new IllegalStateException("[expected in tests] odd task");
                }
            })
            .failureListener((task, sequence, workerId, cause) -> { })
            .resultHandler((outcome, endOfBatch) -> { })
            .build();
        pool.start();
        final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        final AtomicReference<String> dip = new AtomicReference<>();
        final Thread sampler = new Thread(() ->
        {
            final PoolMetrics metrics = new PoolMetrics();
            long last = 0;
            long lastWorker = 0;
            while (!done.get() && null == dip.get())
            {
                pool.metrics(metrics);
                final long completed = metrics.completed();
                final long worker = metrics.worker(0).completed();
                if (completed < last || worker < lastWorker)
                {
                    dip.set("completed went from " + last + " to " + completed + " (worker 0: " + lastWorker +
                        " to " + worker + ")");
                }
                last = completed;
                lastWorker = worker;
            }
        }, "sampler");
        sampler.start();
        for (long i = 0; i < 300_000 && null == dip.get(); i++)
        {
            pool.publish(VALUE, i);
        }
        done.set(true);
        join(sampler);
        assertTrue(pool.drain(LONG).drained());
        assertEquals(null, dip.get());
    }
}
