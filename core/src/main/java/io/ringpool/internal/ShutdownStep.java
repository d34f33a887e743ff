package io.ringpool.internal;

/**
 * What every step of a shutdown works with: the engine's parts, and the one deadline concurrent callers share.
 *
 * @param <T> the task type.
 * @param <R> the result type.
 */
abstract class ShutdownStep<T, R>
{
    final Engine<T, R> engine;
    final ShutdownDeadline deadline;

    ShutdownStep(final Engine<T, R> engine, final ShutdownDeadline deadline)
    {
        this.engine = engine;
        this.deadline = deadline;
    }

    /**
     * How long a step waits for a thread it has interrupted, or a thread it stops once its bound has run out.
     *
     * @return {@code interruptGrace} in nanoseconds.
     */
    final long graceNs()
    {
        return engine.config.interruptGraceNs();
    }
}
