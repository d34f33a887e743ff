package io.ringpool.internal;

import java.util.List;

/**
 * A halt's steps (docs/protocol.md, section 7, step 4): workers are told to stop after the task in hand; those still
 * running at the shutdown's deadline are interrupted and given {@code interruptGrace}.
 *
 * @param <T> the task type.
 * @param <R> the result type.
 */
final class Halt<T, R> extends ShutdownStep<T, R>
{
    Halt(final Engine<T, R> engine, final ShutdownDeadline deadline)
    {
        super(engine, deadline);
    }

    void run(final Thread caller, final List<String> notes)
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
}
