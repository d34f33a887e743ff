package io.ringpool.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The calibration of the round-trip benchmarks' task shapes: what one task of each {@link TaskShape} costs when run
 * inline on one thread, in ns. {@link TaskShape#TOKENS_PER_MICROSECOND} was chosen from this benchmark so that
 * {@code 1us} reads about 1,000 ns on the reference machine; {@code uneven} should read about 1/16 of 20 µs.
 * <pre>
 *   JMH thread: next value -> TaskShape.run(value)      (one task, no hand-off)
 * </pre>
 * Run, from the repository root:
 * <pre>
 *   java -jar bench/target/benchmarks.jar TaskShapeBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class TaskShapeBenchmark
{
    /** The shape to time. */
    @Param({"tiny", "100ns", "1us", "uneven"})
    public String taskShape;

    private TaskShape shape;
    private long next;

    /** Resolves the shape. */
    @Setup
    public void resolve()
    {
        shape = TaskShape.of(taskShape);
    }

    /**
     * One task.
     *
     * @return its result.
     */
    @Benchmark
    public long task()
    {
        return shape.run(next++);
    }
}
