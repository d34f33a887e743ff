package io.ringpool;

import com.lmax.disruptor.EventTranslatorOneArg;

import java.util.function.ToLongFunction;

/**
 * One task-ring entry of a {@link RingPoolExecutor}: the {@link Runnable} to run (for a submitted task, its future)
 * and the key that routes it in a keyed executor. Pre-allocated once per entry, so that {@code execute} allocates
 * nothing.
 * <p>
 * <b>Thread safety:</b> written by the producer in a translator, read by the worker that takes the entry, which
 * clears {@link #task} before it runs it, so the ring does not keep a finished task reachable. The ring orders the
 * two (see the package's memory-visibility rules).
 */
final class ExecutorTask
{
    /** Fills an entry from a plain task; the key is the entry's sequence, which spreads unkeyed tasks evenly. */
    static final EventTranslatorOneArg<ExecutorTask, Runnable> PLAIN = ExecutorTask::fill;

    /** Fills an entry from the producer's {@link KeyedArgument}. */
    static final EventTranslatorOneArg<ExecutorTask, KeyedArgument> KEYED = ExecutorTask::fillKeyed;

    /** The key extractor of a keyed executor's pool. */
    static final ToLongFunction<ExecutorTask> KEY = ExecutorTask::key;

    /** The task, until the worker that takes it begins to run it. */
    Runnable task;
    long key;

    private static void fill(final ExecutorTask entry, final long sequence, final Runnable task)
    {
        entry.task = task;
        entry.key = sequence;
    }

    private static void fillKeyed(final ExecutorTask entry, final long sequence, final KeyedArgument argument)
    {
        entry.task = argument.task;
        entry.key = argument.key;
    }

    private long key()
    {
        return key;
    }

    /**
     * A task and its key, passed to the {@link #KEYED} translator as its one argument so that the primitive key is
     * never boxed. One per producing thread, reused for every keyed publish of that thread and cleared after it.
     */
    static final class KeyedArgument
    {
        private static final ThreadLocal<KeyedArgument> OF_THREAD = ThreadLocal.withInitial(KeyedArgument::new);

        Runnable task;
        long key;

        /**
         * The calling thread's argument, filled.
         *
         * @param key  the task's key.
         * @param task the task.
         * @return the argument; the caller clears it with {@link #clear()} once the publish returned or threw.
         */
        static KeyedArgument of(final long key, final Runnable task)
        {
            final KeyedArgument argument = OF_THREAD.get();
            argument.key = key;
            argument.task = task;
            return argument;
        }

        void clear()
        {
            task = null;
        }
    }
}
