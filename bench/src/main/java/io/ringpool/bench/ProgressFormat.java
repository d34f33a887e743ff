package io.ringpool.bench;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;

/**
 * JMH's own output, with one {@code [BenchGrid]} progress line before and after each benchmark: how far the grid is,
 * how long it has run, and the benchmark's score.
 * <p>
 * <b>Threading:</b> JMH's runner calls it from its one thread.
 */
final class ProgressFormat implements OutputFormat
{
    private final OutputFormat jmh;
    private final PrintStream out;
    private final int total;
    private final long startNs = System.nanoTime();
    private int started;

    /**
     * Wraps JMH's format.
     *
     * @param jmh   JMH's own output format.
     * @param out   where progress lines go.
     * @param total the number of benchmarks the grid expects.
     */
    ProgressFormat(final OutputFormat jmh, final PrintStream out, final int total)
    {
        this.jmh = jmh;
        this.out = out;
        this.total = total;
    }

    @Override
    public void startBenchmark(final BenchmarkParams params)
    {
        started++;
        out.println("[BenchGrid] (" + started + '/' + total + ", " + BenchGrid.seconds(startNs) + ") start " +
            name(params));
        jmh.startBenchmark(params);
    }

    @Override
    public void endBenchmark(final BenchmarkResult result)
    {
        jmh.endBenchmark(result);
        if (null == result)
        {
            // Defensive: a benchmark that ended without a result.
            out.println("[BenchGrid] (" + started + '/' + total + ") FAILED");
            return;
        }
        final Result<?> primary = result.getPrimaryResult();
        out.println("[BenchGrid] (" + started + '/' + total + ", " + BenchGrid.seconds(startNs) + ") done  " +
            name(result.getParams()) + ": " + String.format("%,.0f ± %,.0f %s", primary.getScore(),
            primary.getScoreError(), primary.getScoreUnit()));
    }

    private static String name(final BenchmarkParams params)
    {
        final StringBuilder name = new StringBuilder(params.getBenchmark().replace("io.ringpool.bench.", ""));
        for (final String key : params.getParamsKeys())
        {
            name.append(' ').append(key).append('=').append(params.getParam(key));
        }
        return name.toString();
    }

    @Override
    public void iteration(final BenchmarkParams benchParams, final IterationParams params, final int iteration)
    {
        jmh.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(
        final BenchmarkParams benchParams, final IterationParams params, final int iteration,
        final IterationResult data)
    {
        jmh.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startRun()
    {
        jmh.startRun();
    }

    @Override
    public void endRun(final Collection<RunResult> result)
    {
        jmh.endRun(result);
    }

    @Override
    public void print(final String s)
    {
        jmh.print(s);
    }

    @Override
    public void println(final String s)
    {
        jmh.println(s);
    }

    @Override
    public void flush()
    {
        jmh.flush();
    }

    @Override
    public void close()
    {
        // The stream is the caller's, and a grid runs JMH once per producer count: flush it, never close it.
        jmh.flush();
    }

    @Override
    public void verbosePrintln(final String s)
    {
        jmh.verbosePrintln(s);
    }

    @Override
    public void write(final int b)
    {
        jmh.write(b);
    }

    @Override
    public void write(final byte[] b) throws IOException
    {
        jmh.write(b);
    }
}
