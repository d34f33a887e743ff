package io.ringpool.internal;

import io.ringpool.Outcome;
import io.ringpool.OutcomeStatus;
import io.ringpool.ReturnedTask;
import io.ringpool.ShutdownReport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Drain and halt: the one procedure that stops a pool, run by the first caller, with every later or concurrent
 * caller waiting for the same report.
 * <p>
 * <b>Steps</b> (docs/protocol.md, section 7).
 * <ol>
 *     <li>Stop producers: the run state leaves RUNNING, then every producer cell is closed by CAS
 *     ({@link ProducerGate#closeAll}). A publish that already won its cell is waited for (engine code only); one
 *     whose translator is still running is not: it loses its CAS and is rejected.</li>
 *     <li>Drain: workers take every entry up to the final cursor, then stop; the collector delivers every outcome
 *     up to the final result cursor (or a live polling thread takes them), then stops. Every pool thread is joined,
 *     except the caller if it is one.</li>
 *     <li>Halt (directly, or when a drain runs out of time, fails, or is overtaken by a halt): workers finish the
 *     task in hand and stop; those still running at the bound are interrupted, and given {@code interruptGrace}.</li>
 *     <li>Account: every worker's ticket is frozen (an idle worker can no longer begin a task, a task still in hand
 *     is abandoned, an outcome waiting for result-ring room is seized, a commit in progress is waited for), then
 *     every untaken entry is settled (returned, or cancelled), then the result consumer is sealed and the outcomes it had not taken are listed, followed by
 *     the seized ones and a CANCELLED outcome for each cancelled entry no worker reached.</li>
 * </ol>
 * <b>Bounds.</b> A halt returns within its timeout plus about three times {@code interruptGrace}; a drain within its
 * timeout plus the same, because it falls back to a halt whose bound has already run out. Past that, the shutdown
 * waits only for engine steps in progress on other threads, never for user code. Concurrent callers lower the
 * deadline to the earliest of theirs, and a halt overtakes a drain.
 *
 * @param <T> the task type.
 * @param <R> the result type.
 */
final class Shutdown<T, R>
{
    private static final System.Logger LOG = System.getLogger("io.ringpool");
    private static final long PAUSE_NS = 20_000L;
    private static final long MAX_TIMEOUT_NS = TimeUnit.DAYS.toNanos(365);

    private final Engine<T, R> engine;
    private final AtomicReference<Thread> coordinator = new AtomicReference<>();
    private final AtomicLong deadline = new AtomicLong();
    private volatile boolean deadlineSet;
    private final CountDownLatch reportReady = new CountDownLatch(1);
    private volatile ShutdownReport<T, R> report;

    Shutdown(final Engine<T, R> engine)
    {
        this.engine = engine;
    }

    ShutdownReport<T, R> report()
    {
        return report;
    }

    ShutdownReport<T, R> run(final boolean halt, final long timeoutNs)
    {
        final long callerDeadline = System.nanoTime() + Math.min(timeoutNs, MAX_TIMEOUT_NS);
        final Thread caller = Thread.currentThread();
        leaveRunning(halt);
        lowerDeadline(callerDeadline);

        if (coordinator.compareAndSet(null, caller))
        {
            final ShutdownReport<T, R> made = coordinate(caller, halt);
            report = made;
            reportReady.countDown();
            LOG.log(System.Logger.Level.DEBUG, () -> "pool '" + engine.name() + "' stopped: " + made);
        }
        return awaitReport(callerDeadline);
    }

    private void leaveRunning(final boolean halt)
    {
        while (engine.runState.leaveRunning(halt) == RunState.STARTING)
        {
            // start() is bounded by its startTimeout.
            LockSupport.parkNanos(PAUSE_NS);
        }
    }

    private void lowerDeadline(final long candidate)
    {
        synchronized (deadline)
        {
            if (!deadlineSet || candidate - deadline.get() < 0)
            {
                deadline.set(candidate);
                deadlineSet = true;
            }
        }
    }

    private boolean pastDeadline()
    {
        return System.nanoTime() - deadline.get() >= 0;
    }

    private long graceNs()
    {
        return engine.config.interruptGraceNs();
    }

    private ShutdownReport<T, R> awaitReport(final long callerDeadline)
    {
        final ShutdownReport<T, R> ready = report;
        if (null != ready)
        {
            return ready;
        }
        final long bound = Math.max(callerDeadline - System.nanoTime(), deadline.get() - System.nanoTime()) +
            4 * graceNs() + TimeUnit.SECONDS.toNanos(1);
        boolean interrupted = false;
        try
        {
            final long until = System.nanoTime() + bound;
            while (true)
            {
                try
                {
                    if (reportReady.await(Math.max(0L, until - System.nanoTime()), TimeUnit.NANOSECONDS))
                    {
                        return report;
                    }
                    final Thread running = coordinator.get();
                    throw new IllegalStateException("pool '" + engine.name() + "': the shutdown run by thread '" +
                        (null != running ? running.getName() : "?") + "' did not finish within its bound");
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ShutdownReport<T, R> coordinate(final Thread caller, final boolean halt)
    {
        final List<String> notes = new ArrayList<>();
        stopProducers(caller, notes);
        if (!engine.threadsCreated)
        {
            return new ShutdownReport<>(
                !halt, RunState.toPublic(engine.runState.get()), engine.gate.acceptedTotal(), 0, 0, 0, 0,
                List.of(), List.of(), List.of(), engine.runState.cause(), notes);
        }

        final boolean drained = engine.runState.get() == RunState.DRAINING && drain(caller, notes);
        if (!drained)
        {
            engine.runState.compareAndExchange(RunState.DRAINING, RunState.HALTING);
            halt(caller, notes);
        }
        return account(caller, drained, notes);
    }

    /**
     * Closes every producer cell: afterwards no publish can be accepted and every accepted one is published. Waits
     * past the deadline only for accepting windows in progress, which run engine code alone.
     */
    private void stopProducers(final Thread caller, final List<String> notes)
    {
        final List<String> died = engine.gate.closeAll(caller);
        if (!died.isEmpty())
        {
            notes.add("producer threads " + died + " ended inside a publish; their publish never returned, and its " +
                "slots may be missing from the report");
        }
    }

    private boolean giveUpDrain()
    {
        final int state = engine.runState.get();
        return state == RunState.HALTING || state == RunState.FAILED || pastDeadline();
    }

    private boolean drain(final Thread caller, final List<String> notes)
    {
        final long end = engine.tasks.ring().getCursor();
        engine.workerLimit.lowerTo(end);
        engine.workers.alertAll();
        final BooleanSupplier giveUpOnWorkers = () -> giveUpDrain() || unpolledRingFull(caller);
        if (!PoolThreads.awaitExit(engine.workers.threads(), caller, deadline.get(), giveUpOnWorkers) ||
            giveUpDrain())
        {
            notes.add(engine.runState.get() == RunState.HALTING ? "a halt overtook the drain" :
                engine.runState.get() == RunState.FAILED ? "the pool failed during the drain" :
                unpolledRingFull(caller) ? "the result ring is full and no other thread polls it; halting" :
                "the drain ran out of time before every task was processed; halting");
            return false;
        }
        if (null != engine.collector)
        {
            // Completion order: every outcome is in the ring by now. Submission order: one entry per task sequence.
            engine.collector.drainTo(null != engine.results ? engine.results.ring().getCursor() : end);
            if (!PoolThreads.awaitExit(List.of(engine.collectorThread), caller, deadline.get(), this::giveUpDrain))
            {
                notes.add("the drain ran out of time before every result was delivered; halting");
                return false;
            }
        }
        else if (null != engine.poller && !awaitPolled(caller, null != engine.results ?
            engine.results.ring().getCursor() : end))
        {
            notes.add("the drain ran out of time before every outcome was polled; halting");
            return false;
        }
        return true;
    }

    /**
     * Whether a live thread other than the caller polls: not if nobody polled yet, the caller is the thread that polls
     * (it cannot poll while it drains), or the polling thread has ended.
     */
    private boolean anotherThreadPolls(final Thread caller)
    {
        final Thread polling = engine.poller.lastPollingThread();
        return null != polling && caller != polling && polling.isAlive();
    }

    /** Whether a polling pool's drain can never finish: a worker waits for result-ring room nobody else will make. */
    private boolean unpolledRingFull(final Thread caller)
    {
        return null != engine.poller && engine.workers.anyAwaitingRoom() && !anotherThreadPolls(caller);
    }

    /**
     * Waits, up to the deadline, until the poller has taken every outcome up to {@code last}, if another thread polls
     * ({@link #anotherThreadPolls}); what is not polled is then listed as undelivered.
     */
    private boolean awaitPolled(final Thread caller, final long last)
    {
        if (!anotherThreadPolls(caller))
        {
            return true;
        }
        final PollingResults<R> poller = engine.poller;
        int steps = 0;
        while (poller.released() < last)
        {
            if (giveUpDrain())
            {
                return false;
            }
            steps = Pause.step(steps);
        }
        return true;
    }

    private void halt(final Thread caller, final List<String> notes)
    {
        engine.workerLimit.stopNow();
        engine.workers.alertAll();
        final List<Thread> workerThreads = engine.workers.threads();
        if (!PoolThreads.awaitExit(workerThreads, caller, deadline.get(), () -> false))
        {
            final List<String> interrupted = PoolThreads.interruptLive(workerThreads, caller);
            if (!interrupted.isEmpty())
            {
                notes.add("interrupted " + interrupted + " when the halt's bound ran out");
            }
            PoolThreads.awaitExit(workerThreads, caller, System.nanoTime() + graceNs(), () -> false);
        }
    }

    private ShutdownReport<T, R> account(final Thread caller, final boolean drained, final List<String> notes)
    {
        final TaskRing<T> tasks = engine.tasks;
        final List<ReturnedTask<T>> returned = new ArrayList<>();
        final List<Long> cancelledUntaken = new ArrayList<>();
        // Tickets first: once every one is frozen no worker can begin a task, so every entry no ticket holds and no
        // worker marked is untaken.
        final Workers.Settlement<R> settlement =
            engine.workers.settle(tasks, caller, engine.config.cancellable(), returned, cancelledUntaken);
        tasks.settleUntaken(
            engine.workers.minimumSequence(), tasks.ring().getCursor(), settlement.held, returned, cancelledUntaken);
        returned.sort(java.util.Comparator.comparingLong(ReturnedTask::sequence));
        cancelledUntaken.sort(null);
        if (null != settlement.problem)
        {
            notes.add(settlement.problem);
        }
        for (final Thread thread : engine.workers.threads())
        {
            if (thread.isAlive() && thread != caller)
            {
                notes.add("thread '" + thread.getName() + "' had not stopped when the report was made");
            }
        }
        final long published = engine.gate.acceptedTotal();
        final List<Outcome<R>> undelivered = undelivered(caller, notes);
        if (null != undelivered)
        {
            settlement.seized.sort(java.util.Comparator.comparingLong(Outcome::taskSequence));
            undelivered.addAll(settlement.seized);
            for (final long sequence : cancelledUntaken)
            {
                undelivered.add(new SettledOutcome<>(engine.untouchedResult, sequence, -1, OutcomeStatus.CANCELLED, null));
            }
        }
        stopWatchdog(caller);

        final RunState runState = engine.runState;
        int state = runState.get();
        while (state == RunState.DRAINING || state == RunState.HALTING)
        {
            final int seen = runState.compareAndExchange(state, RunState.TERMINATED);
            state = seen == state ? RunState.TERMINATED : seen;
        }
        final Throwable cause = runState.cause();
        final boolean complete = drained && returned.isEmpty() && settlement.abandoned.isEmpty() && null == cause;
        final long completed =
            settlement.processed - settlement.failed - settlement.cancelled - settlement.expired;
        return new ShutdownReport<>(
            complete, RunState.toPublic(state), published, completed, settlement.failed,
            settlement.cancelled + cancelledUntaken.size(), settlement.expired, returned, settlement.abandoned,
            null != undelivered ? undelivered : List.of(), cause, notes);
    }

    private void stopWatchdog(final Thread caller)
    {
        if (null != engine.watchdog)
        {
            engine.watchdog.stop();
            final Thread thread = engine.watchdogThread;
            if (null != thread)
            {
                PoolThreads.awaitExit(List.of(thread), caller, System.nanoTime() + graceNs(), () -> false);
            }
        }
    }

    /**
     * Seals the result consumer and lists the outcomes in the result ring it had not handed over.
     *
     * @return a mutable list, or null for a pool without results.
     */
    private List<Outcome<R>> undelivered(final Thread caller, final List<String> notes)
    {
        final long consumed;
        if (null != engine.collector)
        {
            consumed = engine.collector.stopNow();
            final List<Thread> collector = List.of(engine.collectorThread);
            if (!PoolThreads.awaitExit(collector, caller, System.nanoTime() + graceNs(), () -> false))
            {
                final List<String> interrupted = PoolThreads.interruptLive(collector, caller);
                if (!interrupted.isEmpty())
                {
                    notes.add("interrupted " + interrupted + ": its result handler did not return in time");
                }
                if (!PoolThreads.awaitExit(collector, caller, System.nanoTime() + graceNs(), () -> false))
                {
                    notes.add("thread '" + engine.collectorThread.getName() + "' had not stopped when the report " +
                        "was made");
                }
            }
        }
        else if (null != engine.poller)
        {
            consumed = engine.poller.seal();
        }
        else
        {
            return null;
        }

        if (null != engine.orderedResults)
        {
            return engine.orderedResults.outcomesAfter(consumed, engine.tasks.ring().getCursor());
        }
        final ResultRing<R> results = engine.results;
        final long published = results.awaitPublished(consumed, () -> engine.workers.anyResultWriterAlive(caller));
        if (published < results.ring().getCursor())
        {
            notes.add("every worker that could publish result slot " + (published + 1) + " has died; the outcomes " +
                "after it are not listed");
        }
        return results.outcomesAfter(consumed, published);
    }
}
