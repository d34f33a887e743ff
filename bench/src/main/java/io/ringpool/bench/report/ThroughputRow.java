package io.ringpool.bench.report;

import io.ringpool.bench.contender.Contender;
import io.ringpool.bench.contender.Topology;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

import java.util.Optional;

/**
 * One JMH round-trip result, as the report uses it.
 * <p>
 * <b>Thread safety:</b> immutable.
 *
 * @param topology     {@code 1P->1W}, {@code 1P->2W} or {@code 2P->2W}.
 * @param shape        the {@code taskShape} parameter.
 * @param ringSize     the {@code ringSize} parameter.
 * @param contender    the contender's {@link Contender#label() label} (for another benchmark, its method's name).
 * @param opsPerSecond the score, round trips per second.
 * @param error        JMH's error bound on the score (99.9% confidence half-width), NaN with one iteration.
 * @param bytesPerOp   {@code gc.alloc.rate.norm}, NaN without {@code -prof gc}.
 */
record ThroughputRow(
    String topology, String shape, int ringSize, String contender, double opsPerSecond, double error,
    double bytesPerOp)
{
    /**
     * The row of a JMH result.
     *
     * @param result a result of a round-trip benchmark.
     * @return the row.
     */
    static ThroughputRow of(final RunResult result)
    {
        final String benchmark = result.getParams().getBenchmark();
        final String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        final String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
        final String topology = result.getParams().getParam("topology");
        final String contender = result.getParams().getParam("contender");
        final String ringSize = result.getParams().getParam("ringSize");
        final Result<?> primary = result.getPrimaryResult();
        return new ThroughputRow(
            null == topology ?
                topology(type.substring(type.lastIndexOf('.') + 1)) : Topology.valueOf(topology).toString(),
            String.valueOf(result.getParams().getParam("taskShape")),
            null == ringSize ? 0 : Integer.parseInt(ringSize),
            null == contender ? method : Contender.valueOf(contender).label(),
            primary.getScore(),
            primary.getScoreError(),
            bytesPerOp(result));
    }

    /**
     * The registered contender of this row.
     *
     * @return the contender; empty for another benchmark's row.
     */
    Optional<Contender> registered()
    {
        return Contender.withLabel(contender);
    }

    /**
     * The contender's name as every table shows it.
     *
     * @return its {@link Contender#displayName()}, or the label of another benchmark's row.
     */
    String displayName()
    {
        return registered().map(Contender::displayName).orElse(contender);
    }

    /**
     * The row's place in a table: {@link Contender}'s order, other benchmarks' rows last.
     *
     * @return the rank.
     */
    int rank()
    {
        return registered().map(Contender::ordinal).orElse(Integer.MAX_VALUE);
    }

    /**
     * Whether this is one of ringpool's modes.
     *
     * @return true for ringpool's registered contenders.
     */
    boolean isRingPool()
    {
        return registered().map(Contender::isRingPool).orElse(false);
    }

    /**
     * The cell this row belongs to: topology, shape and ring size.
     *
     * @return e.g. {@code 1P->1W tiny 4096}.
     */
    String cell()
    {
        return topology + ' ' + shape + ' ' + ringSize;
    }

    /**
     * This row's throughput divided by another's, with the error bound.
     *
     * @param other the denominator.
     * @return the ratio.
     */
    Ratio over(final ThroughputRow other)
    {
        return Ratio.of(opsPerSecond, error, other.opsPerSecond, other.error);
    }

    /** The topology of a benchmark without a {@code topology} parameter: its class names it. */
    private static String topology(final String benchmarkClass)
    {
        return "OneToOneFireAndForgetBenchmark".equals(benchmarkClass) ? "1P->1W fire-and-forget" : benchmarkClass;
    }

    private static double bytesPerOp(final RunResult result)
    {
        for (final String label : result.getSecondaryResults().keySet())
        {
            if (label.endsWith("gc.alloc.rate.norm"))
            {
                return result.getSecondaryResults().get(label).getScore();
            }
        }
        return Double.NaN;
    }
}
