package io.ringpool.example;

import java.util.SplittableRandom;

/**
 * A seeded random walk of quotes over a fixed set of instruments: the same seed gives the same sequence.
 * <p>
 * Each quote picks an instrument at random and moves its mid by a small Gaussian step (about 2 bps). Now and then
 * the market misbehaves so the risk checks have something to catch: a wide spread, a block-sized quote, a crossed
 * quote, a 1% jump.
 * <p>
 * <b>Thread safety:</b> none; owned by the feed thread. Allocates nothing per quote.
 */
public final class QuoteGenerator
{
    private static final double TICK = 0.01;
    private static final double STEP_SIGMA = 0.0002;
    private static final int WIDE_SPREAD_ONE_IN = 2_000;
    private static final int BLOCK_SIZE_ONE_IN = 5_000;
    private static final int CROSSED_ONE_IN = 20_000;
    private static final int JUMP_ONE_IN = 10_000;

    private final SplittableRandom random;
    private final double[] mids;

    /**
     * A generator whose instruments start at mids spread between 20 and 500.
     *
     * @param instruments the number of instruments, at least 1.
     * @param seed        the random seed.
     * @throws IllegalArgumentException if instruments is below 1.
     */
    public QuoteGenerator(final int instruments, final long seed)
    {
        if (instruments < 1)
        {
            throw new IllegalArgumentException("instruments must be >= 1; was " + instruments);
        }
        this.random = new SplittableRandom(seed);
        this.mids = new double[instruments];
        for (int i = 0; i < instruments; i++)
        {
            mids[i] = 20.0 + 480.0 * random.nextDouble();
        }
    }

    /**
     * Fills the market fields of the next quote (instrument, prices, sizes); the schedule fields are the feed's.
     *
     * @param quote the quote to fill.
     */
    public void next(final Quote quote)
    {
        final int instrument = random.nextInt(mids.length);
        double mid = mids[instrument] * (1.0 + STEP_SIGMA * random.nextGaussian());
        if (0 == random.nextInt(JUMP_ONE_IN))
        {
            mid *= random.nextBoolean() ? 1.01 : 0.99;
        }
        // A floor keeps a long walk from reaching zero, where basis points stop meaning anything.
        mid = Math.max(mid, 1.0);
        mids[instrument] = mid;

        final double spreadBps = 0 == random.nextInt(WIDE_SPREAD_ONE_IN) ?
            40.0 + 60.0 * random.nextDouble() : 2.0 + 6.0 * random.nextDouble();
        final double halfSpread = Math.max(TICK, mid * spreadBps / 20_000.0);
        double bid = roundToTick(mid - halfSpread);
        double ask = roundToTick(mid + halfSpread);
        if (0 == random.nextInt(CROSSED_ONE_IN))
        {
            final double swap = bid;
            bid = ask;
            ask = swap;
        }

        quote.set(instrument, bid, ask, size(), size());
    }

    private long size()
    {
        return 0 == random.nextInt(BLOCK_SIZE_ONE_IN) ?
            50_000L + random.nextInt(50_000) : 100L * (1 + random.nextInt(20));
    }

    private static double roundToTick(final double price)
    {
        return Math.round(price / TICK) * TICK;
    }
}
