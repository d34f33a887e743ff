package io.ringpool.internal;

import io.ringpool.Outcome;
import io.ringpool.OutcomeStatus;
import io.ringpool.ReturnedTask;
import io.ringpool.ShutdownReport;

import java.util.ArrayList;
import java.util.List;

/**
 * The shutdown's account (docs/protocol.md, section 7, steps 5 to 8): freezes every worker's ticket, settles the
 * untaken entries, seals the result consumer, lists what it had not taken, and makes the report. It runs once every
 * producer cell is closed and the workers have stopped or been given up on, so nothing it reads can still change.
 *
 * @param <T> the task type.
 * @param <R> the result type.
 */
final class Ledger<T, R> extends ShutdownStep<T, R>
{
    Ledger(final Engine<T, R> engine, final ShutdownDeadline deadline)
    {
        super(engine, deadline);
    }

    ShutdownReport<T, R> account(final Thread caller, final boolean drained, final List<String> notes)
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
