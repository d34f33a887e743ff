package io.ringpool.example;

/**
 * Pre-trade risk limits applied to every enriched quote. A breach is a flag on the result, not an exception: the
 * quote is still enriched and delivered, and the aggregator counts it.
 * <p>
 * <b>Thread safety:</b> immutable; may be shared by every worker.
 */
public final class RiskLimits
{
    /** The quote's notional (mid × the larger size) is above the limit. */
    public static final int NOTIONAL = 1;
    /** The spread is wider than the limit. */
    public static final int WIDE_SPREAD = 1 << 1;
    /** The ask is at or below the bid. */
    public static final int CROSSED = 1 << 2;
    /** The mid is further from the rolling mid than the limit allows. */
    public static final int MID_JUMP = 1 << 3;
    /** The number of distinct flags, for arrays indexed by flag bit. */
    public static final int FLAG_COUNT = 4;

    private final double maxNotional;
    private final double maxSpreadBps;
    private final double maxMidDeviationBps;

    /**
     * Limits as given.
     *
     * @param maxNotional        the largest notional allowed, {@code > 0}.
     * @param maxSpreadBps       the widest spread allowed, in basis points, {@code > 0}.
     * @param maxMidDeviationBps the furthest the mid may be from the rolling mid, in basis points, {@code > 0}.
     * @throws IllegalArgumentException naming a limit that is not positive.
     */
    public RiskLimits(final double maxNotional, final double maxSpreadBps, final double maxMidDeviationBps)
    {
        requirePositive("maxNotional", maxNotional);
        requirePositive("maxSpreadBps", maxSpreadBps);
        requirePositive("maxMidDeviationBps", maxMidDeviationBps);
        this.maxNotional = maxNotional;
        this.maxSpreadBps = maxSpreadBps;
        this.maxMidDeviationBps = maxMidDeviationBps;
    }

    /**
     * The limits this example runs with: 5 million notional, 25 bps spread, 50 bps from the rolling mid.
     *
     * @return the default limits.
     */
    public static RiskLimits defaults()
    {
        return new RiskLimits(5_000_000.0, 25.0, 50.0);
    }

    /**
     * Checks an enriched quote whose mid, rolling mid, spread and notional are already set.
     *
     * @param quote the enriched quote.
     * @return the flags it raises, OR-ed; 0 when it is within every limit.
     */
    public int check(final EnrichedQuote quote)
    {
        int flags = 0;
        if (quote.notional > maxNotional)
        {
            flags |= NOTIONAL;
        }
        if (quote.spreadBps <= 0.0)
        {
            flags |= CROSSED;
        }
        else if (quote.spreadBps > maxSpreadBps)
        {
            flags |= WIDE_SPREAD;
        }
        final double deviationBps = Math.abs(quote.mid - quote.rollingMid) / quote.rollingMid * 10_000.0;
        if (deviationBps > maxMidDeviationBps)
        {
            flags |= MID_JUMP;
        }
        return flags;
    }

    /**
     * A flag's name, for reports.
     *
     * @param bit the flag's bit index, 0 to {@link #FLAG_COUNT}-1.
     * @return its name.
     */
    public static String flagName(final int bit)
    {
        switch (1 << bit)
        {
            case NOTIONAL:
                return "notional";
            case WIDE_SPREAD:
                return "wide spread";
            case CROSSED:
                return "crossed";
            case MID_JUMP:
                return "mid jump";
            default:
                throw new IllegalArgumentException("bit must be from 0 to " + (FLAG_COUNT - 1) + "; was " + bit);
        }
    }

    @Override
    public String toString()
    {
        return String.format("notional <= %,.0f, spread <= %.1f bps, |mid - rolling mid| <= %.1f bps",
            maxNotional, maxSpreadBps, maxMidDeviationBps);
    }

    private static void requirePositive(final String name, final double value)
    {
        if (!(value > 0.0))
        {
            throw new IllegalArgumentException(name + " must be > 0; was " + value);
        }
    }
}
