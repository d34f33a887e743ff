package io.ringpool.bench.report;

/**
 * A ratio of two measurements, each with its error bound, and the error bound of the ratio: the relative errors
 * added in quadrature, {@code e(a/b) = a/b * sqrt((ea/a)^2 + (eb/b)^2)}, the first-order propagation, which assumes
 * the two errors independent (they are: different forks, different benchmarks).
 * <p>
 * <b>Thread safety:</b> immutable.
 *
 * @param value the ratio, {@code a / b}.
 * @param error its error bound, NaN when either input had none (a single iteration).
 */
record Ratio(double value, double error)
{
    /**
     * The ratio of two measurements.
     *
     * @param a      the numerator's score.
     * @param aError its error bound (JMH's 99.9% confidence half-width), NaN if unknown.
     * @param b      the denominator's score.
     * @param bError its error bound, NaN if unknown.
     * @return the ratio.
     */
    static Ratio of(final double a, final double aError, final double b, final double bError)
    {
        final double value = a / b;
        final double relative = Math.sqrt(square(aError / a) + square(bError / b));
        return new Ratio(value, value * relative);
    }

    /**
     * Whether the error bound reaches past {@code target}: then the verdict against it is within the noise.
     *
     * @param target the target ratio.
     * @return true if {@code |value - target| <= error}.
     */
    boolean straddles(final double target)
    {
        return !Double.isNaN(error) && Math.abs(value - target) <= error;
    }

    /**
     * The ratio as {@code 1.23 ± 0.12}, or without the error when it is unknown.
     *
     * @return the text.
     */
    String text()
    {
        final String format = value >= 0.1 ? "%.2f" : "%.4f";
        final String ratio = String.format(format, value);
        return Double.isNaN(error) ? ratio : ratio + " ± " + String.format(format, error);
    }

    private static double square(final double x)
    {
        return x * x;
    }
}
