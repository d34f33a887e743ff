package io.ringpool.bench;

import org.openjdk.jmh.infra.Blackhole;

import java.util.Arrays;

/**
 * What one task of the round-trip benchmarks costs, the {@code taskShape} parameter.
 * <p>
 * Every shape returns the same value for a task, {@link #checksumOf(long)}, so a teardown can check the results of
 * any shape cheaply; the shapes differ only in the CPU they burn first, with {@link Blackhole#consumeCPU(long)},
 * which the JIT cannot remove (it reads a volatile) and whose cost is linear in its tokens.
 * <p>
 * <b>Calibration.</b> {@link #TOKENS_PER_MICROSECOND} was measured once on the reference machine (2-core AMD EPYC
 * VM, JDK 17) with {@link TaskShapeBenchmark}, which times each shape inline ({@code -bm avgt}): a token costs about
 * 2 ns there (450 tokens measured 940 ns, hence 480). On another machine rerun that benchmark and read the shapes'
 * real cost from it; the token counts stay fixed, so the work per task is the same everywhere and only its duration
 * differs.
 * <p>
 * <b>Thread safety:</b> immutable.
 */
public enum TaskShape
{
    /** A few arithmetic operations: the hand-off dominates. */
    TINY("tiny", 0L, 0L),

    /** About 100 ns of CPU per task. */
    HUNDRED_NS("100ns", TaskShape.TOKENS_PER_MICROSECOND / 10L, TaskShape.TOKENS_PER_MICROSECOND / 10L),

    /** About 1 µs of CPU per task. */
    ONE_US("1us", TaskShape.TOKENS_PER_MICROSECOND, TaskShape.TOKENS_PER_MICROSECOND),

    /**
     * Mostly tiny, but every 16th task (by its producer's count) burns about 20 µs: load imbalance, and head-of-line
     * blocking for dispatch that fixes a task's worker in advance.
     */
    UNEVEN("uneven", 0L, 20L * TaskShape.TOKENS_PER_MICROSECOND);

    /** {@link Blackhole#consumeCPU} tokens that cost about 1 µs on the reference machine. */
    public static final long TOKENS_PER_MICROSECOND = 480L;

    /** Every task whose count has these low bits set is a heavy one (1 in 16). */
    private static final long HEAVY_MASK = 15L;

    private final String label;
    private final long lightTokens;
    private final long heavyTokens;

    TaskShape(final String label, final long lightTokens, final long heavyTokens)
    {
        this.label = label;
        this.lightTokens = lightTokens;
        this.heavyTokens = heavyTokens;
    }

    /**
     * The shape a {@code taskShape} parameter names.
     *
     * @param label {@code tiny}, {@code 100ns}, {@code 1us} or {@code uneven}.
     * @return the shape.
     * @throws IllegalArgumentException if no shape has that label.
     */
    public static TaskShape of(final String label)
    {
        for (final TaskShape shape : values())
        {
            if (shape.label.equals(label))
            {
                return shape;
            }
        }
        throw new IllegalArgumentException("taskShape must be one of " +
            Arrays.toString(Arrays.stream(values()).map(TaskShape::label).toArray()) + "; was '" + label + "'");
    }

    /**
     * The label used as the {@code taskShape} parameter value.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }

    /**
     * Runs one task: burns this shape's CPU for it, then computes its result.
     *
     * @param value the task's value, {@link RoundTripTask.Source#nextValue()}.
     * @return {@link #checksumOf(long) checksumOf(value)}.
     */
    public long run(final long value)
    {
        final long tokens = (value & HEAVY_MASK) == HEAVY_MASK ? heavyTokens : lightTokens;
        if (0L != tokens)
        {
            Blackhole.consumeCPU(tokens);
        }
        return checksumOf(value);
    }

    /**
     * A task's result, whatever its shape: a multiply and a shift-xor, cheap enough for a teardown to recompute
     * millions of them.
     *
     * @param value the task's value.
     * @return its result.
     */
    public static long checksumOf(final long value)
    {
        final long mixed = value * 0x9E3779B97F4A7C15L;
        return mixed ^ (mixed >>> 29);
    }
}
