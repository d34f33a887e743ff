package io.ringpool;

import io.ringpool.Fixtures.Result;
import io.ringpool.Fixtures.Task;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.ringpool.Fixtures.VALUE;
import static io.ringpool.Fixtures.awaitTrue;
import static io.ringpool.Fixtures.yielding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StallDetectionTest
{
    @Test
    void shouldReportAWorkerStuckOnATaskWhileLaterTasksWait()
    {
        final List<long[]> stalls = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch release = new CountDownLatch(1);
        final RingPool<Task, Result> pool = yielding("stalled", 2, 16)
            .handler((task, result, context) ->
            {
                if (task.value == 4)
                {
                    release.await(20, TimeUnit.SECONDS);
                }
            })
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .stallThreshold(Duration.ofMillis(50))
            .stallListener((workerId, sequence, stalledNanos) ->
                stalls.add(new long[]{ workerId, sequence, stalledNanos }))
            .build();
        pool.start();
        for (long i = 0; i < 10; i++)
        {
            pool.publish(VALUE, i);
        }
        awaitTrue("stall reported", () -> !stalls.isEmpty());
        final long[] stall = stalls.get(0);
        assertEquals(4, stall[1], "the stuck task");
        assertTrue(stall[2] >= TimeUnit.MILLISECONDS.toNanos(50), "stalled for " + stall[2] + " ns");
        assertEquals(1, pool.stalls());

        release.countDown();
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(10));
        assertTrue(report.drained());
        assertEquals(1, stalls.size(), "reported once per stuck task");
    }

    @Test
    void shouldReportAWorkerHeldByAFullResultRingWhileLaterTasksWait()
    {
        final List<long[]> stalls = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch release = new CountDownLatch(1);
        final RingPool<Task, Result> pool = yielding("held", 1, 16)
            .handler((task, result, context) ->
            {
            })
            .resultRingSize(1)
            .resultHandler((outcome, endOfBatch) -> release.await(20, TimeUnit.SECONDS))
            .stallThreshold(Duration.ofMillis(50))
            .stallListener((workerId, sequence, stalledNanos) ->
                stalls.add(new long[]{ workerId, sequence, stalledNanos }))
            .build();
        pool.start();
        for (long i = 0; i < 6; i++)
        {
            pool.publish(VALUE, i);
        }
        // The collector is stuck on outcome 0, which keeps the one-entry result ring full: the worker holds task 1's.
        awaitTrue("stall reported", () -> !stalls.isEmpty());
        assertEquals(1, stalls.get(0)[1], "the task whose outcome waits for room");

        release.countDown();
        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(10));
        assertTrue(report.drained(), report::toString);
    }

    @Test
    void shouldNotReportAWorkerThatIsBusyWithNothingWaitingBehindIt()
    {
        final CountDownLatch inHand = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final RingPool<Task, Result> pool = yielding("busy-alone", 1, 16)
            .handler((task, result, context) ->
            {
                inHand.countDown();
                release.await(20, TimeUnit.SECONDS);
            })
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .stallThreshold(Duration.ofMillis(20))
            .build();
        pool.start();
        pool.publish(VALUE, 0L);
        awaitTrue("task in hand", () -> inHand.getCount() == 0);
        final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        while (System.nanoTime() - until < 0)
        {
            assertEquals(0, pool.stalls(), "nothing waits behind the only task");
            Thread.onSpinWait();
        }
        release.countDown();
        pool.drain(Duration.ofSeconds(10));
    }

    @Test
    void shouldRunNoWatchdogWhenTheThresholdIsZero()
    {
        final RingPool<Task, Result> pool = yielding("no-watchdog", 1, 16)
            .handler((task, result, context) ->
            {
            })
            .pollResults()
            .stallThreshold(Duration.ZERO)
            .build();
        pool.start();
        assertTrue(Thread.getAllStackTraces().keySet().stream()
            .noneMatch(t -> t.getName().equals("no-watchdog-watchdog")));
        pool.drain(Duration.ofSeconds(5));
    }
}
