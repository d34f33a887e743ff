package io.ringpool.internal;

import io.ringpool.ShutdownReport;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Drain and halt: the one procedure that stops a pool, run by the first caller (this class: the election, the shared
 * deadline, the order of the steps), with every later or concurrent caller waiting for the same report.
 * <p>
 * <b>Steps</b> (docs/protocol.md, section 7).
 * <ol>
 *     <li>Stop producers: the run state leaves RUNNING, then every producer cell is closed by CAS
 *     ({@link ProducerGate#closeAll}). A publish that already won its cell is waited for (engine code only); one
 *     whose translator is still running is not: it loses its CAS and is rejected.</li>
 *     <li>Drain ({@link Drain}): workers take every entry up to the final cursor, then stop; the collector delivers every outcome
 *     up to the final result cursor (or a live polling thread takes them), then stops. Every pool thread is joined,
 *     except the caller if it is one.</li>
 *     <li>Halt ({@link Halt}; directly, or when a drain runs out of time, fails, or is overtaken by a halt): workers finish the
 *     task in hand and stop; those still running at the bound are interrupted, and given {@code interruptGrace}.</li>
 *     <li>Account ({@link Ledger}): every worker's ticket is frozen (an idle worker can no longer begin a task, a
 *     task still in hand is abandoned, an outcome waiting for result-ring room is seized, a commit in progress is
 *     waited for), then every untaken entry is settled (returned, or cancelled), then the result consumer is sealed
 *     and the outcomes it had not taken are listed, followed by the seized ones and a CANCELLED outcome for each
 *     cancelled entry no worker reached.</li>
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
    private final ShutdownDeadline deadline = new ShutdownDeadline();
    private final Drain<T, R> drain;
    private final Halt<T, R> halt;
    private final Ledger<T, R> ledger;
    private final CountDownLatch reportReady = new CountDownLatch(1);
    private volatile ShutdownReport<T, R> report;

    Shutdown(final Engine<T, R> engine)
    {
        this.engine = engine;
        this.drain = new Drain<>(engine, deadline);
        this.halt = new Halt<>(engine, deadline);
        this.ledger = new Ledger<>(engine, deadline);
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
        deadline.lower(callerDeadline);

        if (coordinator.compareAndSet(null, caller))
        {
            final ShutdownReport<T, R> made = coordinate(caller, halt);
            report = made;
            try
            {
                engine.closeCountersFile();
                PoolEvents.shutdown(engine.name(), made);
            }
            finally
            {
                // The report is made: no other caller may wait out its bound on a file or a flight recorder.
                reportReady.countDown();
            }
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

    private ShutdownReport<T, R> coordinate(final Thread caller, final boolean halting)
    {
        final List<String> notes = new ArrayList<>();
        stopProducers(caller, notes);
        if (!engine.threadsCreated)
        {
            return new ShutdownReport<>(
                !halting, RunState.toPublic(engine.runState.get()), engine.gate.acceptedTotal(), 0, 0, 0, 0,
                List.of(), List.of(), List.of(), engine.runState.cause(), notes);
        }

        final boolean drained = engine.runState.get() == RunState.DRAINING && drain.run(caller, notes);
        if (!drained)
        {
            engine.runState.compareAndExchange(RunState.DRAINING, RunState.HALTING);
            halt.run(caller, notes);
        }
        return ledger.account(caller, drained, notes);
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
}
