package io.ringpool.bench;

import io.ringpool.bench.contender.Workload;

import java.util.concurrent.TimeUnit;

/**
 * The round trip's tasks, as every contender carries them: a producer numbers its tasks from its own
 * {@link RoundTripTask.Source}, a worker runs the {@link TaskShape} on a task's value, and the result consumer records
 * each result under its producer in the {@link ResultLedger}, where the producer waits for its burst. At the end
 * {@link #verify} checks that every task published came back exactly once with the right result.
 * <p>
 * <b>Threading:</b> as {@link Workload}; {@link #source} and {@link #awaitResults} are the producers' (one thread per
 * producer index at a time); {@link #published()} and {@link #verify} run once every producer has stopped.
 */
final class RoundTripWorkload implements Workload<RoundTripTask, RoundTripResult, RoundTripTask.Source>
{
    /** How long one burst may take to come back before the run fails: normally a few milliseconds. */
    static final long BURST_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private final TaskShape shape;
    private final ResultLedger ledger;
    private final RoundTripTask.Source[] sources;

    /**
     * The workload of {@code producers} producers.
     *
     * @param producers the number of producers, 1 or more.
     * @param shape     what one task costs.
     */
    RoundTripWorkload(final int producers, final TaskShape shape)
    {
        this.shape = shape;
        this.ledger = new ResultLedger(producers);
        this.sources = new RoundTripTask.Source[producers];
        for (int p = 0; p < producers; p++)
        {
            sources[p] = new RoundTripTask.Source(p);
        }
    }

    @Override
    public RoundTripTask newTask()
    {
        return new RoundTripTask();
    }

    @Override
    public RoundTripResult newResult()
    {
        return new RoundTripResult();
    }

    @Override
    public void fill(final RoundTripTask task, final RoundTripTask.Source source)
    {
        task.value = source.nextValue();
    }

    @Override
    public long key(final RoundTripTask task)
    {
        return task.value;
    }

    @Override
    public void run(final RoundTripTask task, final RoundTripResult result)
    {
        RoundTripTask.compute(task, shape, result);
    }

    @Override
    public void copy(final RoundTripResult from, final RoundTripResult to)
    {
        to.value = from.value;
        to.producer = from.producer;
    }

    @Override
    public void record(final RoundTripResult result)
    {
        ledger.record(result.producer, result.value);
    }

    @Override
    public long received(final int producer)
    {
        return ledger.received(producer);
    }

    @Override
    public void runInline(final int producer, final RoundTripTask.Source source, final int count)
    {
        final TaskShape shape = this.shape;
        long sum = 0L;
        for (int i = 0; i < count; i++)
        {
            sum += shape.run(source.nextValue());
        }
        ledger.recordBatch(producer, count, sum);
    }

    /**
     * A producer's source of task values.
     *
     * @param producer the producer, 0 to producers-1.
     * @return its source.
     */
    RoundTripTask.Source source(final int producer)
    {
        return sources[producer];
    }

    /**
     * Waits (yielding) until every task a producer has published has come back.
     *
     * @param producer the producer, 0 to producers-1.
     * @throws IllegalStateException if they did not within {@link #BURST_TIMEOUT_NS}.
     */
    void awaitResults(final int producer)
    {
        ledger.await(producer, sources[producer].count(), BURST_TIMEOUT_NS);
    }

    /**
     * Tasks published by all producers so far.
     *
     * @return the count.
     */
    long published()
    {
        long published = 0L;
        for (final RoundTripTask.Source source : sources)
        {
            published += source.count();
        }
        return published;
    }

    /**
     * Checks that every task published came back exactly once, with the right result.
     *
     * @param contender the contender, for the message.
     * @throws IllegalStateException if a count or checksum is wrong.
     */
    void verify(final Object contender)
    {
        for (int p = 0; p < sources.length; p++)
        {
            final RoundTripTask.Source source = sources[p];
            if (ledger.received(p) != source.count())
            {
                throw new IllegalStateException(contender + ": producer " + p + " published " + source.count() +
                    " tasks but " + ledger.received(p) + " results came back");
            }
            final long expected = source.expectedChecksum();
            if (ledger.checksum(p) != expected)
            {
                throw new IllegalStateException(contender + ": checksum of producer " + p + "'s " + source.count() +
                    " results is " + ledger.checksum(p) + ", expected " + expected);
            }
        }
    }
}
