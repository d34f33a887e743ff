package io.ringpool.bench.report;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * One JMH round-trip result, as the report uses it.
 * <p>
 * <b>Thread safety:</b> immutable.
 *
 * @param topology     {@code 1P->1W}, {@code 1P->2W} or {@code 2P->2W}.
 * @param shape        the {@code taskShape} parameter.
 * @param ringSize     the {@code ringSize} parameter.
 * @param contender    the benchmark method, with ringpool's dispatch mode in brackets: {@code ringPool[KEYED]}.
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
        final String dispatch = result.getParams().getParam("dispatch");
        final String ringSize = result.getParams().getParam("ringSize");
        final Result<?> primary = result.getPrimaryResult();
        return new ThroughputRow(
            topology(type.substring(type.lastIndexOf('.') + 1)),
            String.valueOf(result.getParams().getParam("taskShape")),
            null == ringSize ? 0 : Integer.parseInt(ringSize),
            null == dispatch ? method : method + '[' + dispatch + ']',
            primary.getScore(),
            primary.getScoreError(),
            bytesPerOp(result));
    }

    /**
     * Whether this is one of ringpool's modes.
     *
     * @return true for {@code ringPool[...]}.
     */
    boolean isRingPool()
    {
        return contender.startsWith("ringPool[");
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

    private static String topology(final String benchmarkClass)
    {
        switch (benchmarkClass)
        {
            case "OneToOneRoundTripBenchmark":
                return "1P->1W";
            case "OneToTwoRoundTripBenchmark":
                return "1P->2W";
            case "TwoToTwoRoundTripBenchmark":
                return "2P->2W";
            case "OneToOneFireAndForgetBenchmark":
                return "1P->1W fire-and-forget";
            default:
                return benchmarkClass;
        }
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
