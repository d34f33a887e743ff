package io.ringpool.example;

import io.ringpool.PoolState;
import io.ringpool.ShutdownReport;
import io.ringpool.hdrhistogram.StageHistograms;
import io.ringpool.hdrhistogram.StageHistograms.Stage;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Prints what a run was asked to do and what it did, and decides its exit code.
 * <p>
 * <b>Rate check:</b> the run keeps its target rate if the feed published every scheduled quote and finished no
 * more than {@link #RATE_TOLERANCE} of the run's duration behind its schedule. A run that fell further behind is
 * reported as having missed its rate, with its latency figures marked as not at the target rate, rather than as a
 * run at some lower rate.
 * <p>
 * <b>Kept-up check:</b> a feed can keep its schedule while the pipeline falls behind it (the ring absorbs the
 * burst, then the backlog grows in the feed's waits). So the run is OK only if, besides the rate, the end-to-end p99
 * is within {@code --max-p99} and, when the feed ended, no more quotes were undelivered than
 * {@link Flags#backlogBound()}.
 * <p>
 * <b>Threading:</b> call {@link #print} on the thread that drained the pool, after the drain.
 */
public final class RunReport
{
    /** How far behind schedule the feed may finish, as a fraction of the run's duration. */
    public static final double RATE_TOLERANCE = 0.01;

    private static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9, 99.99};
    private static final String[] PERCENTILE_LABELS = {"p50", "p90", "p99", "p99.9", "p99.99"};

    private final Flags flags;
    private final RiskLimits limits;
    private final QuoteFeed feed;
    private final LatencyAggregator aggregator;

    /**
     * A report over the run's parts; nothing is read from them until it prints.
     *
     * @param flags      the run's flags.
     * @param limits     the risk limits the workers check.
     * @param feed       the feed.
     * @param aggregator the aggregator.
     */
    public RunReport(
        final Flags flags, final RiskLimits limits, final QuoteFeed feed, final LatencyAggregator aggregator)
    {
        this.flags = flags;
        this.limits = limits;
        this.feed = feed;
        this.aggregator = aggregator;
    }

    /**
     * Prints the configuration and the environment, before the run.
     *
     * @param out where to print.
     */
    public void printConfiguration(final PrintStream out)
    {
        out.println("ringpool example: market-data enrichment");
        out.println();
        out.println("configuration");
        line(out, "feed", "%,d quotes/s for %d s = %,d quotes, open loop; warm-up %d s (%,d quotes not timed)",
            flags.ratePerSecond(), flags.durationSeconds(), flags.scheduledQuotes(), flags.warmupSeconds(),
            flags.warmupQuotes());
        line(out, "pool", "%d workers (%s dispatch), rings of %d, %s waits on both rings, single producer",
            flags.workers(), Flags.flagValue(flags.dispatch()), flags.ringSize(), flags.waitMode().flagValue());
        line(out, "market", "%d instruments, seeded random walk; rolling window %d quotes per %s",
            MarketDataEnrichment.INSTRUMENTS, MarketDataEnrichment.WINDOW,
            flags.dispatch() == io.ringpool.Dispatch.KEYED ? "instrument" : "worker x instrument");
        line(out, "risk limits", "%s", limits);
        if (null != flags.countersFile())
        {
            line(out, "counters", "%s (java -jar tools/target/ringpool-stat.jar %s)", flags.countersFile(),
                flags.countersFile());
        }
        line(out, "environment", "%d cores, Java %s (%s), GC %s", Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"), System.getProperty("java.vm.name"), collectors());
        out.println();
        out.flush();
    }

    /**
     * Prints the feed, the shutdown report, the aggregates and the latency percentiles, then the verdict.
     *
     * @param out              where to print.
     * @param report           the pool's shutdown report.
     * @param backlogAtFeedEnd quotes published but not yet delivered when the feed ended; -1 if unknown.
     * @return the exit code: {@link MarketDataEnrichment#EXIT_OK}, {@code EXIT_FAILED}, {@code EXIT_RATE_MISSED}
     *     or {@code EXIT_FELL_BEHIND}.
     */
    public int print(
        final PrintStream out, final ShutdownReport<Quote, EnrichedQuote> report, final long backlogAtFeedEnd)
    {
        final boolean rateMet = printFeed(out, backlogAtFeedEnd);
        printShutdown(out, report);
        printResults(out);
        printLatency(out, rateMet);

        final List<String> failures = failures(report);
        out.println();
        if (!failures.isEmpty())
        {
            out.println("result: FAILED: " + String.join("; ", failures));
            return MarketDataEnrichment.EXIT_FAILED;
        }
        if (!rateMet)
        {
            out.println("result: RATE MISSED: the feed could not keep " + String.format(Locale.ROOT, "%,d",
                flags.ratePerSecond()) + " quotes/s; the figures above are not a run at that rate");
            return MarketDataEnrichment.EXIT_RATE_MISSED;
        }
        final Histogram latency = aggregator.latencyNs();
        final String behind = fellBehind(
            latency.getTotalCount(), latency.getValueAtPercentile(50.0), latency.getValueAtPercentile(99.0),
            backlogAtFeedEnd, flags);
        if (null != behind)
        {
            out.println("result: FELL BEHIND: " + behind);
            return MarketDataEnrichment.EXIT_FELL_BEHIND;
        }
        out.println("result: OK");
        return MarketDataEnrichment.EXIT_OK;
    }

    /**
     * Whether the pipeline kept up with the feed, and if not, why, in one line.
     *
     * @param samples          how many latencies were recorded.
     * @param p50Ns            the end-to-end median.
     * @param p99Ns            the end-to-end 99th percentile.
     * @param backlogAtFeedEnd quotes undelivered when the feed ended; negative if unknown.
     * @param flags            the run's flags: the p99 and backlog bounds.
     * @return null if it kept up; otherwise what fell behind, with the figures and their bounds.
     */
    static String fellBehind(
        final long samples, final long p50Ns, final long p99Ns, final long backlogAtFeedEnd, final Flags flags)
    {
        final long p99BoundNs = TimeUnit.MILLISECONDS.toNanos(flags.maxP99Millis());
        final boolean slow = samples > 0 && p99Ns > p99BoundNs;
        final boolean piledUp = backlogAtFeedEnd > flags.backlogBound();
        if (!slow && !piledUp)
        {
            return null;
        }
        return String.format(Locale.ROOT, "p50 %s, p99 %s (bound %,d ms); %,d quotes still undelivered when the " +
            "feed ended (bound %,d)", duration(p50Ns), duration(p99Ns), flags.maxP99Millis(),
            Math.max(0L, backlogAtFeedEnd), flags.backlogBound());
    }

    private static String duration(final long nanos)
    {
        return nanos >= 1_000_000L ?
            String.format(Locale.ROOT, "%,.1f ms", nanos / 1e6) : String.format(Locale.ROOT, "%,.1f us", nanos / 1e3);
    }

    private boolean printFeed(final PrintStream out, final long backlogAtFeedEnd)
    {
        final long toleranceNs = (long)(TimeUnit.SECONDS.toNanos(flags.durationSeconds()) * RATE_TOLERANCE);
        final boolean complete = feed.published() == feed.scheduled();
        final boolean rateMet = complete && feed.finalLagNs() <= toleranceNs;
        final double feedSeconds = (feed.endNs() - feed.startNs()) / 1e9;
        final double resultSeconds = (aggregator.lastResultNs() - feed.startNs()) / 1e9;

        out.println("feed");
        line(out, "published", "%,d of %,d scheduled quotes", feed.published(), feed.scheduled());
        line(out, "send rate", "%,.0f quotes/s (target %,d)", feed.published() / feedSeconds, flags.ratePerSecond());
        line(out, "schedule", "%s: finished %.3f ms behind schedule (tolerance %.0f ms); worst publish lag %.3f ms",
            rateMet ? "rate met" : "RATE MISSED", millis(feed.finalLagNs()), millis(toleranceNs),
            millis(feed.maxLagNs()));
        if (null != feed.failure())
        {
            line(out, "stopped early", "%s", feed.failure());
        }
        line(out, "throughput", "%,.0f quotes/s enriched and delivered (schedule start to last result)",
            0 < resultSeconds ? aggregator.completed() / resultSeconds : 0.0);
        if (backlogAtFeedEnd >= 0)
        {
            line(out, "backlog", "%,d quotes undelivered when the feed ended (bound %,d: --max-p99 at the rate, " +
                "at least one ring)", backlogAtFeedEnd, flags.backlogBound());
        }
        out.println();
        return rateMet;
    }

    private static void printShutdown(final PrintStream out, final ShutdownReport<Quote, EnrichedQuote> report)
    {
        out.println("shutdown report");
        line(out, "state", "%s, %s", report.finalState(), report.drained() ? "drained" : "NOT drained");
        line(out, "published", "%,d", report.published());
        line(out, "completed", "%,d", report.completed());
        line(out, "failed", "%,d", report.failed());
        line(out, "cancelled", "%,d", report.cancelled());
        line(out, "expired", "%,d", report.expired());
        line(out, "returned", "%,d", report.returned());
        line(out, "abandoned", "%,d", report.abandoned());
        line(out, "undelivered", "%,d", report.undelivered());
        line(out, "isBalanced", "%s (published == completed + failed + cancelled + expired + returned + abandoned)",
            report.isBalanced());
        if (null != report.cause())
        {
            line(out, "cause", "%s", report.cause());
        }
        if (!report.notes().isEmpty())
        {
            line(out, "notes", "%s", report.notes());
        }
        out.println();
    }

    private void printResults(final PrintStream out)
    {
        final StringBuilder byWorker = new StringBuilder();
        final StringBuilder byFlag = new StringBuilder();
        for (int id = 0; id < flags.workers(); id++)
        {
            byWorker.append(0 == id ? "" : ", ").append(String.format(Locale.ROOT, "#%d %,d", id,
                aggregator.deliveredBy(id)));
        }
        for (int bit = 0; bit < RiskLimits.FLAG_COUNT; bit++)
        {
            byFlag.append(0 == bit ? "" : ", ").append(String.format(Locale.ROOT, "%s %,d", RiskLimits.flagName(bit),
                aggregator.breaches(bit)));
        }

        out.println("results");
        line(out, "delivered", "%,d completed, %,d failed; by worker %s", aggregator.completed(),
            aggregator.failed(), byWorker);
        line(out, "risk breaches", "%,d quotes (%s)", aggregator.breachedQuotes(), byFlag);
        line(out, "spread", "mean %.2f bps, max %.2f bps", aggregator.meanSpreadBps(), aggregator.maxSpreadBps());
        line(out, "mid vs vwap", "mean |mid - rolling VWAP| %.2f bps", aggregator.meanVwapDeviationBps());
        line(out, "max notional", "%,.0f", aggregator.maxNotional());
        out.println();
    }

    private void printLatency(final PrintStream out, final boolean rateMet)
    {
        final Histogram histogram = aggregator.latencyNs();
        final StageHistograms stages = aggregator.stages();
        out.println("latency, microseconds: end to end (result delivered - intended send time) and its stages" +
            (rateMet ? "" : " -- NOT AT THE TARGET RATE"));
        if (0 == histogram.getTotalCount())
        {
            line(out, "count", "0 (no quote after the warm-up was delivered)");
            return;
        }
        final Histogram[] columns = {histogram, stages.histogram(Stage.QUEUE_WAIT), stages.histogram(Stage.SERVICE),
            stages.histogram(Stage.RESULT_WAIT)};
        line(out, "", "%12s %12s %12s %12s", "end to end", Stage.QUEUE_WAIT.label(), Stage.SERVICE.label(),
            Stage.RESULT_WAIT.label());
        for (int i = 0; i < PERCENTILES.length; i++)
        {
            final double percentile = PERCENTILES[i];
            line(out, PERCENTILE_LABELS[i], "%s", row(columns, h -> micros(h.getValueAtPercentile(percentile))));
        }
        line(out, "max", "%s", row(columns, h -> micros(h.getMaxValue())));
        line(out, "mean", "%s", row(columns, h -> h.getMean() / 1e3));
        line(out, "count", "%,12d %,12d %,12d %,12d%s", histogram.getTotalCount(), columns[1].getTotalCount(),
            columns[2].getTotalCount(), columns[3].getTotalCount(),
            0 == aggregator.clipped() ? "" : String.format(Locale.ROOT, " (%,d above 60 s, recorded as 60 s)",
                aggregator.clipped()));
        out.println("  note: queue wait = publish to worker start, service = the enrichment, result wait = its end to");
        out.println("        delivery here; end to end also counts the feed's own delay between schedule and publish.");
        if (Runtime.getRuntime().availableProcessors() <= 2)
        {
            out.println("  note: feed, workers and collector share 2 cores here; from p99 up the figures are mostly");
            out.println("        OS scheduling (a yielding thread can be descheduled for milliseconds): compare p50/p90.");
        }
    }

    private static String row(final Histogram[] columns, final java.util.function.ToDoubleFunction<Histogram> value)
    {
        final StringBuilder row = new StringBuilder(64);
        for (final Histogram column : columns)
        {
            row.append(0 == row.length() ? "" : " ").append(String.format(Locale.ROOT, "%,12.1f",
                value.applyAsDouble(column)));
        }
        return row.toString();
    }

    private List<String> failures(final ShutdownReport<Quote, EnrichedQuote> report)
    {
        final List<String> failures = new ArrayList<>();
        if (PoolState.FAILED == report.finalState() || null != report.cause())
        {
            failures.add("the pool failed (" + report.cause() + ")");
        }
        if (!report.isBalanced())
        {
            failures.add("the shutdown report does not balance");
        }
        if (!report.drained())
        {
            failures.add("the drain did not finish within " + MarketDataEnrichment.DRAIN_TIMEOUT.toSeconds() + " s");
        }
        if (0 != report.failed() || 0 != aggregator.failed())
        {
            failures.add(report.failed() + " enrichments threw");
        }
        if (0 != report.undelivered())
        {
            failures.add(report.undelivered() + " results were not delivered");
        }
        if (feed.published() != feed.scheduled())
        {
            failures.add("the feed published " + feed.published() + " of " + feed.scheduled() + " quotes");
        }
        return failures;
    }

    private static void line(final PrintStream out, final String label, final String format, final Object... args)
    {
        out.printf(Locale.ROOT, "  %-14s %s%n", label, String.format(Locale.ROOT, format, args));
    }

    private static String collectors()
    {
        final StringBuilder names = new StringBuilder();
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            names.append(0 == names.length() ? "" : ", ").append(collector.getName());
        }
        return names.toString();
    }

    private static double micros(final long nanos)
    {
        return nanos / 1e3;
    }

    private static double millis(final long nanos)
    {
        return nanos / 1e6;
    }
}
