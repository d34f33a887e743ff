package io.ringpool;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.ringpool.Fixtures.Result;
import io.ringpool.Fixtures.Task;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ringpool.Fixtures.VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One choice for every wait of a pool, and the raw knobs that override it. */
class WaitPolicyTest
{
    @Test
    void shouldPairEachRingWaitWithTheMatchingIdleStrategy()
    {
        assertInstanceOf(BlockingWaitStrategy.class, WaitPolicy.BLOCKING.newWaitStrategy());
        assertInstanceOf(BackoffIdleStrategy.class, WaitPolicy.BLOCKING.newIdleStrategy());
        assertInstanceOf(SleepingWaitStrategy.class, WaitPolicy.SLEEPING.newWaitStrategy());
        assertInstanceOf(BackoffIdleStrategy.class, WaitPolicy.SLEEPING.newIdleStrategy());
        assertInstanceOf(YieldingWaitStrategy.class, WaitPolicy.YIELDING.newWaitStrategy());
        assertInstanceOf(YieldingIdleStrategy.class, WaitPolicy.YIELDING.newIdleStrategy());
        assertInstanceOf(BusySpinWaitStrategy.class, WaitPolicy.BUSY_SPIN.newWaitStrategy());
        assertInstanceOf(BusySpinIdleStrategy.class, WaitPolicy.BUSY_SPIN.newIdleStrategy());
        assertNotSame(WaitPolicy.YIELDING.newWaitStrategy(), WaitPolicy.YIELDING.newWaitStrategy(),
            "one strategy per ring: they keep state");
        assertEquals("YIELDING", WaitPolicy.YIELDING.toString());
    }

    @Test
    void shouldRefuseACustomPolicyWithMissingParts()
    {
        assertThrows(NullPointerException.class, () -> WaitPolicy.custom(null, YieldingWaitStrategy::new,
            YieldingIdleStrategy::new));
        assertThrows(NullPointerException.class, () -> WaitPolicy.custom("x", null, YieldingIdleStrategy::new));
        assertThrows(NullPointerException.class, () -> WaitPolicy.custom("x", YieldingWaitStrategy::new, null));
        final WaitPolicy broken = WaitPolicy.custom("broken", () -> null, () -> null);
        final NullPointerException thrown = assertThrows(NullPointerException.class, broken::newWaitStrategy);
        assertTrue(thrown.getMessage().contains("wait policy broken made a null WaitStrategy"), thrown.getMessage());
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void shouldGiveBothRingsAndEveryOtherWaitThePolicysStrategiesUnlessAKnobOverridesOne()
    {
        final AtomicInteger ringWaits = new AtomicInteger();
        final AtomicInteger idleWaits = new AtomicInteger();
        final WaitPolicy counting = WaitPolicy.custom("counting",
            () ->
            {
                ringWaits.incrementAndGet();
                return new YieldingWaitStrategy();
            },
            () ->
            {
                idleWaits.incrementAndGet();
                return new YieldingIdleStrategy();
            });

        final RingPool<Task, Result> both = RingPool.builder(Task::new, Result::new)
            .name("policy").workers(2).ringSize(16).waitPolicy(counting)
            .handler((task, result, context) -> result.value = task.value)
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .build();
        assertEquals(2, ringWaits.get(), "the task ring and the result ring");
        both.start();
        for (long i = 0; i < 100; i++)
        {
            both.publish(VALUE, i);
        }
        assertEquals(100, both.drain(Duration.ofSeconds(10)).completed());
        assertTrue(idleWaits.get() >= 2, "each worker's wait for result-ring room: " + idleWaits.get());

        ringWaits.set(0);
        idleWaits.set(0);
        RingPool.builder(Task::new, Result::new)
            .name("override").workers(2).ringSize(16).waitPolicy(counting)
            .waitStrategy(new BlockingWaitStrategy())
            .idleStrategy(BackoffIdleStrategy::new)
            .handler((task, result, context) -> result.value = task.value)
            .resultHandler((outcome, endOfBatch) ->
            {
            })
            .build();
        assertEquals(1, ringWaits.get(), "the task ring's wait strategy was given: only the result ring's is the policy's");
        assertEquals(0, idleWaits.get(), "idleStrategy was given: the policy makes none");
    }
}
