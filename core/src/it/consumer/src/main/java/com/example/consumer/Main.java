package com.example.consumer;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.ringpool.OutcomeStatus;
import io.ringpool.RingPool;
import io.ringpool.ShutdownReport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A program outside the ringpool build: squares numbers on four workers, fails every thousandth on purpose, collects
 * the outcomes and checks that the shutdown report accounts for every task. Exits 1 when anything is off.
 */
public final class Main
{
    static final class Task
    {
        long value;
    }

    static final class Square
    {
        long value;
    }

    private static final EventTranslatorOneArg<Task, Long> FROM_VALUE = (task, sequence, value) -> task.value = value;

    public static void main(final String[] args)
    {
        final int tasks = 100_000;
        final AtomicLong sum = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong failuresReported = new AtomicLong();

        final RingPool<Task, Square> pool = RingPool.builder(Task::new, Square::new)
            .name("consumer")
            .workers(4)
            .ringSize(1024)
            .handler((task, result, context) ->
            {
                if (task.value % 1000 == 999)
                {
                    throw new IllegalStateException("fails on purpose: " + task.value);
                }
                result.value = task.value * task.value;
            })
            .resultHandler((outcome, endOfBatch) ->
            {
                if (OutcomeStatus.COMPLETED == outcome.status())
                {
                    sum.addAndGet(outcome.result().value);
                }
                else if (OutcomeStatus.FAILED == outcome.status())
                {
                    failures.incrementAndGet();
                }
            })
            .failureListener((task, sequence, workerId, cause) -> failuresReported.incrementAndGet())
            .build();
        pool.start();

        for (long i = 0; i < tasks; i++)
        {
            pool.publish(FROM_VALUE, i);
        }
        final ShutdownReport<Task, Square> report = pool.drain(Duration.ofSeconds(30));

        long expectedSum = 0;
        for (long i = 0; i < tasks; i++)
        {
            expectedSum += i % 1000 == 999 ? 0 : i * i;
        }
        final boolean ok = report.drained() && report.isBalanced() && tasks == report.published() &&
            tasks / 1000 == report.failed() && tasks / 1000 == failures.get() &&
            tasks / 1000 == failuresReported.get() && expectedSum == sum.get();

        System.out.println("ringpool consumer: " + report);
        System.out.println("ringpool consumer: sum " + sum.get() + " (expected " + expectedSum + "), failures " +
            failures.get() + " -> " + (ok ? "OK" : "WRONG"));
        System.exit(ok ? 0 : 1);
    }
}
