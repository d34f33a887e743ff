package io.ringpool.bench.latency;

import io.ringpool.bench.TaskShape;
import io.ringpool.bench.contender.Workload;

/**
 * The latency harness's tasks, as every contender carries them: the producer fills each task from the
 * {@link FixedRateSchedule} (its intended send time and its value), a worker stamps when it starts and ends the
 * {@link TaskShape} on the value, and the result consumer hands each result to the {@link LatencyRecorder}. At the
 * end {@link #verify} checks that every task sent came back exactly once with the right value.
 * <p>
 * <b>Threading:</b> as {@link Workload}; one producer, index 0.
 */
final class LatencyWorkload implements Workload<LatencyTask, LatencyResult, FixedRateSchedule>
{
    private final TaskShape shape;
    private final LatencyRecorder recorder;

    /**
     * The workload of one run.
     *
     * @param shape    what one task costs.
     * @param recorder where the result consumer records results.
     */
    LatencyWorkload(final TaskShape shape, final LatencyRecorder recorder)
    {
        this.shape = shape;
        this.recorder = recorder;
    }

    @Override
    public LatencyTask newTask()
    {
        return new LatencyTask();
    }

    @Override
    public LatencyResult newResult()
    {
        return new LatencyResult();
    }

    @Override
    public void fill(final LatencyTask task, final FixedRateSchedule schedule)
    {
        schedule.fillIn(task);
    }

    @Override
    public long key(final LatencyTask task)
    {
        return task.value;
    }

    @Override
    public void run(final LatencyTask task, final LatencyResult result)
    {
        final long startNs = System.nanoTime();
        final long value = shape.run(task.value);
        result.set(task.intendedNs, startNs, System.nanoTime(), value);
    }

    @Override
    public void copy(final LatencyResult from, final LatencyResult to)
    {
        to.set(from.intendedNs, from.startNs, from.endNs, from.value);
    }

    @Override
    public void record(final LatencyResult result)
    {
        recorder.record(result.intendedNs, result.startNs, result.endNs, result.value);
    }

    @Override
    public long received(final int producer)
    {
        return recorder.received();
    }

    @Override
    public void runInline(final int producer, final FixedRateSchedule schedule, final int count)
    {
        final LatencyTask task = new LatencyTask();
        final LatencyResult result = new LatencyResult();
        for (int i = 0; i < count; i++)
        {
            fill(task, schedule);
            run(task, result);
            record(result);
        }
    }

    /**
     * Checks that every task sent came back exactly once with the right value.
     *
     * @param sent      the number of tasks sent: their values were 0 to sent-1.
     * @param contender the contender, for the message.
     * @throws IllegalStateException if the count or the checksum is wrong.
     */
    void verify(final long sent, final Object contender)
    {
        final long received = recorder.received();
        if (received != sent)
        {
            throw new IllegalStateException(contender + ": sent " + sent + " tasks but " + received +
                " results came back");
        }
        long expected = 0L;
        for (long value = 0; value < sent; value++)
        {
            expected += TaskShape.checksumOf(value);
        }
        if (recorder.checksum() != expected)
        {
            throw new IllegalStateException(contender + ": checksum of " + sent + " results is " +
                recorder.checksum() + ", expected " + expected);
        }
    }
}
