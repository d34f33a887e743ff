package io.ringpool;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.Fixtures.Result;
import io.ringpool.Fixtures.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import static io.ringpool.Fixtures.LONG;
import static io.ringpool.Fixtures.VALUE;
import static io.ringpool.Fixtures.awaitTrue;
import static io.ringpool.Fixtures.yielding;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The exactness contract of shutdown accounting (README, "Guarantees"; docs/protocol.md): every accepted task ends in exactly one place (an
 * outcome handed to the result consumer, {@code undeliveredResults}, {@code returnedTasks} or
 * {@code abandonedTasks}), and the report's counts equal the sizes and statuses of those places.
 * <p>
 * One test (at least) per item of the contract. The race tests run a bounded number of rounds, each on a fresh
 * pool, and stop at the first round that breaks the contract with a message that names the task, where it was
 * found (or not found), the round's shape and seed, and the report.
 */
class ExactnessTest
{
    private static final int MAX_ROUNDS = 300;
    private static final int MAX_LISTED = 12;
    /** How long a deterministic test waits for the pool's threads to end once nothing holds them. */
    private static final Duration THREADS_END = Duration.ofSeconds(5);
    /** Longs between two producers' cells: two cache lines. */
    private static final int PAD = 16;

    // ------------------------------------------------------------------------------------------------------- item 1

    @ParameterizedTest(name = "{0} order")
    @EnumSource(ResultOrder.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldListEveryCancelledTaskThatAHaltSettlesAsACancelledOutcome(final ResultOrder order)
    {
        final Ledger ledger = new Ledger();
        final RingPool<Task, Result> pool = yielding("exact-cancel-" + order, 1, 1024)
            .cancellable()
            .resultOrder(order)
            .handler((task, result, context) ->
            {
                spinMicros(20);
                result.value = task.value;
            })
            .resultHandler((outcome, endOfBatch) -> ledger.deliver(outcome))
            .threadFactory(ledger.threadFactory())
            .stallThreshold(Duration.ZERO)
            .build();
        pool.start();
        final List<Long> handles = new ArrayList<>();
        final List<Long> cancelled = new ArrayList<>();
        for (long i = 0; i < 5_000; i++)
        {
            final long handle = pool.publish(VALUE, i);
            handles.add(handle);
            if (i % 10 == 0 && pool.cancel(handle))
            {
                cancelled.add(handle);
            }
        }
        final long backlog = pool.ringSize() - pool.remainingCapacity();
        final ShutdownReport<Task, Result> report = pool.halt(Duration.ofSeconds(5));
        assertTrue(ledger.awaitThreadsEnd(THREADS_END), "every pool thread ends after the halt");
        assertTrue(backlog >= 100, "the halt must meet a deep backlog; it met " + backlog + " tasks");

        final List<String> problems = new ArrayList<>();
        final Map<Long, List<OutcomeStatus>> outcomes = outcomesBySequence(ledger.delivered, report);
        int withoutOutcome = 0;
        for (final long handle : cancelled)
        {
            final List<OutcomeStatus> found = outcomes.getOrDefault(handle, List.of());
            final long cancelledOutcomes = found.stream().filter(s -> s == OutcomeStatus.CANCELLED).count();
            if (cancelledOutcomes != 1 || found.size() != 1)
            {
                withoutOutcome++;
                problems.add("task " + handle + ": cancel returned true, so it must have exactly one CANCELLED " +
                    "outcome (delivered or in undeliveredResults); found " + found +
                    (isReturned(report, handle) ? " and it was returned" : ""));
            }
        }
        if (report.cancelled() != cancelled.size())
        {
            problems.add("report.cancelled() is " + report.cancelled() + " but " + cancelled.size() +
                " cancels returned true");
        }
        problems.addAll(exactnessProblems(handles, ledger, report));
        failIf(problems, order + " order, " + cancelled.size() + " tasks cancelled, backlog " + backlog +
            " at the halt, " + withoutOutcome + " cancelled tasks without their CANCELLED outcome", report);
    }

    // ------------------------------------------------------------------------------------------------------- item 2

    @ParameterizedTest(name = "{0} producer")
    @EnumSource(ProducerType.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldAccountForEveryHandleWhenAZeroBoundHaltRacesBusyProducers(final ProducerType producerType)
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final int producers = producerType == ProducerType.SINGLE ? 1 : 3;
        final int perProducer = 50_000;
        // A large ring and more tasks than a round has time for: a halt finds the producers mid-publish. Two rounds
        // in three run with interruptGrace(ZERO), the third with the default grace.
        rounds("halt(PT0S) racing " + producers + " " + producerType + " producer(s), seed " + seed,
            Duration.ofSeconds(6), round ->
        {
            final boolean zeroGrace = round % 3 != 2;
            final AtomicIntegerArray ran = new AtomicIntegerArray(producers * perProducer + 64);
            final Ledger ledger = new Ledger();
            final RingPoolBuilder<Task, Void> builder = RingPool.builder(Task::new)
                .name("exact-publish-" + round)
                .workers(2)
                .ringSize(65_536)
                .producerType(producerType)
                .waitStrategy(new YieldingWaitStrategy())
                .handler((task, none, context) -> ran.incrementAndGet((int)context.sequence()))
                .threadFactory(ledger.threadFactory())
                .stallThreshold(Duration.ZERO);
            if (zeroGrace)
            {
                builder.interruptGrace(Duration.ZERO);
            }
            final RingPool<Task, Void> pool = builder.build();
            pool.start();

            // Each producer announces its count in its own padded cell: no shared counter slows the publishes down.
            final AtomicLongArray acceptedBy = new AtomicLongArray(producers * PAD);
            final long[][] handlesOf = new long[producers][perProducer];
            final int[] countOf = new int[producers];
            final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
            final List<Thread> producerThreads = new ArrayList<>();
            for (int p = 0; p < producers; p++)
            {
                final int id = p;
                final Thread producer = new Thread(() ->
                {
                    int accepted = 0;
                    try
                    {
                        while (accepted < perProducer)
                        {
                            handlesOf[id][accepted] = pool.publish(VALUE, (long)accepted);
                            accepted++;
                            acceptedBy.lazySet(id * PAD, accepted);
                        }
                    }
                    catch (final RejectedExecutionException expected)
                    {
                        // the halt stopped this producer: its last publish was not accepted
                    }
                    catch (final Throwable ex)
                    {
                        unexpected.add(ex);
                    }
                    finally
                    {
                        countOf[id] = accepted;
                    }
                }, "exact-producer-" + round + "-" + p);
                producer.setDaemon(true);
                producerThreads.add(producer);
            }
            producerThreads.forEach(Thread::start);
            final long haltAfter = random.nextInt(4_000);
            awaitTrue("producers accepted " + haltAfter + " tasks",
                () -> sum(acceptedBy) >= haltAfter || producerThreads.stream().noneMatch(Thread::isAlive));

            final ShutdownReport<Task, Void> report = pool.halt(Duration.ZERO);
            producerThreads.forEach(Fixtures::join);
            if (!ledger.awaitThreadsEnd(THREADS_END))
            {
                return "a pool thread did not end; report " + report;
            }
            if (!unexpected.isEmpty())
            {
                return "a producer failed with " + unexpected.peek() + "; report " + report;
            }

            final List<String> problems = countsOnlyProblems(handlesOf, countOf, ran, report);
            return problems.isEmpty() ? null : describe(problems, "interruptGrace " +
                (zeroGrace ? "ZERO" : "default") + ", halt after " + haltAfter + " accepted", report);
        });
    }

    // ------------------------------------------------------------------------------------------------------- item 3

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldPlaceEveryTaskExactlyOnceWhenZeroGraceShutdownsRaceBusyWorkersOnATinyResultRing()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        assertDoesNotThrow(() -> tinyResultRing("exact-busy-check", new Ledger()).build(),
            "the builder accepts resultRingSize(2) with 3 workers and interruptGrace(ZERO)");
        final String[] endings = { "halt(0 ms)", "halt(1 ms)", "drain(1 ms)" };
        rounds("zero-grace shutdowns racing 3 busy workers on a 2-entry result ring, seed " + seed,
            Duration.ofSeconds(4), round ->
            {
                final Ledger ledger = new Ledger();
                final RingPool<Task, Result> pool = tinyResultRing("exact-busy-" + round, ledger).build();
                pool.start();
                final List<Long> handles = new ArrayList<>();
                for (long i = 0; i < 256; i++)
                {
                    handles.add(pool.publish(VALUE, i));
                }
                final int deliveredFirst = random.nextInt(48);
                awaitTrue(deliveredFirst + " outcomes delivered", () -> ledger.delivered.size() >= deliveredFirst);
                final String ending = endings[random.nextInt(endings.length)];
                final ShutdownReport<Task, Result> report;
                switch (ending)
                {
                    case "halt(0 ms)":
                        report = pool.halt(Duration.ZERO);
                        break;
                    case "halt(1 ms)":
                        report = pool.halt(Duration.ofMillis(1));
                        break;
                    default:
                        report = pool.drain(Duration.ofMillis(1));
                        break;
                }
                if (!ledger.awaitThreadsEnd(THREADS_END))
                {
                    return ending + ": a pool thread did not end; report " + report;
                }
                final List<String> problems = exactnessProblems(handles, ledger, report);
                return problems.isEmpty() ? null :
                    describe(problems, ending + " after " + deliveredFirst + " deliveries", report);
            });
    }

    private static RingPoolBuilder<Task, Result> tinyResultRing(final String name, final Ledger ledger)
    {
        // The default wait strategies: publishing an outcome then signals the collector under a lock.
        return RingPool.builder(Task::new, Result::new)
            .name(name)
            .workers(3)
            .ringSize(256)
            .resultRingSize(2)
            .interruptGrace(Duration.ZERO)
            .handler((task, result, context) ->
            {
                if (task.value % 5 == 0)
                {
                    throw new IllegalStateException("deliberate failure of task value " + task.value);
                }
                result.value = task.value;
            })
            .resultHandler((outcome, endOfBatch) -> ledger.deliver(outcome))
            .failureListener((task, sequence, workerId, cause) ->
            {
            })
            .threadFactory(ledger.threadFactory())
            .stallThreshold(Duration.ZERO);
    }

    // ------------------------------------------------------------------------------------------------------- item 4

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldHandEachOutcomeToThePollerOrListItUndeliveredNeverBothWhenAShutdownRacesThePoller()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        rounds("a drain or halt (bound 0..2 ms) racing a polling thread, seed " + seed, Duration.ofSeconds(4), round ->
        {
            final Ledger ledger = new Ledger();
            final RingPool<Task, Result> pool = yielding("exact-poll-" + round, 2, 256)
                .handler((task, result, context) -> result.value = task.value)
                .pollResults()
                .threadFactory(ledger.threadFactory())
                .stallThreshold(Duration.ZERO)
                .build();
            pool.start();
            final ResultPoller<Result> poller = pool.resultPoller();
            final Queue<String> late = new ConcurrentLinkedQueue<>();
            final AtomicBoolean polling = new AtomicBoolean();
            final Thread pollerThread = new Thread(() ->
            {
                final long giveUpAt = System.nanoTime() + LONG.toNanos();
                int pollsAfterReport = 0;
                while (pollsAfterReport < 3 && System.nanoTime() - giveUpAt < 0)
                {
                    final boolean reportMade = pool.report().isPresent();
                    final EventPoller.PollState state = poller.poll((outcome, endOfBatch) ->
                    {
                        if (reportMade)
                        {
                            late.add("task " + outcome.taskSequence() + " (" + outcome.status() + ")");
                        }
                        ledger.deliver(outcome);
                        return true;
                    });
                    polling.set(true);
                    if (reportMade)
                    {
                        pollsAfterReport++;
                        if (state != EventPoller.PollState.IDLE)
                        {
                            late.add("a poll after the report returned " + state);
                        }
                    }
                    else if (state == EventPoller.PollState.IDLE)
                    {
                        Thread.yield();
                    }
                }
            }, "exact-poller-" + round);
            pollerThread.setDaemon(true);
            pollerThread.start();
            awaitTrue("the poller polls", polling::get);

            final List<Long> handles = new ArrayList<>();
            for (long i = 0; i < 256; i++)
            {
                handles.add(pool.publish(VALUE, i));
            }
            final Duration bound = Duration.ofNanos(random.nextInt(2_000_001));
            final boolean halt = random.nextBoolean();
            final String ending = (halt ? "halt(" : "drain(") + bound.toNanos() / 1_000 + " us)";
            final ShutdownReport<Task, Result> report = halt ? pool.halt(bound) : pool.drain(bound);
            Fixtures.join(pollerThread);
            if (!ledger.awaitThreadsEnd(THREADS_END))
            {
                return ending + ": a pool thread did not end; report " + report;
            }

            final List<String> problems = new ArrayList<>();
            for (final String outcome : late)
            {
                problems.add("after the report was made, the poller was handed " + outcome);
            }
            final List<String> afterwards = new ArrayList<>();
            final EventPoller.PollState finalPoll = poller.poll((outcome, endOfBatch) ->
            {
                afterwards.add("task " + outcome.taskSequence());
                return true;
            });
            if (finalPoll != EventPoller.PollState.IDLE || !afterwards.isEmpty())
            {
                problems.add("a poll once every thread had stopped returned " + finalPoll + " and handed out " +
                    afterwards);
            }
            problems.addAll(exactnessProblems(handles, ledger, report));
            return problems.isEmpty() ? null : describe(problems, ending, report);
        });
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldWaitInADrainFromAnotherThreadUntilThePollerHasTakenEveryOutcome() throws InterruptedException
    {
        final Ledger ledger = new Ledger();
        final RingPool<Task, Result> pool = yielding("exact-poll-drain", 2, 1024)
            .handler((task, result, context) -> result.value = task.value)
            .pollResults()
            .threadFactory(ledger.threadFactory())
            .build();
        pool.start();
        final ResultPoller<Result> poller = pool.resultPoller();
        final AtomicBoolean stop = new AtomicBoolean();
        // The rule is about a thread that has polled: the drain must not start before this one's first poll.
        final CountDownLatch polled = new CountDownLatch(1);
        final Thread pollerThread = new Thread(() ->
        {
            while (!stop.get())
            {
                final EventPoller.PollState state = poller.poll((outcome, endOfBatch) ->
                {
                    ledger.deliver(outcome);
                    spinMicros(20);
                    return true;
                });
                polled.countDown();
                if (state == EventPoller.PollState.IDLE)
                {
                    Thread.yield();
                }
            }
        }, "exact-poll-drain-poller");
        pollerThread.setDaemon(true);
        pollerThread.start();
        try
        {
            assertTrue(polled.await(LONG.toMillis(), TimeUnit.MILLISECONDS), "the poller polled");
            final List<Long> handles = new ArrayList<>();
            for (long i = 0; i < 2_000; i++)
            {
                handles.add(pool.publish(VALUE, i));
            }
            final ShutdownReport<Task, Result> report = pool.drain(Duration.ofSeconds(20));
            final int polledAtReport = ledger.delivered.size();
            stop.set(true);
            Fixtures.join(pollerThread);
            assertTrue(ledger.awaitThreadsEnd(THREADS_END), "every pool thread ends after the drain");

            final List<String> problems = new ArrayList<>();
            if (!report.drained())
            {
                problems.add("the drain did not end drained");
            }
            if (report.undelivered() != 0)
            {
                problems.add("a drain from a thread that does not poll must wait until the poller has taken " +
                    "every outcome, yet undeliveredResults holds " + report.undelivered() + " outcomes (the poller " +
                    "had taken " + polledAtReport + " of " + handles.size() + " when the drain returned)");
            }
            problems.addAll(exactnessProblems(handles, ledger, report));
            failIf(problems, "drain(20 s) from the main thread while another thread polls slowly", report);
        }
        finally
        {
            stop.set(true);
        }
    }

    // ------------------------------------------------------------------------------------------------------- item 5

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldListOutcomesThatAFullResultRingHeldBackUnderTheirStatusNotAsAbandoned()
    {
        final long completing = 100;
        final long expiring = 101;
        final long cancelling = 102;
        final long past = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch handlerReturned = new CountDownLatch(1);
        final CountDownLatch deadlineRead = new CountDownLatch(1);
        final Queue<Long> unexpectedRuns = new ConcurrentLinkedQueue<>();
        final Ledger ledger = new Ledger();
        // Two workers, ID-sequenced: worker 0 runs sequences 0 and 2, worker 1 runs sequence 1.
        final RingPool<Task, Result> pool = yielding("exact-full-ring", 2, 16)
            .cancellable()
            .dispatch(Dispatch.ID_SEQUENCED)
            .resultRingSize(1)
            .pollResults()
            .deadline(task ->
            {
                if (task.value == expiring)
                {
                    deadlineRead.countDown();
                    return past;
                }
                return RingPool.NO_DEADLINE;
            })
            .handler((task, result, context) ->
            {
                if (task.value != completing)
                {
                    unexpectedRuns.add(task.value);
                    return;
                }
                release.await(20, TimeUnit.SECONDS);
                result.value = task.value;
                handlerReturned.countDown();
            })
            .interruptGrace(Duration.ofMillis(50))
            .threadFactory(ledger.threadFactory())
            .stallThreshold(Duration.ZERO)
            .build();
        pool.start();
        try
        {
            assertEquals(0, pool.publish(VALUE, completing), "worker 0 holds task 0 until released");
            assertEquals(1, pool.publish(VALUE, expiring), "worker 1 reaches task 1 after its deadline");
            assertEquals(2, pool.publish(VALUE, cancelling));
            assertTrue(pool.cancel(2), "task 2 waits behind task 0 on worker 0, so it can be cancelled");
            release.countDown();
            awaitTrue("task 0's handler returned", () -> handlerReturned.getCount() == 0);
            awaitTrue("worker 1 read task 1's deadline", () -> deadlineRead.getCount() == 0);

            final ShutdownReport<Task, Result> report = pool.halt(Duration.ofMillis(50));
            assertTrue(ledger.awaitThreadsEnd(THREADS_END), "every pool thread ends after the halt");

            final List<String> problems = new ArrayList<>();
            if (!unexpectedRuns.isEmpty())
            {
                problems.add("handlers ran that never should have: task values " + unexpectedRuns);
            }
            if (report.abandoned() != 0)
            {
                problems.add("abandoned must be 0: no handler was running at the halt (task 0's had returned, " +
                    "tasks 1 and 2 never run a handler), only outcomes waited for room in the full result ring; " +
                    "abandonedTasks=" + report.abandonedTasks());
            }
            final Map<Long, OutcomeStatus> expected = Map.of(
                0L, OutcomeStatus.COMPLETED, 1L, OutcomeStatus.EXPIRED, 2L, OutcomeStatus.CANCELLED);
            final Map<Long, OutcomeStatus> listed = new TreeMap<>();
            for (final Outcome<Result> outcome : report.undeliveredResults())
            {
                listed.put(outcome.taskSequence(), outcome.status());
            }
            if (!expected.equals(listed))
            {
                problems.add("undeliveredResults must list task 0 COMPLETED, task 1 EXPIRED and task 2 CANCELLED; " +
                    "it lists " + listed);
            }
            if (report.completed() != 1 || report.expired() != 1 || report.cancelled() != 1 ||
                report.failed() != 0 || report.returned() != 0 || report.published() != 3)
            {
                problems.add("counts must be published 3 = completed 1 + expired 1 + cancelled 1 (failed, returned " +
                    "and abandoned 0)");
            }
            problems.addAll(exactnessProblems(List.of(0L, 1L, 2L), ledger, report));
            failIf(problems, "resultRingSize(1), a poller nobody polls, halt(50 ms)", report);
        }
        finally
        {
            release.countDown();
        }
    }

    // ------------------------------------------------------------------------------------------------------- item 6

    /** An error a handler throws on purpose. */
    static final class InjectedError extends Error
    {
        private static final long serialVersionUID = 1L;

        InjectedError(final String message)
        {
            super(message);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldFailTheReportWithTheErrorAHandlerThrewDuringADrainAndKeepListedOutcomesUnchanged()
    {
        final InjectedError injected = new InjectedError("deliberate, thrown while the pool drains");
        final CountDownLatch completed = new CountDownLatch(1);
        final CountDownLatch throwNow = new CountDownLatch(1);
        final CountDownLatch stubbornInHand = new CountDownLatch(1);
        final AtomicBoolean stubbornRelease = new AtomicBoolean();
        final AtomicBoolean stubbornInterrupted = new AtomicBoolean();
        final Queue<String> listenerSaw = new ConcurrentLinkedQueue<>();
        final Ledger ledger = new Ledger();
        // Three workers, ID-sequenced: task i runs on worker i.
        final RingPool<Task, Result> pool = yielding("exact-error", 3, 16)
            .dispatch(Dispatch.ID_SEQUENCED)
            .resultRingSize(1)
            .pollResults()
            .handler((task, result, context) ->
            {
                result.value = task.value;
                if (task.value == 0)
                {
                    completed.countDown();
                }
                else if (task.value == 1)
                {
                    throwNow.await(20, TimeUnit.SECONDS);
                    throw injected;
                }
                else
                {
                    stubbornInHand.countDown();
                    while (!stubbornRelease.get())
                    {
                        if (Thread.interrupted())
                        {
                            stubbornInterrupted.set(true);
                        }
                        LockSupport.parkNanos(1_000_000L);
                    }
                }
            })
            .failureListener((task, sequence, workerId, cause) -> listenerSaw.add(sequence + ": " + cause))
            .interruptGrace(Duration.ofMillis(50))
            .threadFactory(ledger.threadFactory())
            .stallThreshold(Duration.ZERO)
            .build();
        pool.start();
        final Thread trigger = new Thread(() ->
        {
            awaitTrue("the drain begins", () -> pool.state() != PoolState.RUNNING);
            throwNow.countDown();
        }, "exact-error-trigger");
        trigger.setDaemon(true);
        try
        {
            for (long i = 0; i < 3; i++)
            {
                assertEquals(i, pool.publish(VALUE, i));
            }
            awaitTrue("task 0 completed", () -> completed.getCount() == 0);
            awaitTrue("task 2 in hand", () -> stubbornInHand.getCount() == 0);
            trigger.start();

            final ShutdownReport<Task, Result> report = pool.drain(Duration.ofMillis(300));
            Fixtures.join(trigger);
            final List<String> listedAtReport = describeListed(report);

            final List<String> problems = new ArrayList<>();
            if (listenerSaw.stream().noneMatch(s -> s.startsWith("1: ") && s.contains("InjectedError")))
            {
                problems.add("precondition: the failure listener was not told of task 1's InjectedError: " +
                    listenerSaw);
            }
            final boolean listedFailed = report.undeliveredResults().stream()
                .anyMatch(o -> o.taskSequence() == 1 && o.status() == OutcomeStatus.FAILED);
            if (report.failed() > 0 || listedFailed)
            {
                if (report.finalState() != PoolState.FAILED || report.cause() != injected)
                {
                    problems.add("the report counts task 1, whose handler threw an Error, as failed (failed=" +
                        report.failed() + ", listed FAILED=" + listedFailed + "), so finalState must be FAILED " +
                        "and cause that Error; finalState=" + report.finalState() + ", cause=" + report.cause());
                }
            }
            if (!listedFailed || isAbandoned(report, 1))
            {
                problems.add("task 1's handler had returned (it threw InjectedError) and only its outcome waited " +
                    "for room in the full result ring: it must be listed FAILED in undeliveredResults, not " +
                    (isAbandoned(report, 1) ? "abandoned" : "missing") + "; listed " + listedAtReport +
                    ", abandonedTasks=" + report.abandonedTasks());
            }
            if (!isAbandoned(report, 2))
            {
                problems.add("task 2's handler ignored the interrupt and was still running: it must be abandoned; " +
                    "abandonedTasks=" + report.abandonedTasks());
            }

            stubbornRelease.set(true);
            if (!ledger.awaitThreadsEnd(THREADS_END))
            {
                problems.add("a pool thread did not end within " + THREADS_END + " once the stubborn handler was " +
                    "released");
            }
            final List<String> listedLater = describeListed(report);
            if (!listedAtReport.equals(listedLater))
            {
                problems.add("the outcomes listed in undeliveredResults changed after the report, once the " +
                    "abandoned worker finished: at the report " + listedAtReport + ", later " + listedLater);
            }
            if (!stubbornInterrupted.get())
            {
                problems.add("precondition: the shutdown never interrupted task 2's handler");
            }
            failIf(problems, "an Error thrown by a handler during drain(300 ms), resultRingSize(1), nobody polls",
                report);
        }
        finally
        {
            throwNow.countDown();
            stubbornRelease.set(true);
        }
    }

    private static List<String> describeListed(final ShutdownReport<Task, Result> report)
    {
        final List<String> listed = new ArrayList<>();
        for (final Outcome<Result> outcome : report.undeliveredResults())
        {
            listed.add("task " + outcome.taskSequence() + " " + outcome.status() + " on worker " +
                outcome.workerId() + " value " + (null == outcome.result() ? "null" : outcome.result().value));
        }
        return listed;
    }

    // ------------------------------------------------------------------------------------------------------ helpers

    /** What the result side and the pool's threads did, for one pool. */
    private static final class Ledger
    {
        final Map<Long, OutcomeStatus> delivered = new ConcurrentHashMap<>();
        final Queue<String> twice = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());

        void deliver(final Outcome<Result> outcome)
        {
            final OutcomeStatus before = delivered.putIfAbsent(outcome.taskSequence(), outcome.status());
            if (null != before)
            {
                twice.add("task " + outcome.taskSequence() + " was delivered twice (" + before + ", then " +
                    outcome.status() + ")");
            }
        }

        /** Daemon threads, kept so that a test can wait for every pool thread to end. */
        ThreadFactory threadFactory()
        {
            return runnable ->
            {
                final Thread thread = new Thread(runnable);
                thread.setDaemon(true);
                threads.add(thread);
                return thread;
            };
        }

        boolean awaitThreadsEnd(final Duration bound)
        {
            final long deadline = System.nanoTime() + bound.toNanos();
            final List<Thread> all;
            synchronized (threads)
            {
                all = new ArrayList<>(threads);
            }
            for (final Thread thread : all)
            {
                while (thread.isAlive())
                {
                    final long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (leftMs <= 0)
                    {
                        return false;
                    }
                    try
                    {
                        thread.join(leftMs);
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /**
     * Runs rounds until one breaks the contract (the test then fails with its description), {@link #MAX_ROUNDS}
     * have passed, or the budget is spent.
     */
    private static void rounds(final String what, final Duration budget, final IntFunction<String> round)
    {
        final long end = System.nanoTime() + budget.toNanos();
        int done = 0;
        while (done < MAX_ROUNDS && (done == 0 || System.nanoTime() - end < 0))
        {
            final String problem = round.apply(done);
            if (null != problem)
            {
                fail(what + ": round " + done + " broke the contract: " + problem);
            }
            done++;
        }
    }

    private static Map<Long, List<OutcomeStatus>> outcomesBySequence(
        final Map<Long, OutcomeStatus> delivered, final ShutdownReport<Task, Result> report)
    {
        final Map<Long, List<OutcomeStatus>> outcomes = new HashMap<>();
        delivered.forEach((sequence, status) -> outcomes.computeIfAbsent(sequence, s -> new ArrayList<>()).add(status));
        for (final Outcome<Result> outcome : report.undeliveredResults())
        {
            outcomes.computeIfAbsent(outcome.taskSequence(), s -> new ArrayList<>()).add(outcome.status());
        }
        return outcomes;
    }

    private static boolean isReturned(final ShutdownReport<Task, ?> report, final long sequence)
    {
        return report.returnedTasks().stream().anyMatch(r -> r.sequence() == sequence);
    }

    private static boolean isAbandoned(final ShutdownReport<Task, ?> report, final long sequence)
    {
        return report.abandonedTasks().stream().anyMatch(a -> a.sequence() == sequence);
    }

    /**
     * The contract for a pool with results: every accepted task in exactly one of delivered, undelivered, returned,
     * abandoned; nothing else anywhere; the counts equal the places; no note that admits a miscount.
     */
    private static List<String> exactnessProblems(
        final Collection<Long> handles, final Ledger ledger, final ShutdownReport<Task, Result> report)
    {
        final List<String> problems = new ArrayList<>(ledger.twice);
        final Map<Long, List<String>> places = new TreeMap<>();
        final Map<OutcomeStatus, Long> statuses = new EnumMap<>(OutcomeStatus.class);
        ledger.delivered.forEach((sequence, status) ->
        {
            places.computeIfAbsent(sequence, s -> new ArrayList<>()).add("delivered " + status);
            statuses.merge(status, 1L, Long::sum);
        });
        for (final Outcome<Result> outcome : report.undeliveredResults())
        {
            places.computeIfAbsent(outcome.taskSequence(), s -> new ArrayList<>())
                .add("undelivered " + outcome.status());
            statuses.merge(outcome.status(), 1L, Long::sum);
        }
        for (final ReturnedTask<Task> returned : report.returnedTasks())
        {
            places.computeIfAbsent(returned.sequence(), s -> new ArrayList<>()).add("returned");
        }
        for (final AbandonedTask abandoned : report.abandonedTasks())
        {
            places.computeIfAbsent(abandoned.sequence(), s -> new ArrayList<>())
                .add("abandoned on worker " + abandoned.workerId());
        }

        final Set<Long> accepted = new HashSet<>(handles);
        if (report.published() != accepted.size())
        {
            problems.add("report.published() is " + report.published() + " but " + accepted.size() +
                " publishes returned a handle");
        }
        for (final long handle : new TreeSet<>(accepted))
        {
            final List<String> at = places.get(handle);
            if (null == at)
            {
                problems.add("task " + handle + " (its publish returned it) is in no place: not delivered, not in " +
                    "undeliveredResults, not returned, not abandoned");
            }
            else if (at.size() != 1)
            {
                problems.add("task " + handle + " is in " + at.size() + " places: " + at);
            }
        }
        places.forEach((sequence, at) ->
        {
            if (!accepted.contains(sequence))
            {
                problems.add("task " + sequence + " is " + at + " but no publish returned it");
            }
        });
        checkCount(problems, "completed", report.completed(), statuses, OutcomeStatus.COMPLETED);
        checkCount(problems, "failed", report.failed(), statuses, OutcomeStatus.FAILED);
        checkCount(problems, "cancelled", report.cancelled(), statuses, OutcomeStatus.CANCELLED);
        checkCount(problems, "expired", report.expired(), statuses, OutcomeStatus.EXPIRED);
        if (!report.isBalanced())
        {
            problems.add("the report is not balanced");
        }
        checkNotes(problems, report);
        return problems;
    }

    private static void checkCount(
        final List<String> problems, final String name, final long counted, final Map<OutcomeStatus, Long> statuses,
        final OutcomeStatus status)
    {
        final long outcomes = statuses.getOrDefault(status, 0L);
        if (counted != outcomes)
        {
            problems.add("report." + name + "() is " + counted + " but " + outcomes + " " + status +
                " outcomes were delivered or listed undelivered");
        }
    }

    private static void checkNotes(final List<String> problems, final ShutdownReport<?, ?> report)
    {
        for (final String note : report.notes())
        {
            if (note.contains("miscounted"))
            {
                problems.add("a note admits a miscount: \"" + note + "\"");
            }
        }
    }

    /**
     * The contract for a pool without results: every handle ran once (and was counted), or was returned, or was
     * abandoned; nothing that was not accepted ever ran. Arrays indexed by sequence, so a round checks fast.
     */
    private static List<String> countsOnlyProblems(
        final long[][] handlesOf, final int[] countOf, final AtomicIntegerArray ran,
        final ShutdownReport<Task, Void> report)
    {
        final List<String> problems = new ArrayList<>();
        final int size = ran.length();
        final boolean[] accepted = new boolean[size];
        long handles = 0;
        for (int p = 0; p < handlesOf.length; p++)
        {
            for (int i = 0; i < countOf[p]; i++)
            {
                final long handle = handlesOf[p][i];
                handles++;
                if (handle < 0 || handle >= size || accepted[(int)handle])
                {
                    problems.add("publish " + i + " of producer " + p + " returned handle " + handle + ", which is " +
                        "out of range or was returned by an earlier publish");
                    continue;
                }
                accepted[(int)handle] = true;
            }
        }
        if (report.published() != handles)
        {
            problems.add("report.published() is " + report.published() + " but " + handles +
                " publishes returned a handle");
        }
        final boolean[] returned = new boolean[size];
        for (final ReturnedTask<Task> task : report.returnedTasks())
        {
            if (task.sequence() < 0 || task.sequence() >= size || !accepted[(int)task.sequence()])
            {
                problems.add("task " + task.sequence() + " is returned but no publish returned it");
                continue;
            }
            returned[(int)task.sequence()] = true;
        }
        final boolean[] abandoned = new boolean[size];
        for (final AbandonedTask task : report.abandonedTasks())
        {
            if (task.sequence() < 0 || task.sequence() >= size || !accepted[(int)task.sequence()])
            {
                problems.add("task " + task.sequence() + " is abandoned but no publish returned it");
                continue;
            }
            abandoned[(int)task.sequence()] = true;
        }

        long ranAndCounted = 0;
        for (int s = 0; s < size; s++)
        {
            final int runs = ran.get(s);
            if (!accepted[s])
            {
                if (runs > 0)
                {
                    problems.add("task " + s + " ran, but no publish returned it (a rejected publish must never run)");
                }
                continue;
            }
            if (runs > 1)
            {
                problems.add("task " + s + " ran " + runs + " times");
            }
            if (returned[s] && (runs > 0 || abandoned[s]))
            {
                problems.add("task " + s + " was returned, yet " + (runs > 0 ? "it ran" : "it is also abandoned"));
            }
            else if (!returned[s] && !abandoned[s])
            {
                if (runs == 0)
                {
                    problems.add("task " + s + " (its publish returned it) is in no place: it never ran, was not " +
                        "returned, not abandoned");
                }
                else
                {
                    ranAndCounted++;
                }
            }
        }
        if (report.completed() + report.failed() != ranAndCounted)
        {
            problems.add("report.completed() + failed() is " + (report.completed() + report.failed()) + " but " +
                ranAndCounted + " accepted tasks ran and were neither returned nor abandoned");
        }
        if (!report.isBalanced())
        {
            problems.add("the report is not balanced");
        }
        return problems;
    }

    private static String describe(final List<String> problems, final String context, final ShutdownReport<?, ?> report)
    {
        final List<String> shown = problems.size() > MAX_LISTED ? problems.subList(0, MAX_LISTED) : problems;
        return context + ": " + String.join("; ", shown) +
            (problems.size() > MAX_LISTED ? "; and " + (problems.size() - MAX_LISTED) + " more problems" : "") +
            "; report " + report;
    }

    private static void failIf(final List<String> problems, final String context, final ShutdownReport<?, ?> report)
    {
        if (!problems.isEmpty())
        {
            fail(describe(problems, context, report));
        }
    }

    private static long sum(final AtomicLongArray cells)
    {
        long sum = 0;
        for (int i = 0; i < cells.length(); i += PAD)
        {
            sum += cells.get(i);
        }
        return sum;
    }

    /** Simulated work inside a handler: a few microseconds of spinning. */
    private static void spinMicros(final long micros)
    {
        final long end = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(micros);
        while (System.nanoTime() - end < 0)
        {
            Thread.onSpinWait();
        }
    }
}
