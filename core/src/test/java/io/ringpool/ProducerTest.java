package io.ringpool;

import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.Fixtures.Result;
import io.ringpool.Fixtures.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.ringpool.Fixtures.VALUE;
import static io.ringpool.Fixtures.assertBalanced;
import static io.ringpool.Fixtures.join;
import static io.ringpool.Fixtures.yielding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProducerTest
{
    private static RingPool<Task, Result> recording(
        final String name, final int ringSize, final ProducerType producerType, final List<Long> values)
    {
        final RingPool<Task, Result> pool = yielding(name, 1, ringSize)
            .producerType(producerType)
            .handler((task, result, context) -> values.add(task.value))
            .pollResults()
            .build();
        pool.start();
        return pool;
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void shouldPublishClaimedTasksInOrderWithConsecutiveHandles(final ProducerType producerType)
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = recording("claims", 16, producerType, values);
        final Producer<Task> producer = pool.producer();
        assertSame(Thread.currentThread(), producer.owner());
        final long shared = pool.producer().claim();
        assertTrue(producer.hasClaim(), "the claim is the thread's, seen by every handle of it");
        producer.abort(shared);

        final long one = producer.claim();
        assertTrue(producer.hasClaim());
        producer.task(one).value = 10;
        assertEquals(1, producer.commit(one));
        assertFalse(producer.hasClaim());

        final long first = producer.claim(5);
        assertEquals(2, first);
        for (int i = 0; i < 5; i++)
        {
            producer.task(first + i).value = 11 + i;
        }
        assertEquals(2, producer.commit(first));

        final long tried = producer.tryClaim(2);
        producer.task(tried).value = 16;
        producer.task(tried + 1).value = 17;
        assertEquals(7, producer.commit(tried));
        final long timed = producer.tryClaim(1, Duration.ofSeconds(1));
        producer.task(timed).value = 18;
        producer.commit(timed);
        assertEquals(10, pool.publish(VALUE, 19L), "a plain publish follows the claims");

        final ShutdownReport<Task, Result> report = pool.drain(Fixtures.LONG);
        assertTrue(report.drained(), report::toString);
        assertBalanced(report);
        assertEquals(10, report.published());
        assertEquals(List.of(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L), values);
        assertEquals(10, report.undeliveredResults().size(), "nobody polled: every outcome is listed");
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void shouldClaimTheWholeRingAtOnce(final ProducerType producerType)
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = recording("whole-ring", 8, producerType, values);
        final Producer<Task> producer = pool.producer();
        final long first = producer.claim(8);
        for (int i = 0; i < 8; i++)
        {
            producer.task(first + i).value = i;
        }
        assertEquals(first, producer.commit(first));
        final ShutdownReport<Task, Result> report = pool.drain(Fixtures.LONG);
        assertTrue(report.drained(), report::toString);
        assertEquals(8, report.published());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L), values);
    }

    @Test
    void shouldRouteCommittedTasksByKey()
    {
        final Map<Long, Integer> workerOfKey = new ConcurrentHashMap<>();
        final List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<RingPool<Task, Result>> self = new AtomicReference<>();
        final RingPool<Task, Result> pool = yielding("keyed-claims", 3, 64)
            .dispatch(Dispatch.KEYED)
            .keyExtractor(task -> task.value % 7)
            .handler((task, result, context) ->
            {
                final int expected = self.get().workerFor(task.value % 7);
                if (context.workerId() != expected)
                {
                    wrong.add("value " + task.value + " ran on worker " + context.workerId() + ", not " + expected);
                }
                workerOfKey.put(task.value % 7, context.workerId());
            })
            .resultHandler((outcome, endOfBatch) -> { })
            .build();
        self.set(pool);
        pool.start();
        final Producer<Task> producer = pool.producer();
        for (int batch = 0; batch < 20; batch++)
        {
            final long first = producer.claim(10);
            for (int i = 0; i < 10; i++)
            {
                producer.task(first + i).value = batch * 10L + i;
            }
            producer.commit(first);
        }
        final ShutdownReport<Task, Result> report = pool.drain(Fixtures.LONG);
        assertTrue(report.drained(), report::toString);
        assertEquals(200, report.completed());
        assertEquals(List.of(), wrong);
        assertEquals(7, workerOfKey.size());
    }

    @Test
    void shouldPublishAnAbortedClaimVoidAndCountIt()
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = recording("abort", 8, ProducerType.SINGLE, values);
        final Producer<Task> producer = pool.producer();
        final long first = producer.claim(3);
        producer.task(first).value = 666;
        producer.abort(first);
        assertFalse(producer.hasClaim());
        final long next = producer.claim();
        assertEquals(first + 3, next, "the aborted slots are used up, void");
        producer.task(next).value = 1;
        producer.commit(next);

        final ShutdownReport<Task, Result> report = pool.drain(Fixtures.LONG);
        assertTrue(report.drained(), report::toString);
        assertBalanced(report);
        assertEquals(1, report.published());
        assertEquals(List.of(1L), values);
        assertEquals(3, pool.metrics().translatorFailures());
    }

    @Test
    void shouldAbortTheClaimWhenTheKeyExtractorThrows()
    {
        final RingPool<Task, Result> pool = yielding("bad-key", 2, 8)
            .dispatch(Dispatch.KEYED)
            .keyExtractor(task ->
            {
                if (task.value < 0)
                {
                    throw new IllegalArgumentException("negative key " + task.value);
                }
                return task.value;
            })
            .handler((task, result, context) -> result.value = task.value)
            .pollResults()
            .build();
        pool.start();
        final Producer<Task> producer = pool.producer();
        final long first = producer.claim(2);
        producer.task(first).value = 1;
        producer.task(first + 1).value = -1;
        final IllegalArgumentException thrown =
            assertThrows(IllegalArgumentException.class, () -> producer.commit(first));
        assertEquals("negative key -1", thrown.getMessage());
        assertFalse(producer.hasClaim(), "the failed commit gave the claim up");
        final long next = producer.claim();
        producer.task(next).value = 5;
        producer.commit(next);
        final ShutdownReport<Task, Result> report = pool.drain(Fixtures.LONG);
        assertTrue(report.drained(), report::toString);
        assertEquals(1, report.published());
        assertEquals(2, pool.metrics().translatorFailures());
    }

    @Test
    void shouldRefuseMisuseWithErrorsThatSayWhatIsWrong() throws Exception
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = recording("misuse", 8, ProducerType.MULTI, values);
        final Producer<Task> producer = pool.producer();

        assertEquals("nothing to commit: no claim is outstanding",
            assertThrows(IllegalStateException.class, () -> producer.commit(0)).getMessage());
        assertEquals("nothing to abort: no claim is outstanding",
            assertThrows(IllegalStateException.class, () -> producer.abort(0)).getMessage());
        assertEquals("count must be in 1..8 (the ring size); was 0",
            assertThrows(IllegalArgumentException.class, () -> producer.claim(0)).getMessage());
        assertEquals("count must be in 1..8 (the ring size); was 9",
            assertThrows(IllegalArgumentException.class, () -> producer.tryClaim(9)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> producer.tryClaim(1, Duration.ofSeconds(-1)));
        assertEquals("sequence 0 is not in the outstanding claim (there is none)",
            assertThrows(IllegalArgumentException.class, () -> producer.task(0)).getMessage());

        final long first = producer.claim(2);
        final String outstanding = "thread '" + Thread.currentThread().getName() + "' holds an uncommitted claim of " +
            "sequences 0..1 from its Producer: commit or abort it before it publishes or claims again";
        assertEquals(outstanding, assertThrows(IllegalStateException.class, producer::claim).getMessage());
        assertEquals(outstanding,
            assertThrows(IllegalStateException.class, () -> pool.publish(VALUE, 1L)).getMessage());
        assertEquals(outstanding, assertThrows(IllegalStateException.class,
            () -> pool.tryPublishBatch(VALUE, new Long[]{1L}, 0, 1)).getMessage());
        assertEquals("sequence 2 is not in the outstanding claim (0..1)",
            assertThrows(IllegalArgumentException.class, () -> producer.task(2)).getMessage());
        assertEquals("commit(1): the outstanding claim is 0..1; pass its first sequence, 0",
            assertThrows(IllegalArgumentException.class, () -> producer.commit(1)).getMessage());

        final AtomicReference<Throwable> fromOther = new AtomicReference<>();
        final Thread other = new Thread(() ->
        {
            try
            {
                producer.commit(first);
            }
            catch (final Throwable ex)
            {
                fromOther.set(ex);
            }
            assertFalse(pool.producer().hasClaim(), "another thread's handle has a claim of its own, none yet");
        }, "other-producer");
        other.start();
        join(other);
        assertInstanceOf(IllegalStateException.class, fromOther.get());
        assertEquals("this Producer belongs to thread '" + Thread.currentThread().getName() + "', not " +
            "'other-producer': each thread gets its own from pool.producer()", fromOther.get().getMessage());

        producer.task(first).value = 1;
        producer.task(first + 1).value = 2;
        producer.commit(first);
        final ShutdownReport<Task, Result> report = pool.drain(Fixtures.LONG);
        assertTrue(report.drained(), report::toString);
        assertEquals(List.of(1L, 2L), values);
    }

    @Test
    void shouldRefuseASecondThreadOfASingleProducerPool() throws Exception
    {
        final RingPool<Task, Result> pool = recording("single", 8, ProducerType.SINGLE, new ArrayList<>());
        pool.producer();
        final AtomicReference<Throwable> thrown = new AtomicReference<>();
        final Thread second = new Thread(() ->
        {
            try
            {
                pool.producer();
            }
            catch (final Throwable ex)
            {
                thrown.set(ex);
            }
        });
        second.start();
        join(second);
        assertInstanceOf(IllegalStateException.class, thrown.get());
        pool.halt(Fixtures.LONG);
    }

    @Test
    void shouldReturnMinusOneFromTryClaimOnAFullRingAndTimeOut()
    {
        final CountDownLatch release = new CountDownLatch(1);
        final RingPool<Task, Result> pool = yielding("full-claims", 1, 4)
            .handler((task, result, context) -> release.await(30, TimeUnit.SECONDS))
            .pollResults()
            .build();
        pool.start();
        final Producer<Task> producer = pool.producer();
        int claimed = 0;
        long first;
        while ((first = producer.tryClaim()) >= 0)
        {
            producer.commit(first);
            claimed++;
            assertTrue(claimed <= 5, "a ring of 4 plus the task in hand cannot hold more");
        }
        assertFalse(producer.hasClaim(), "a claim that found no room holds nothing");
        assertEquals(-1, producer.tryClaim(1, Duration.ZERO), "a zero timeout tries once");
        final long started = System.nanoTime();
        assertEquals(-1, producer.tryClaim(1, Duration.ofMillis(50)));
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(50));
        release.countDown();
        final ShutdownReport<Task, Result> report = pool.drain(Fixtures.LONG);
        assertTrue(report.drained(), report::toString);
        assertEquals(claimed, report.published());
    }

    @Test
    void shouldRejectACommitAfterTheDrainBeganAndNotWaitForIt()
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = recording("late-commit", 8, ProducerType.SINGLE, values);
        final Producer<Task> producer = pool.producer();
        final long done = producer.claim();
        producer.task(done).value = 1;
        producer.commit(done);
        Fixtures.awaitTrue("the committed task ran", () -> values.size() == 1);
        final long late = producer.claim(2);
        producer.task(late).value = 2;

        final ShutdownReport<Task, Result> report = pool.drain(Duration.ZERO);
        assertBalanced(report);
        assertEquals(1, report.published(), "an uncommitted claim was never accepted");

        final RejectedExecutionException rejected =
            assertThrows(RejectedExecutionException.class, () -> producer.commit(late));
        assertTrue(rejected.getMessage().contains("it accepts tasks only while RUNNING"), rejected.getMessage());
        assertFalse(producer.hasClaim());
        assertThrows(RejectedExecutionException.class, producer::claim);
        assertEquals(List.of(1L), values);
    }

    @ParameterizedTest
    @EnumSource(ProducerType.class)
    void shouldVoidTheClaimOfAThreadThatEndedHoldingIt(final ProducerType producerType)
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = recording("orphan", 8, producerType, values);
        final Thread careless = new Thread(() ->
        {
            final Producer<Task> producer = pool.producer();
            final long first = producer.claim(2);
            producer.task(first).value = 666;
        }, "careless-producer");
        careless.start();
        join(careless);

        assertEquals(2, pool.publish(VALUE, 7L), "the next producer publishes after the orphaned slots");
        final ShutdownReport<Task, Result> report = pool.drain(Fixtures.LONG);
        assertTrue(report.drained(), report::toString);
        assertBalanced(report);
        assertEquals(1, report.published());
        assertEquals(List.of(7L), values);
        assertEquals(2, pool.metrics().translatorFailures());
    }

    @Test
    void shouldVoidTheOrphanedClaimForAProducerThatWaitsForRoomBehindIt()
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = yielding("orphan-behind", 1, 8)
            .producerType(ProducerType.MULTI)
            .handler((task, result, context) -> values.add(task.value))
            .resultHandler((outcome, endOfBatch) -> { })
            .build();
        pool.start();
        assertEquals(0, pool.publish(VALUE, 0L), "this thread is a registered producer before the orphan exists");
        final Thread careless = new Thread(() -> pool.producer().claim(1), "careless-producer");
        careless.start();
        join(careless);
        for (long i = 1; i <= 20; i++)
        {
            // The workers wait at the orphaned slot, so the ring fills; the waiting publish voids the orphan.
            assertTrue(pool.tryPublish(VALUE, i, 10, TimeUnit.SECONDS) >= 0, "publish " + i + " found no room");
        }
        final ShutdownReport<Task, Result> report = pool.drain(Fixtures.LONG);
        assertTrue(report.drained(), report::toString);
        assertBalanced(report);
        assertEquals(21, report.published());
        assertEquals(21, values.size());
        assertEquals(1, pool.metrics().translatorFailures());
    }

    @Test
    void shouldRunTasksPublishedBehindAnOpenClaimOnceItsLateCommitIsRejected() throws Exception
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = recording("behind-open", 8, ProducerType.MULTI, values);
        final CountDownLatch claimed = new CountDownLatch(1);
        final AtomicReference<Throwable> commitThrew = new AtomicReference<>();
        final Thread holder = new Thread(() ->
        {
            final Producer<Task> producer = pool.producer();
            final long first = producer.claim();
            producer.task(first).value = 666;
            claimed.countDown();
            Fixtures.awaitTrue("the drain began", () -> pool.state() != PoolState.RUNNING);
            try
            {
                producer.commit(first);
            }
            catch (final Throwable ex)
            {
                commitThrew.set(ex);
            }
        }, "holder");
        holder.start();
        assertTrue(claimed.await(10, TimeUnit.SECONDS));
        pool.publish(VALUE, 7L);

        final ShutdownReport<Task, Result> report = pool.drain(Fixtures.LONG);
        join(holder);
        assertInstanceOf(RejectedExecutionException.class, commitThrew.get());
        assertTrue(report.drained(), report::toString);
        assertBalanced(report);
        assertEquals(1, report.published());
        assertEquals(List.of(7L), values, "the task behind the claim ran once the rejected claim was voided");
    }

    @Test
    void shouldReturnTasksPublishedBehindAClaimThatStaysOpenWhenTheDrainRunsOut() throws Exception
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = recording("behind-stuck", 8, ProducerType.MULTI, values);
        final CountDownLatch claimed = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread holder = new Thread(() ->
        {
            final Producer<Task> producer = pool.producer();
            final long first = producer.claim();
            claimed.countDown();
            try
            {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            producer.abort(first);
        }, "holder");
        holder.start();
        assertTrue(claimed.await(10, TimeUnit.SECONDS));
        final long behind = pool.publish(VALUE, 7L);

        final ShutdownReport<Task, Result> report = pool.drain(Duration.ofMillis(100));
        release.countDown();
        join(holder);
        assertFalse(report.drained(), report::toString);
        assertBalanced(report);
        assertEquals(1, report.published());
        assertEquals(1, report.returned());
        assertEquals(behind, report.returnedTasks().get(0).sequence());
        assertEquals(List.of(), values);
    }

    @Test
    void shouldLetADrainFinishWhenTheOnlyProducerEndedHoldingAClaim()
    {
        final List<Long> values = Collections.synchronizedList(new ArrayList<>());
        final RingPool<Task, Result> pool = recording("orphan-drain", 8, ProducerType.MULTI, values);
        pool.publish(VALUE, 1L);
        final Thread careless = new Thread(() -> pool.producer().claim(3), "careless-producer");
        careless.start();
        join(careless);
        final ShutdownReport<Task, Result> report = pool.drain(Fixtures.LONG);
        assertTrue(report.drained(), report::toString);
        assertBalanced(report);
        assertEquals(1, report.published());
        assertEquals(List.of(1L), values);
    }

    @Test
    void shouldLeaveNoPoolReachableFromAProducerThreadThatUsedIt() throws Exception
    {
        // A task object lives in the pool's ring for the pool's whole life: if it stays reachable, so does the ring.
        final java.lang.ref.WeakReference<Task> weak = usedAndDrained();
        for (int i = 0; i < 100 && null != weak.get(); i++)
        {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(null == weak.get(), "a drained MULTI pool that this thread produced into is still reachable");
    }

    private static java.lang.ref.WeakReference<Task> usedAndDrained()
    {
        final RingPool<Task, Result> pool = recording("collectable", 8, ProducerType.MULTI, new ArrayList<>());
        final Producer<Task> producer = pool.producer();
        final long first = producer.claim();
        final Task task = producer.task(first);
        task.value = 1;
        producer.commit(first);
        pool.publish(VALUE, 2L);
        assertTrue(pool.drain(Fixtures.LONG).drained());
        return new java.lang.ref.WeakReference<>(task);
    }
}
