package io.ringpool;

import com.lmax.disruptor.EventTranslatorOneArg;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Task and result types, translators, and bounded waits shared by the tests.
 */
final class Fixtures
{
    static final Duration LONG = Duration.ofSeconds(20);

    static final EventTranslatorOneArg<Task, Long> VALUE = (task, sequence, value) -> task.value = value;

    private Fixtures()
    {
    }

    /** A task: one value, and a latch-free way for a handler to know what it is. */
    static final class Task
    {
        long value;

        @Override
        public String toString()
        {
            return "Task{" + value + '}';
        }
    }

    /** A result: the task's value, doubled, and who made it. */
    static final class Result
    {
        long value;
        int worker;
    }

    /** A failure listener that keeps what it is told. */
    static final class RecordingListener implements FailureListener<Task>
    {
        final List<Long> failedSequences = Collections.synchronizedList(new ArrayList<>());
        final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        final List<Throwable> resultFailures = Collections.synchronizedList(new ArrayList<>());
        final List<String> lifecycleFailures = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onTaskFailure(final Task task, final long sequence, final int workerId, final Throwable cause)
        {
            failedSequences.add(sequence);
            failures.add(cause);
        }

        @Override
        public void onResultFailure(final long taskSequence, final Throwable cause)
        {
            resultFailures.add(cause);
        }

        @Override
        public void onLifecycleFailure(final String threadName, final Throwable cause)
        {
            lifecycleFailures.add(threadName + ": " + cause);
        }
    }

    /** A builder with results and yielding waits, the usual test setup. */
    static RingPoolBuilder<Task, Result> yielding(final String name, final int workers, final int ringSize)
    {
        return RingPool.builder(Task::new, Result::new)
            .name(name)
            .workers(workers)
            .ringSize(ringSize)
            .waitPolicy(WaitPolicy.YIELDING)
            .idleStrategy(org.agrona.concurrent.BackoffIdleStrategy::new);
    }

    /** Waits for a condition with a deadline; fails the test with {@code what} if it does not hold in time. */
    static void awaitTrue(final String what, final BooleanSupplier condition)
    {
        awaitTrue(what, condition, LONG);
    }

    static void awaitTrue(final String what, final BooleanSupplier condition, final Duration bound)
    {
        final long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline >= 0)
            {
                fail("timed out after " + bound + " waiting for: " + what);
            }
            try
            {
                TimeUnit.MICROSECONDS.sleep(200);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for: " + what);
            }
        }
    }

    /** Checks the report's invariant term by term, so a failure says which term is off. */
    static void assertBalanced(final ShutdownReport<?, ?> report)
    {
        assertEquals(report.published(),
            report.completed() + report.failed() + report.cancelled() + report.expired() + report.returned() +
                report.abandoned(),
            () -> "published != completed + failed + cancelled + expired + returned + abandoned in " + report);
        assertTrue(report.isBalanced(), report::toString);
    }

    /** Joins a thread with a bound; fails if it does not end. */
    static void join(final Thread thread)
    {
        join(thread, LONG);
    }

    /** Joins a thread with a given bound; fails if it does not end. */
    static void join(final Thread thread, final Duration bound)
    {
        try
        {
            thread.join(bound.toMillis());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive())
        {
            fail("thread " + thread.getName() + " did not end within " + bound);
        }
    }
}
