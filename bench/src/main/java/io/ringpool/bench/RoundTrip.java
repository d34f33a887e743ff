package io.ringpool.bench;

import io.ringpool.bench.contender.Rig;

import java.util.function.Function;

/**
 * One started contender and its round-trip workload, as a benchmark's trial holds them: bursts in, results back,
 * and at the end a stop that checks every task came back exactly once.
 * <p>
 * <b>Lifecycle and threading:</b> as {@link Rig}: {@link #start} and {@link #stop()} on one thread while no producer
 * is in a round trip, {@link #roundTrip(int)} by one thread per producer index at a time.
 */
final class RoundTrip
{
    private final RoundTripWorkload workload;
    private final Rig<RoundTripTask, RoundTripResult, RoundTripTask.Source> rig;

    private RoundTrip(
        final RoundTripWorkload workload, final Rig<RoundTripTask, RoundTripResult, RoundTripTask.Source> rig)
    {
        this.workload = workload;
        this.rig = rig;
    }

    /**
     * Builds and starts a contender around a new workload.
     *
     * @param producers the number of producers.
     * @param shape     what one task costs.
     * @param build     builds the contender's rig around the workload.
     * @return the started round trip.
     */
    static RoundTrip start(
        final int producers, final TaskShape shape,
        final Function<RoundTripWorkload, Rig<RoundTripTask, RoundTripResult, RoundTripTask.Source>> build)
    {
        final RoundTripWorkload workload = new RoundTripWorkload(producers, shape);
        final RoundTrip roundTrip = new RoundTrip(workload, build.apply(workload));
        roundTrip.rig.start();
        return roundTrip;
    }

    /**
     * One round trip of one producer: a burst of {@link RoundTripBenchmark#BURST} tasks, and the wait for their
     * results.
     *
     * @param producer the producer's index, 0 to producers-1.
     * @return the producer's results so far.
     */
    long roundTrip(final int producer)
    {
        final RoundTripTask.Source source = workload.source(producer);
        rig.publish(producer, source, RoundTripBenchmark.BURST);
        workload.awaitResults(producer);
        return source.count();
    }

    /**
     * Stops the contender and checks that every task published came back exactly once, with the right result.
     *
     * @throws IllegalStateException if a count or checksum is wrong, or the contender did not stop cleanly.
     */
    void stop()
    {
        rig.stop(workload.published());
        workload.verify(rig);
    }
}
