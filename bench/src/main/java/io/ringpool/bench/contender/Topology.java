package io.ringpool.bench.contender;

/**
 * Who talks to whom: producers publish to workers, whose results go to one result consumer. Every contender is built
 * for a topology ({@link Contender#newRig}); the round-trip benchmark takes it as its {@code topology} parameter (and
 * runs one JMH thread per producer), the latency harness uses one producer and the plan's worker counts
 * ({@link #of}).
 * <p>
 * <b>Thread safety:</b> immutable.
 */
public enum Topology
{
    /** One producer, one worker: the hand-off alone. */
    ONE_TO_ONE(1, 1),

    /** One producer, two workers: dispatch among workers. */
    ONE_TO_TWO(1, 2),

    /** Two producers, two workers: producers contend on the claim too. */
    TWO_TO_TWO(2, 2);

    private final int producers;
    private final int workers;

    Topology(final int producers, final int workers)
    {
        this.producers = producers;
        this.workers = workers;
    }

    /**
     * The number of producing threads.
     *
     * @return 1 or more.
     */
    public int producers()
    {
        return producers;
    }

    /**
     * The number of worker threads.
     *
     * @return 1 or more.
     */
    public int workers()
    {
        return workers;
    }

    /**
     * The topology of one producer and {@code workers} workers, or of any producer and worker count for the latency
     * harness's plans: one of the constants where one fits.
     *
     * @param producers producing threads, 1 or more.
     * @param workers   worker threads, 1 or more.
     * @return the topology.
     * @throws IllegalArgumentException if no constant has those counts.
     */
    public static Topology of(final int producers, final int workers)
    {
        for (final Topology topology : values())
        {
            if (topology.producers == producers && topology.workers == workers)
            {
                return topology;
            }
        }
        throw new IllegalArgumentException("no topology has " + producers + " producer(s) and " + workers +
            " worker(s)");
    }

    @Override
    public String toString()
    {
        return producers + "P->" + workers + "W";
    }
}
