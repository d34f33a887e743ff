package io.ringpool.example;

/**
 * Rolling mid price and rolling VWAP over the last {@code window} quotes of each instrument.
 * <p>
 * The weight of a quote in the VWAP is its total quoted size (bid size + ask size). All state lives in flat arrays
 * allocated up front, {@code window} slots per instrument, so {@link #add} allocates nothing.
 * <p>
 * <b>Thread safety:</b> none; one instance belongs to one worker.
 */
public final class RollingWindows
{
    private final int instruments;
    private final int window;
    private final double[] mids;
    private final long[] sizes;
    private final double[] sumMid;
    private final double[] sumMidSize;
    private final long[] sumSize;
    private final int[] fill;
    private final int[] next;

    /**
     * Empty windows for every instrument.
     *
     * @param instruments the number of instruments, ids 0 to instruments-1; at least 1.
     * @param window      the number of quotes each window holds; at least 1.
     * @throws IllegalArgumentException if either is below 1.
     */
    public RollingWindows(final int instruments, final int window)
    {
        if (instruments < 1 || window < 1)
        {
            throw new IllegalArgumentException(
                "instruments and window must be >= 1; were " + instruments + " and " + window);
        }
        this.instruments = instruments;
        this.window = window;
        this.mids = new double[instruments * window];
        this.sizes = new long[instruments * window];
        this.sumMid = new double[instruments];
        this.sumMidSize = new double[instruments];
        this.sumSize = new long[instruments];
        this.fill = new int[instruments];
        this.next = new int[instruments];
    }

    /**
     * Adds a quote to its instrument's window, evicting the oldest once the window is full.
     *
     * @param instrument the instrument id.
     * @param mid        the quote's mid price.
     * @param size       the quote's total size, its weight in the VWAP.
     */
    public void add(final int instrument, final double mid, final long size)
    {
        final int slot = next[instrument];
        final int index = instrument * window + slot;
        if (fill[instrument] == window)
        {
            sumMid[instrument] -= mids[index];
            sumMidSize[instrument] -= mids[index] * sizes[index];
            sumSize[instrument] -= sizes[index];
        }
        else
        {
            fill[instrument]++;
        }
        mids[index] = mid;
        sizes[index] = size;
        sumMid[instrument] += mid;
        sumMidSize[instrument] += mid * size;
        sumSize[instrument] += size;

        if (slot + 1 == window)
        {
            next[instrument] = 0;
            // Add-and-subtract sums drift by rounding over millions of quotes; re-summing once per lap bounds that
            // error to one lap's worth at an amortised cost of one addition per quote.
            resum(instrument);
        }
        else
        {
            next[instrument] = slot + 1;
        }
    }

    /**
     * The mean mid over the instrument's window.
     *
     * @param instrument the instrument id.
     * @return the rolling mid, or NaN if no quote was added yet.
     */
    public double rollingMid(final int instrument)
    {
        final int count = fill[instrument];
        return 0 == count ? Double.NaN : sumMid[instrument] / count;
    }

    /**
     * The size-weighted mean mid over the instrument's window.
     *
     * @param instrument the instrument id.
     * @return the VWAP; the rolling mid if every size in the window is 0; NaN if no quote was added yet.
     */
    public double vwap(final int instrument)
    {
        final long weight = sumSize[instrument];
        return 0 == weight ? rollingMid(instrument) : sumMidSize[instrument] / weight;
    }

    /**
     * How many quotes the instrument's window holds.
     *
     * @param instrument the instrument id.
     * @return 0 to the window length.
     */
    public int fill(final int instrument)
    {
        return fill[instrument];
    }

    /**
     * The number of instruments.
     *
     * @return the number of instruments.
     */
    public int instruments()
    {
        return instruments;
    }

    private void resum(final int instrument)
    {
        final int base = instrument * window;
        final int count = fill[instrument];
        double mid = 0.0;
        double midSize = 0.0;
        long size = 0L;
        for (int i = 0; i < count; i++)
        {
            mid += mids[base + i];
            midSize += mids[base + i] * sizes[base + i];
            size += sizes[base + i];
        }
        sumMid[instrument] = mid;
        sumMidSize[instrument] = midSize;
        sumSize[instrument] = size;
    }
}
