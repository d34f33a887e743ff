package io.ringpool.bench.report;

import io.ringpool.bench.contender.Contender;
import io.ringpool.bench.latency.LatencyOutcome;
import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;

/**
 * Draws the latency percentile curves of one rate as a PNG: one line per contender, latency in microseconds (log
 * scale) against the percentile on a log {@code 1/(1-p)} axis from 90% to 99.999%, so each decade of the x axis is
 * one more nine. JFreeChart, drawn off screen: the JVM must run with {@code -Djava.awt.headless=true} (the report
 * sets it if nobody did).
 * <p>
 * Beyond {@code 1 - 1/samples} a curve is flat at the maximum: the run saw no rarer event. A run that missed its
 * rate is drawn dashed and marked in the legend.
 * <p>
 * <b>Thread safety:</b> stateless.
 */
final class PercentilePlot
{
    /** 1/(1-p) at 90%. */
    static final double FROM = 10.0;

    /** 1/(1-p) at 99.999%. */
    static final double TO = 100_000.0;

    private static final int POINTS_PER_DECADE = 40;
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 620;
    private static final float RING_POOL_STROKE = 2.6f;
    private static final float RIVAL_STROKE = 1.8f;

    /** One colour per contender, in {@link Contender}'s order: ringpool's modes in blues, the rivals apart. */
    private static final Color[] COLOURS = {
        new Color(0x1f4e9c), new Color(0x3d8fd6), new Color(0x7fb9ee), new Color(0xc0392b), new Color(0xe67e22),
        new Color(0x27ae60), new Color(0x7f6a93), new Color(0x555555)};

    private PercentilePlot()
    {
    }

    /**
     * Draws one rate's curves.
     *
     * @param png      the file to write.
     * @param title    the chart's title.
     * @param outcomes the rate's outcomes; those without samples are left out.
     * @throws IOException if the file cannot be written.
     */
    static void write(final Path png, final String title, final List<LatencyOutcome> outcomes) throws IOException
    {
        final XYSeriesCollection curves = new XYSeriesCollection();
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (final LatencyOutcome outcome : outcomes)
        {
            if (!outcome.hasSamples())
            {
                continue;
            }
            final Contender contender = outcome.contender();
            final int series = curves.getSeriesCount();
            curves.addSeries(curve(contender.displayName() + (outcome.ok() ? "" : " (missed rate)"),
                outcome.latency()));
            final Color colour = COLOURS[Math.min(contender.ordinal(), COLOURS.length - 1)];
            renderer.setSeriesPaint(series, colour);
            renderer.setSeriesStroke(series, stroke(contender.isRingPool(), outcome.ok()));
        }

        final XYPlot plot = new XYPlot(curves, percentileAxis(), latencyAxis(curves), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xcccccc));
        plot.setRangeGridlinePaint(new Color(0xcccccc));
        plot.setRangeMinorGridlinesVisible(true);
        plot.setRangeMinorGridlinePaint(new Color(0xeeeeee));

        final JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        // Room on the right for the last percentile label.
        chart.setPadding(new RectangleInsets(8.0, 8.0, 8.0, 36.0));
        final LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }

    private static XYSeries curve(final String name, final Histogram latency)
    {
        final XYSeries curve = new XYSeries(name, false, true);
        final int points = POINTS_PER_DECADE * (int)Math.round(Math.log10(TO / FROM));
        for (int i = 0; i <= points; i++)
        {
            final double x = FROM * Math.pow(10.0, (double)i / POINTS_PER_DECADE);
            final double percentile = 100.0 * (1.0 - 1.0 / x);
            // Microseconds; a log axis cannot show 0, and nothing here takes less than a nanosecond.
            curve.add(x, Math.max(0.001, latency.getValueAtPercentile(percentile) / 1e3));
        }
        return curve;
    }

    private static LogAxis percentileAxis()
    {
        final LogAxis axis = new LogAxis("percentile");
        axis.setBase(10.0);
        axis.setRange(FROM, TO);
        axis.setAutoTickUnitSelection(false);
        axis.setTickUnit(new NumberTickUnit(1.0), false, false);
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new PercentileFormat());
        return axis;
    }

    private static LogAxis latencyAxis(final XYSeriesCollection curves)
    {
        final LogAxis axis = new LogAxis("latency (µs), intended send to result received");
        axis.setBase(10.0);
        axis.setSmallestValue(0.001);
        // Whole decades around the curves, at least two, so the axis always has labelled ticks.
        if (curves.getSeriesCount() > 0)
        {
            final double low = Math.floor(Math.log10(minY(curves)));
            final double high = Math.max(low + 1.0, Math.ceil(Math.log10(maxY(curves))));
            axis.setRange(Math.pow(10.0, low), Math.pow(10.0, high));
        }
        // One labelled tick per decade: 1, 10, 100, 1,000 µs.
        axis.setAutoTickUnitSelection(false);
        axis.setTickUnit(new NumberTickUnit(1.0), false, false);
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new DecimalFormat("#,##0.###"));
        return axis;
    }

    private static double minY(final XYSeriesCollection curves)
    {
        double min = Double.MAX_VALUE;
        for (int i = 0; i < curves.getSeriesCount(); i++)
        {
            min = Math.min(min, curves.getSeries(i).getMinY());
        }
        return min;
    }

    private static double maxY(final XYSeriesCollection curves)
    {
        double max = 0.001;
        for (int i = 0; i < curves.getSeriesCount(); i++)
        {
            max = Math.max(max, curves.getSeries(i).getMaxY());
        }
        return max;
    }

    private static BasicStroke stroke(final boolean ringPool, final boolean ok)
    {
        final float width = ringPool ? RING_POOL_STROKE : RIVAL_STROKE;
        return ok ? new BasicStroke(width) :
            new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10.0f, new float[] {6.0f, 4.0f},
                0.0f);
    }

    /** Labels a point of the {@code 1/(1-p)} axis with its percentile: 10 is 90%, 1000 is 99.9%. */
    private static final class PercentileFormat extends NumberFormat
    {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(final double x, final StringBuffer text, final FieldPosition position)
        {
            final double percentile = 100.0 * (1.0 - 1.0 / x);
            final int nines = (int)Math.round(Math.log10(x));
            final int decimals = Math.max(0, nines - 2);
            return text.append(String.format("%." + decimals + "f%%", percentile));
        }

        @Override
        public StringBuffer format(final long x, final StringBuffer text, final FieldPosition position)
        {
            return format((double)x, text, position);
        }

        @Override
        public Number parse(final String source, final ParsePosition position)
        {
            throw new UnsupportedOperationException("the percentile axis only formats");
        }
    }
}
