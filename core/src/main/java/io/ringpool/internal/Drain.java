package io.ringpool.internal;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A drain's steps (docs/protocol.md, section 7, step 3): workers take every entry up to the final cursor and stop;
 * the collector delivers every outcome, or a live polling thread takes them; every wait ends at the shutdown's
 * deadline, when a halt overtakes the drain, when the pool fails, or when a full result ring will never be polled.
 *
 * @param <T> the task type.
 * @param <R> the result type.
 */
final class Drain<T, R> extends ShutdownStep<T, R>
{
    Drain(final Engine<T, R> engine, final ShutdownDeadline deadline)
    {
        super(engine, deadline);
    }

    boolean run(final Thread caller, final List<String> notes)
    {
        final long end = engine.tasks.ring().getCursor();
        engine.workerLimit.lowerTo(end);
        engine.workers.alertAll();
        final BooleanSupplier giveUpOnWorkers = () -> giveUp() || unpolledRingFull(caller);
        if (!PoolThreads.awaitExit(engine.workers.threads(), caller, deadline.get(), giveUpOnWorkers) ||
            giveUp())
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
            if (!PoolThreads.awaitExit(List.of(engine.collectorThread), caller, deadline.get(), this::giveUp))
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

    boolean giveUp()
    {
        final int state = engine.runState.get();
        return state == RunState.HALTING || state == RunState.FAILED || deadline.isPast();
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
            if (giveUp())
            {
                return false;
            }
            steps = Pause.step(steps);
        }
        return true;
    }
}
