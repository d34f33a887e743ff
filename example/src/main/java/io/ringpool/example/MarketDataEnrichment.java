package io.ringpool.example;

import com.lmax.disruptor.dsl.ProducerType;
import io.ringpool.Dispatch;
import io.ringpool.RingPool;
import io.ringpool.RingPoolBuilder;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Market-data enrichment on a ringpool, end to end:
 * <pre>
 *   QuoteFeed ──publish──► task ring ──► Enricher × workers ──► result ring ──► LatencyAggregator ──► RunReport
 *   (fixed rate,           (Quote)       (rolling mid, VWAP,    (EnrichedQuote)  (HdrHistograms: end to
 *    one thread)                          spread, risk check)                     end and per stage;
 *                                                                                  breach counts)
 * </pre>
 * The feed runs open loop for {@code --duration} seconds, then the pool is drained and the report printed. Run
 * {@code java -jar example/target/ringpool-example.jar --help} for the flags and exit codes.
 */
public final class MarketDataEnrichment
{
    /** Exit code of a run that kept its rate and whose pool accounted for every quote. */
    public static final int EXIT_OK = 0;
    /** Exit code when the pool failed, lost or refused quotes, or its report does not balance. */
    public static final int EXIT_FAILED = 1;
    /** Exit code for bad flags. */
    public static final int EXIT_USAGE = 2;
    /** Exit code when the feed fell behind its schedule: the latency figures are not at the target rate. */
    public static final int EXIT_RATE_MISSED = 3;
    /** Exit code: the rate was kept but the pipeline fell behind it (p99 or the backlog over its bound). */
    public static final int EXIT_FELL_BEHIND = 4;

    static final int INSTRUMENTS = 64;
    static final int WINDOW = 32;
    static final long SEED = 0x5EED_C0DEL;
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private MarketDataEnrichment()
    {
    }

    /**
     * Runs the example and exits with its exit code.
     *
     * @param args the flags; see {@link Flags#USAGE}.
     * @throws InterruptedException if the main thread is interrupted while the feed runs.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Parses the flags, runs the example and prints its report.
     *
     * @param args the flags.
     * @param out  where the report goes.
     * @param err  where flag errors go.
     * @return the exit code.
     * @throws InterruptedException if the calling thread is interrupted while the feed runs.
     */
    static int run(final String[] args, final PrintStream out, final PrintStream err) throws InterruptedException
    {
        final Flags flags;
        try
        {
            flags = Flags.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("ringpool-example: " + ex.getMessage());
            err.println("run with --help for the flags and their allowed values");
            return EXIT_USAGE;
        }
        if (flags.help())
        {
            out.println(Flags.USAGE);
            return EXIT_OK;
        }
        return enrich(flags, out, err);
    }

    private static int enrich(final Flags flags, final PrintStream out, final PrintStream err)
        throws InterruptedException
    {
        final RiskLimits limits = RiskLimits.defaults();
        final LatencyAggregator aggregator = new LatencyAggregator(flags.warmupQuotes(), flags.workers());
        final RingPoolBuilder<Quote, EnrichedQuote> builder = RingPool.builder(Quote::new, EnrichedQuote::new)
            .name("enrichment")
            .workers(flags.workers())
            .ringSize(flags.ringSize())
            .producerType(ProducerType.SINGLE)
            .waitPolicy(flags.waitMode().policy())
            .dispatch(flags.dispatch())
            .handlerFactory(workerId -> new Enricher(INSTRUMENTS, WINDOW, limits))
            // Every outcome carries its publish, start and end times: the report splits latency into stages.
            .timeStages()
            .resultHandler(aggregator);
        if (null != flags.countersFile())
        {
            builder.countersFile(flags.countersFile());
        }
        if (flags.dispatch() == Dispatch.KEYED)
        {
            // Every quote of an instrument goes to one worker, in publish order: true per-instrument windows.
            builder.keyExtractor(quote -> quote.instrumentId);
        }
        final RingPool<Quote, EnrichedQuote> pool;
        try
        {
            pool = builder.build();
        }
        catch (final IllegalStateException ex)
        {
            // A counters file that cannot be made: the JVM flag it needs is missing, or the path is not writable.
            err.println("ringpool-example: " + ex.getMessage());
            return EXIT_USAGE;
        }
        final QuoteFeed feed = new QuoteFeed(
            pool, new QuoteGenerator(INSTRUMENTS, SEED), flags.ratePerSecond(), flags.scheduledQuotes());
        final RunReport report = new RunReport(flags, limits, feed, aggregator);
        report.printConfiguration(out);

        long backlogAtFeedEnd = -1L;
        try
        {
            pool.start();
            final Thread feedThread = new Thread(feed, "quote-feed");
            feedThread.start();
            feedThread.join();
            backlogAtFeedEnd = feed.published() - aggregator.deliveredSoFar();
        }
        finally
        {
            // Also on the way out of an exception: the pool's threads are not daemons and would keep the JVM up.
            pool.drain(DRAIN_TIMEOUT);
        }

        // The drain joined the collector thread, so the aggregator's plain fields are safe to read here.
        return report.print(out, pool.report().orElseThrow(), backlogAtFeedEnd);
    }
}
