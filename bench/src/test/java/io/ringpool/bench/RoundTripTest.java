package io.ringpool.bench;

import io.ringpool.bench.contender.Contender;
import io.ringpool.bench.contender.Topology;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every contender in every topology through a few round trips in this JVM, without JMH: each producer gets every
 * burst back, and the stop finds every task came back exactly once with the right result (its own check throws
 * otherwise). The ring is smaller than a burst, so every contender also meets backpressure.
 */
class RoundTripTest
{
    private static final int RING_SIZE = 1024;
    private static final int ROUND_TRIPS = 3;

    static Stream<Arguments> contenders()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final Topology topology : Topology.values())
        {
            for (final Contender contender : Contender.values())
            {
                cases.add(Arguments.of(topology, contender));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("contenders")
    @Timeout(30)
    void shouldBringEveryBurstBackExactlyOnce(final Topology topology, final Contender contender)
        throws InterruptedException
    {
        final RoundTrip roundTrip = RoundTrip.start(topology.producers(), TaskShape.UNEVEN,
            workload -> contender.newRig(topology, RING_SIZE, workload));
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread[] producers = new Thread[topology.producers()];
        for (int p = 0; p < producers.length; p++)
        {
            final int producer = p;
            producers[p] = new Thread(() ->
            {
                try
                {
                    for (int i = 1; i <= ROUND_TRIPS; i++)
                    {
                        assertEquals((long)i * RoundTripBenchmark.BURST, roundTrip.roundTrip(producer));
                    }
                }
                catch (final Throwable ex)
                {
                    failure.compareAndSet(null, ex);
                }
            }, "producer-" + p);
            producers[p].start();
        }
        for (final Thread producer : producers)
        {
            producer.join();
        }

        assertNull(failure.get());
        roundTrip.stop();
    }
}
