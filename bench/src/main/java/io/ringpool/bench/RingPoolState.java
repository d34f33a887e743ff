package io.ringpool.bench;

import io.ringpool.Dispatch;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The JMH state of the ringpool contender: {@link ContenderState} plus the dispatch mode, so that each mode is its
 * own row beside the same baselines.
 * <p>
 * <b>Threading:</b> as {@link ContenderState}.
 */
@State(Scope.Benchmark)
public abstract class RingPoolState extends ContenderState
{
    /** How the pool spreads tasks over its workers. */
    @Param({"WORK_STEALING", "ID_SEQUENCED", "KEYED"})
    public Dispatch dispatch;

    /**
     * A ringpool state for one topology.
     *
     * @param topology the producers and workers.
     */
    protected RingPoolState(final Topology topology)
    {
        super(topology, null);
    }

    @Override
    RoundTripRig newRig(final Topology topology, final RigFactory factory)
    {
        return new RingPoolRig(topology, ringSize, TaskShape.of(taskShape), dispatch);
    }
}
