package io.ringpool.bench;

/**
 * The baseline without a hand-off: each producer runs its own tasks on its own thread and adds up their results.
 * <pre>
 *   producer: next value -> run the shape -> add to its sum;  BURST times, then record the burst in the ledger
 * </pre>
 * What is left of a round trip when no other thread is involved: the ceiling for every contender, and the cost of
 * the task shape itself.
 * <p>
 * <b>Threading:</b> as {@link RoundTripRig}; each producer is the only writer of its ledger slot.
 */
final class InlineRig extends RoundTripRig
{
    InlineRig(final Topology topology, final int ringSize, final TaskShape shape)
    {
        super(topology, ringSize, shape);
    }

    @Override
    void start()
    {
    }

    @Override
    void publishBurst(final int producer, final RoundTripTask.Source source, final int count)
    {
        final TaskShape shape = this.shape;
        long sum = 0L;
        for (int i = 0; i < count; i++)
        {
            sum += shape.run(source.nextValue());
        }
        ledger.recordBatch(producer, count, sum);
    }

    @Override
    void stopContender()
    {
    }
}
