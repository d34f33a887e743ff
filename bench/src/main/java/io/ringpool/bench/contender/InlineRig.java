package io.ringpool.bench.contender;

/**
 * The baseline without a hand-off: each producer fills, runs and records its own tasks on its own thread
 * ({@link Workload#runInline}).
 * <pre>
 *   producer: fill -> run -> add up;  count times, then record them
 * </pre>
 * What is left of a round trip when no other thread is involved: the ceiling for every contender, and the cost of
 * the task itself.
 * <p>
 * <b>Threading:</b> as {@link Rig}; each producer is the only writer of its own results.
 */
final class InlineRig<T, R, A> extends Rig<T, R, A>
{
    InlineRig(final Topology topology, final int ringSize, final Workload<T, R, A> workload)
    {
        super(topology, ringSize, workload);
    }

    @Override
    public void start()
    {
    }

    @Override
    public void publish(final int producer, final A source, final int count)
    {
        workload.runInline(producer, source, count);
    }

    @Override
    public void stop(final long published)
    {
    }
}
