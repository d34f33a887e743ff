package io.ringpool.bench;

import com.lmax.disruptor.EventTranslatorOneArg;

/**
 * The task of the round-trip benchmarks: one long, its {@link Source#nextValue() value}, which names the producer
 * that published it and that producer's count. Ring contenders pre-allocate one per entry and fill it in place;
 * executor contenders carry the value in their own task objects.
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

    /** The low bits of a value count the producer's tasks; the bits above name the producer. */
    static final int PRODUCER_SHIFT = 40;

    long value;

    private static void translate(final RoundTripTask task, final long sequence, final Source source)
    {
        task.value = source.nextValue();
    }

    /**
     * The producer (0 to producers-1) that published a task.
     *
     * @param value the task's value.
     * @return the producer's index.
     */
    static int producerOf(final long value)
    {
        return (int)(value >>> PRODUCER_SHIFT);
    }

    /**
     * Runs a ring task into a ring result: what every ring contender's worker does.
     *
     * @param task   the task.
     * @param shape  how much CPU the task burns.
     * @param result the result to fill: the task's producer and its result.
     */
    static void compute(final RoundTripTask task, final TaskShape shape, final RoundTripResult result)
    {
        final long value = task.value;
        result.value = shape.run(value);
        result.producer = producerOf(value);
    }

    /** Keeps {@link SourceFields} off the cache lines of whatever the heap puts before a source. */
    abstract static class SourcePadding1
    {
        long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;
    }

    /** A source's one written field, alone on its cache lines. */
    abstract static class SourceFields extends SourcePadding1
    {
        long next;
        long base;
    }

    /** Keeps {@link SourceFields} off the cache lines of whatever the heap puts after a source. */
    abstract static class SourcePadding2 extends SourceFields
    {
        long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;
    }

    /**
     * The producer's counter that numbers its tasks: the translator's argument. One per producer, padded, because
     * two producers' sources are allocated side by side and each is written once per task.
     * <p>
     * <b>Thread safety:</b> none; used by its producer's thread only (a teardown reads it after the producers stop).
     */
    public static final class Source extends SourcePadding2
    {
        /**
         * A source for one producer.
         *
         * @param producer the producer's index, 0 or more.
         */
        public Source(final int producer)
        {
            base = (long)producer << PRODUCER_SHIFT;
        }

        /**
         * The next task's value: the producer's index in the high bits, its count in the low ones.
         *
         * @return the value.
         */
        public long nextValue()
        {
            return base | next++;
        }

        /**
         * How many values this source has handed out.
         *
         * @return the count.
         */
        public long count()
        {
            return next;
        }

        /**
         * The sum of the results of every task this source has numbered, modulo 2<sup>64</sup>: what the result side
         * must have added up for this producer.
         *
         * @return the expected checksum.
         */
        public long expectedChecksum()
        {
            long sum = 0L;
            for (long n = 0; n < next; n++)
            {
                sum += TaskShape.checksumOf(base | n);
            }
            return sum;
        }
    }
}
