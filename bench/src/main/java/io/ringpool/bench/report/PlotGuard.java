package io.ringpool.bench.report;

import io.ringpool.bench.latency.LatencyOutcome;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws a plot so that a machine without a working font setup costs the report its picture, not its numbers: the
 * plot is not a benchmark, and the tables and .hgrm files hold everything it shows.
 * <p>
 * <b>Thread safety:</b> stateless.
 */
final class PlotGuard
{
    private PlotGuard()
    {
    }

    /**
     * Draws one rate's percentile plot.
     *
     * @param png      the file.
     * @param title    the title.
     * @param outcomes the rate's outcomes.
     * @return null if it was drawn, else why not.
     */
    static String draw(final Path png, final String title, final List<LatencyOutcome> outcomes)
    {
        try
        {
            PercentilePlot.write(png, title, outcomes);
            return null;
        }
        catch (final IOException | RuntimeException ex)
        {
            return ex.toString();
        }
        catch (final Error ex)
        {
            // AWT without fonts or native libraries fails with errors, not exceptions (UnsatisfiedLinkError,
            // InternalError, a plain Error "no fonts found"); those leave the JVM sound. Running out of memory or
            // stack does not, so it propagates.
            if (ex instanceof OutOfMemoryError || ex instanceof StackOverflowError)
            {
                throw ex;
            }
            return ex.toString();
        }
    }
}
