package io.ringpool;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.ringpool.ExecutorFixtures.WAIT_S;
import static io.ringpool.ExecutorFixtures.await;
import static io.ringpool.ExecutorFixtures.builder;
import static io.ringpool.ExecutorFixtures.join;
import static io.ringpool.ExecutorFixtures.terminate;
import static io.ringpool.ExecutorFixtures.valueOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Key-ordered execution: {@link RingPoolExecutor#execute(long, Runnable)} and
 * {@link RingPoolExecutor#submit(long, java.util.concurrent.Callable)} on a keyed executor.
 */
class RingPoolExecutorKeyedTest
{
    private static final int KEYS = 8;
    private static final int PER_KEY = 2_000;

    /** What one key's tasks saw: written only by the tasks of that key, which run one at a time. */
    private static final class KeyLog
    {
        final long[] order = new long[PER_KEY];
        final String[] threads = new String[PER_KEY];
        int size;
        boolean overlapped;
        boolean running;
    }

    @Test
    void shouldRunTheTasksOfOneKeyInOrderOnOneWorker() throws Exception
    {
        final RingPoolExecutor executor = builder("keyed", 4).keyed().ringSize(256).build();
        try
        {
            final KeyLog[] logs = new KeyLog[KEYS];
            for (int k = 0; k < KEYS; k++)
            {
                logs[k] = new KeyLog();
            }
            // Two producers, each with its own keys, so that each key's order is its producer's program order.
            final List<Thread> producers = new ArrayList<>();
            final CountDownLatch go = new CountDownLatch(1);
            for (int p = 0; p < 2; p++)
            {
                final int producer = p;
                final Thread thread = new Thread(() ->
                {
                    await(go, "the start");
                    for (int i = 0; i < PER_KEY * (KEYS / 2); i++)
                    {
                        final int key = producer + 2 * (i % (KEYS / 2));
                        final long index = i / (KEYS / 2);
                        final KeyLog log = logs[key];
                        executor.execute(key, () -> record(log, index));
                    }
                }, "producer-" + p);
                producers.add(thread);
                thread.start();
            }
            go.countDown();
            for (final Thread thread : producers)
            {
                join(thread);
            }
            executor.shutdown();
            assertTrue(executor.awaitTermination(WAIT_S, TimeUnit.SECONDS));
            // Termination (every worker thread joined) orders every task's writes before these reads.
            for (int key = 0; key < KEYS; key++)
            {
                final KeyLog log = logs[key];
                assertEquals(PER_KEY, log.size, "tasks run for key " + key);
                for (int i = 0; i < log.size; i++)
                {
                    assertEquals(i, log.order[i], "key " + key + " ran out of order at " + i);
                    assertEquals("keyed-worker-" + executor.workerFor(key), log.threads[i],
                        "key " + key + " ran on its own worker");
                }
                assertFalse(log.overlapped, "two tasks of key " + key + " overlapped");
            }
        }
        finally
        {
            terminate(executor);
        }
    }

    private static void record(final KeyLog log, final long index)
    {
        if (log.running)
        {
            log.overlapped = true;
        }
        log.running = true;
        log.order[log.size] = index;
        log.threads[log.size] = Thread.currentThread().getName();
        log.size++;
        log.running = false;
    }

    @Test
    void shouldCompleteKeyedSubmissionsInKeyOrder() throws Exception
    {
        final RingPoolExecutor executor = builder("keyed-submit", 2).keyed().build();
        try
        {
            final StringBuilder seen = new StringBuilder();
            final List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++)
            {
                final int value = i;
                futures.add(executor.submit(42L, () ->
                {
                    seen.append(value).append(',');
                    return value;
                }));
            }
            final StringBuilder expected = new StringBuilder();
            for (int i = 0; i < futures.size(); i++)
            {
                assertEquals(i, valueOf(futures.get(i)));
                expected.append(i).append(',');
            }
            // get() of the last task orders every earlier task of the key (same worker, in order) before this read.
            assertEquals(expected.toString(), seen.toString());
            assertTrue(executor.isKeyed());
            // Tasks without a key still run.
            assertEquals("unkeyed", valueOf(executor.submit(() -> "unkeyed")));
        }
        finally
        {
            terminate(executor);
        }
    }
}
