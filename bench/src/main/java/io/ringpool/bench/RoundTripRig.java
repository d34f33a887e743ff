package io.ringpool.bench;

import java.util.concurrent.TimeUnit;

/**
 * One contender of the round-trip benchmarks, set up for one topology: it carries bursts of tasks from the
 * producers through its workers to its result consumer, and checks at the end that every task came back once.
 * <p>
 * A round trip is: a producer publishes {@link #BURST} tasks, each worker runs the {@link TaskShape} on the tasks it
 * gets and hands a result on, the result consumer records each result in the {@link ResultLedger}, and the producer
 * waits (yielding) until all of its burst has been recorded.
 * <p>
 * <b>Lifecycle:</b> {@link #start()} once, {@link #roundTrip(int)} any number of times, {@link #stop()} once; start
 * and stop on one thread while no producer is in a round trip.
 * <b>Threading:</b> {@link #roundTrip(int)} is called by one thread per producer index at a time (JMH's benchmark
 * threads), concurrently for different producers.
 * <b>Guarantee:</b> nothing waits forever: a burst that does not come back within {@link #BURST_TIMEOUT_NS} throws,
 * and so does a stop whose threads do not end within {@link #STOP_TIMEOUT_NS}.
 */
abstract class RoundTripRig
{
    /** Tasks per round trip, per producer: JMH's operations per invocation. */
    static final int BURST = 10_000;

    /** How long one burst may take to come back before the run fails: normally a few milliseconds. */
    static final long BURST_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    /** How long a stop may wait for the contender's threads. */
    static final long STOP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    final Topology topology;
    final int ringSize;
    final TaskShape shape;
    final ResultLedger ledger;
    private final RoundTripTask.Source[] sources;

    RoundTripRig(final Topology topology, final int ringSize, final TaskShape shape)
    {
        this.topology = topology;
        this.ringSize = ringSize;
        this.shape = shape;
        this.ledger = new ResultLedger(topology.producers());
        this.sources = new RoundTripTask.Source[topology.producers()];
        for (int p = 0; p < sources.length; p++)
        {
            sources[p] = new RoundTripTask.Source(p);
        }
    }

    /** Makes and starts the contender's threads. */
    abstract void start();

    /**
     * Publishes {@code count} tasks from one producer, waiting (yielding) while the contender is full.
     *
     * @param producer the producer's index.
     * @param source   the producer's source of task values.
     * @param count    the number of tasks.
     */
    abstract void publishBurst(int producer, RoundTripTask.Source source, int count);

    /**
     * Stops the contender's threads, once every burst has come back, and waits for them.
     *
     * @throws IllegalStateException if a thread did not stop in time, or the contender's own end-of-run report is
     *                               not exact.
     */
    abstract void stopContender();

    /**
     * One round trip: a burst from this producer, and the wait for its results.
     *
     * @param producer the producer's index, 0 to producers-1; one thread per index at a time.
     * @return the producer's results received so far, for JMH to consume.
     */
    final long roundTrip(final int producer)
    {
        final RoundTripTask.Source source = sources[producer];
        publishBurst(producer, source, BURST);
        ledger.await(producer, source.count(), BURST_TIMEOUT_NS);
        return source.count();
    }

    /**
     * Stops the contender and checks that every task published came back exactly once, with the right result.
     *
     * @throws IllegalStateException if a count or checksum is wrong, or the contender did not stop cleanly.
     */
    final void stop()
    {
        stopContender();
        for (int p = 0; p < sources.length; p++)
        {
            final RoundTripTask.Source source = sources[p];
            if (ledger.received(p) != source.count())
            {
                throw new IllegalStateException(this + ": producer " + p + " published " + source.count() +
                    " tasks but " + ledger.received(p) + " results came back");
            }
            final long expected = source.expectedChecksum();
            if (ledger.checksum(p) != expected)
            {
                throw new IllegalStateException(this + ": checksum of producer " + p + "'s " + source.count() +
                    " results is " + ledger.checksum(p) + ", expected " + expected);
            }
        }
    }

    /**
     * Tasks published by one producer so far.
     *
     * @param producer the producer's index.
     * @return the count.
     */
    final long published(final int producer)
    {
        return sources[producer].count();
    }

    /**
     * A deadline {@link #BURST_TIMEOUT_NS} from now, for a wait that must not hang.
     *
     * @return the deadline on the {@link System#nanoTime()} scale.
     */
    static long burstDeadline()
    {
        return System.nanoTime() + BURST_TIMEOUT_NS;
    }

    /**
     * Yields the core, or throws if a wait has passed its deadline.
     *
     * @param deadlineNs the deadline on the {@link System#nanoTime()} scale.
     * @param what       what is being waited for, for the message.
     * @throws IllegalStateException if the deadline has passed.
     */
    static void yieldBefore(final long deadlineNs, final String what)
    {
        Thread.yield();
        if (System.nanoTime() - deadlineNs >= 0)
        {
            throw new IllegalStateException("gave up waiting for " + what + " after " +
                BURST_TIMEOUT_NS / 1_000_000L + " ms");
        }
    }

    /**
     * The contender's name in messages.
     *
     * @return the name.
     */
    String name()
    {
        return getClass().getSimpleName();
    }

    @Override
    public String toString()
    {
        return name() + '{' + topology + ", ringSize=" + ringSize + ", " + shape.label() + '}';
    }
}
