package io.ringpool.bench;

/**
 * Who talks to whom in a round-trip benchmark: producers (JMH's benchmark threads) publish to workers, whose results
 * go to one result consumer.
 * <p>
 * <b>Thread safety:</b> immutable.
 */
enum Topology
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
    int producers()
    {
        return producers;
    }

    /**
     * The number of worker threads.
     *
     * @return 1 or more.
     */
    int workers()
    {
        return workers;
    }

    @Override
    public String toString()
    {
        return producers + "P->" + workers + "W";
    }
}
