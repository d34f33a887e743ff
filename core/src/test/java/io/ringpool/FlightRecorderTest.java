package io.ringpool;

import io.ringpool.Fixtures.Task;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import static io.ringpool.Fixtures.LONG;
import static io.ringpool.Fixtures.VALUE;
import static io.ringpool.Fixtures.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool's Flight Recorder events reach a recording that enables them, and none is emitted per task.
 */
class FlightRecorderTest
{
    @Test
    void shouldRecordStallsRejectionsFailuresAndTheShutdownWhenEnabled() throws InterruptedException
    {
        final List<RecordedEvent> events = new CopyOnWriteArrayList<>();
        try (RecordingStream stream = new RecordingStream())
        {
            for (final String name : List.of("io.ringpool.Stall", "io.ringpool.Shutdown", "io.ringpool.PoolFailed",
                "io.ringpool.RejectedPublishes"))
            {
                stream.enable(name);
                stream.onEvent(name, events::add);
            }
            stream.setMaxAge(Duration.ofMinutes(1));
            stream.startAsync();

            final CountDownLatch release = new CountDownLatch(1);
            final RingPool<Task, Void> pool = RingPool.builder(Task::new)
                .name("recorded")
                .workers(1)
                .ringSize(16)
                .waitPolicy(WaitPolicy.YIELDING)
                .stallThreshold(Duration.ofMillis(20))
                .stallListener((workerId, sequence, stalledNanos) -> { })
                .handler((task, none, context) ->
                {
                    if (0 == task.value)
                    {
                        release.await(30, TimeUnit.SECONDS);
                    }
                    if (7 == task.value)
                    {
                        throw new AssertionError("an Error fails the pool, on purpose");
                    }
                })
                .failureListener((task, sequence, workerId, cause) -> { })
                .build();
            pool.start();
            for (long i = 0; i < 5; i++)
            {
                pool.publish(VALUE, i);
            }
            awaitTrue("the stall is reported", () -> pool.stalls() >= 1);
            release.countDown();
            pool.publish(VALUE, 7L);
            awaitTrue("the pool failed", () -> pool.state() == PoolState.FAILED);
            for (int i = 0; i < 3; i++)
            {
                assertThrows(RejectedExecutionException.class, () -> pool.publish(VALUE, 8L));
            }
            awaitTrue("the sampler saw the rejections", () -> events.stream()
                .anyMatch(e -> e.getEventType().getName().equals("io.ringpool.RejectedPublishes")));
            pool.halt(LONG);
            awaitTrue("every kind of event arrived", () -> names(events).containsAll(List.of(
                "io.ringpool.Stall", "io.ringpool.Shutdown", "io.ringpool.PoolFailed",
                "io.ringpool.RejectedPublishes")));
        }
        final RecordedEvent stall = first(events, "io.ringpool.Stall");
        assertEquals("recorded", stall.getString("pool"));
        assertEquals(0L, stall.getLong("sequence"));
        assertTrue(stall.getDuration("stalled").toMillis() >= 20);
        final RecordedEvent shutdown = first(events, "io.ringpool.Shutdown");
        assertEquals("FAILED", shutdown.getString("finalState"));
        assertEquals(6L, shutdown.getLong("published"));
        assertTrue(first(events, "io.ringpool.PoolFailed").getString("cause").contains("on purpose"));
        assertEquals(3L, events.stream().filter(e -> e.getEventType().getName().equals("io.ringpool.RejectedPublishes"))
            .mapToLong(e -> e.getLong("notRunning")).sum());
        assertEquals(1L, events.stream().filter(e -> e.getEventType().getName().equals("io.ringpool.Stall")).count(),
            "one stall, one event: nothing per task");
    }

    private static List<String> names(final List<RecordedEvent> events)
    {
        return events.stream().map(e -> e.getEventType().getName()).toList();
    }

    private static RecordedEvent first(final List<RecordedEvent> events, final String name)
    {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).findFirst().orElseThrow();
    }
}
