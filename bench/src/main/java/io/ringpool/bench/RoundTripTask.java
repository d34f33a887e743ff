package io.ringpool.bench;

import com.lmax.disruptor.EventTranslatorOneArg;

/**
 * The task of the round-trip benchmarks: two longs, filled in place by {@link #TRANSLATOR}.
 * <p>
 * <b>Thread safety:</b> none of its own; the ring hands each entry to one thread at a time (the producer while it
 * translates, then one worker while it runs).
 */
public final class RoundTripTask
{
    /**
     * Fills a task from the producer's {@link Source}. Static and non-capturing, so a publish allocates nothing.
     */
    public static final EventTranslatorOneArg<RoundTripTask, Source> TRANSLATOR = RoundTripTask::translate;

    long value;
    long sequence;

    private static void translate(final RoundTripTask task, final long sequence, final Source source)
    {
        task.value = source.next++;
        task.sequence = sequence;
    }

    /**
     * The work a worker does: trivial, but it reads both fields of the task and writes the result object, which
     * another thread reads, so the compiler can drop none of it.
     *
     * @param task   the task to run.
     * @param result the pre-allocated result to fill.
     */
    public static void compute(final RoundTripTask task, final RoundTripResult result)
    {
        result.value = mix(task.value, task.sequence);
    }

    /**
     * The checksum of the first {@code count} tasks of a fresh {@link Source} published into a fresh ring (whose
     * sequences start at 0, as the values do): what a consumer that added up every result must have seen.
     *
     * @param count the number of tasks.
     * @return the sum of their results, modulo 2<sup>64</sup>.
     */
    public static long expectedChecksum(final long count)
    {
        long sum = 0L;
        for (long k = 0; k < count; k++)
        {
            sum += mix(k, k);
        }
        return sum;
    }

    private static long mix(final long value, final long sequence)
    {
        return value * 0x9E3779B97F4A7C15L + (sequence ^ (sequence >>> 17));
    }

    /**
     * The producer's counter that numbers the tasks: the translator's argument. One per producing thread; not
     * thread-safe.
     */
    public static final class Source
    {
        long next;
    }
}
