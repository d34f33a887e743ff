package io.ringpool.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The JMH state of one contender in one topology: the parameters every contender shares, and its
 * {@link RoundTripRig}, started once per trial and stopped (and checked) after it. Each topology's benchmark class
 * has one small subclass per contender that names the topology and the rig.
 * <p>
 * <b>Threading:</b> one per benchmark ({@link Scope#Benchmark}), shared by its producers; JMH runs the setup and the
 * teardown on one thread while no producer is in a round trip.
 */
@State(Scope.Benchmark)
public abstract class ContenderState
{
    /** Entries of every ring, and the capacity of every queue or in-flight window, so that all hold the same. */
    @Param({"4096"})
    public int ringSize;

    /** What one task costs: {@code tiny}, {@code 100ns}, {@code 1us} or {@code uneven} ({@link TaskShape}). */
    @Param({"tiny", "1us"})
    public String taskShape;

    private final Topology topology;
    private final RigFactory factory;
    private RoundTripRig rig;

    /**
     * A state for one contender in one topology.
     *
     * @param topology the producers and workers.
     * @param factory  makes the contender's rig.
     */
    protected ContenderState(final Topology topology, final RigFactory factory)
    {
        this.topology = topology;
        this.factory = factory;
    }

    /** Makes and starts the rig. */
    @Setup(Level.Trial)
    public void start()
    {
        rig = newRig(topology, factory);
        rig.start();
    }

    /**
     * Stops the rig and checks that every task came back exactly once.
     *
     * @throws IllegalStateException if a count, checksum or shutdown report is wrong.
     */
    @TearDown(Level.Trial)
    public void stop()
    {
        rig.stop();
    }

    /**
     * One round trip of one producer: a burst of {@link RoundTripRig#BURST} tasks and the wait for their results.
     *
     * @param producer the producer's index: 0, or JMH's thread index with several producers.
     * @return the producer's results so far.
     */
    public long roundTrip(final int producer)
    {
        return rig.roundTrip(producer);
    }

    /**
     * Makes the rig from the parameters; a subclass with parameters of its own overrides it.
     *
     * @param topology the producers and workers.
     * @param factory  the factory given to the constructor.
     * @return the rig, not yet started.
     */
    RoundTripRig newRig(final Topology topology, final RigFactory factory)
    {
        return factory.newRig(topology, ringSize, TaskShape.of(taskShape));
    }

    /** Makes a contender's rig: the rigs' constructors. */
    @FunctionalInterface
    interface RigFactory
    {
        /**
         * Makes a rig.
         *
         * @param topology the producers and workers.
         * @param ringSize entries of every ring or queue.
         * @param shape    what one task costs.
         * @return the rig, not yet started.
         */
        RoundTripRig newRig(Topology topology, int ringSize, TaskShape shape);
    }
}
