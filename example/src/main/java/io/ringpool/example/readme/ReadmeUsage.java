package io.ringpool.example.readme;

// tag::usage[]
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.OutcomeStatus;
import io.ringpool.RingPool;
import io.ringpool.ShutdownReport;
import io.ringpool.TaskContext;
import io.ringpool.WaitPolicy;
import io.ringpool.WorkHandler;

import java.time.Duration;

public final class ReadmeUsage
{
    /** A task: pre-allocated, one per ring entry, filled in place by a translator. */
    static final class Quote
    {
        long instrumentId;
        double bid;
        double ask;
    }

    /** A result: pre-allocated too, filled by the handler. */
    static final class Enriched
    {
        long instrumentId;
        double mid;
    }

    /** One handler per worker: it may keep state without locks. */
    static final class Enricher implements WorkHandler<Quote, Enriched>
    {
        @Override
        public void onTask(final Quote quote, final Enriched out, final TaskContext context)
        {
            out.instrumentId = quote.instrumentId;
            out.mid = (quote.bid + quote.ask) / 2;
        }
    }

    /** A static translator fills the pre-allocated task in place: publishing allocates nothing. */
    private static final EventTranslatorOneArg<Quote, double[]> FROM_RAW = (quote, sequence, raw) ->
    {
        quote.instrumentId = (long)raw[0];
        quote.bid = raw[1];
        quote.ask = raw[2];
    };

    public static void main(final String[] args)
    {
        final double[] total = new double[1];
        final RingPool<Quote, Enriched> pool = RingPool.builder(Quote::new, Enriched::new)
            .name("enrich")
            .workers(2)                                  // fixed; ids 0..1, threads enrich-worker-0..1
            .ringSize(4096)                              // power of two; a full ring = backpressure
            .producerType(ProducerType.SINGLE)           // checked: a second producing thread is refused
            .waitPolicy(WaitPolicy.YIELDING)             // every wait of the pool; default BLOCKING
            .handlerFactory(workerId -> new Enricher())  // one handler per worker, or .handler(shared)
            .resultHandler((outcome, endOfBatch) ->      // one collector thread, enrich-results
            {
                if (OutcomeStatus.COMPLETED == outcome.status())
                {
                    total[0] += outcome.result().mid;
                }
            })
            .build();
        pool.start();

        final double[] raw = new double[3];
        for (int i = 0; i < 100_000; i++)
        {
            raw[0] = i % 64;
            raw[1] = 100.0;
            raw[2] = 100.5;
            final long handle = pool.publish(FROM_RAW, raw);   // waits while the ring is full; returns the sequence
        }
        final long maybe = pool.tryPublish(FROM_RAW, raw);     // -1 when the ring is full, never waits

        // Runs everything accepted, delivers every outcome, joins every thread; falls back to halt on timeout.
        final ShutdownReport<Quote, Enriched> report = pool.drain(Duration.ofSeconds(5));
        System.out.println(report);
        System.out.println("balanced: " + report.isBalanced() + ", sum of mids: " + total[0]);
    }
}
// end::usage[]
