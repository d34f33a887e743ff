package io.ringpool.bench.latency;

import io.ringpool.bench.TaskShape;

import java.util.concurrent.TimeUnit;

/**
 * One contender of the latency harness, set up as its JMH round-trip rig is (same rings or queues of
 * {@code ringSize}, same wait strategies, same result path), but carrying {@link LatencyTask}s: the producer sends one
 * task at a time when it is due, each worker stamps when it starts and ends the task, and the contender's one
 * collector thread hands each result to the {@link LatencyRecorder}.
 * <p>
 * <b>Lifecycle:</b> {@link #start()} once, {@link #send} any number of times, {@link #stop(long)} once, after every
 * result has come back; start, send and stop on one thread, the producer.
 * <b>Guarantee:</b> nothing waits forever: a send that finds no room for {@link #WAIT_TIMEOUT_NS} throws, and so does
 * a stop whose threads do not end within {@link #STOP_TIMEOUT_NS} or whose results do not add up.
 */
abstract class LatencyRig
{
    /** How long a send may wait for room before the run fails. */
    static final long WAIT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    /** How long a stop may wait for the contender's threads. */
    static final long STOP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    final int workers;
    final int ringSize;
    final TaskShape shape;
    final LatencyRecorder recorder;

    LatencyRig(final int workers, final int ringSize, final TaskShape shape, final LatencyRecorder recorder)
    {
        this.workers = workers;
        this.ringSize = ringSize;
        this.shape = shape;
        this.recorder = recorder;
    }

    /** Makes and starts the contender's threads. */
    abstract void start();

    /**
     * Sends the schedule's current task, waiting (yielding) while the contender is full.
     *
     * @param schedule the schedule, advanced to the task to send.
     */
    abstract void send(FixedRateSchedule schedule);

    /**
     * Stops the contender's threads and waits for them.
     *
     * @param sent the number of tasks sent, all of whose results have come back.
     * @throws IllegalStateException if a thread did not stop in time, or the contender's own end-of-run report is
     *                               not exact.
     */
    abstract void stopContender(long sent);

    /**
     * Stops the contender and checks that every task sent came back exactly once with the right value.
     *
     * @param sent the number of tasks sent: their values were 0 to sent-1.
     * @throws IllegalStateException if a count or the checksum is wrong, or the contender did not stop cleanly.
     */
    final void stop(final long sent)
    {
        stopContender(sent);
        final long received = recorder.received();
        if (received != sent)
        {
            throw new IllegalStateException(this + ": sent " + sent + " tasks but " + received + " results came back");
        }
        long expected = 0L;
        for (long value = 0; value < sent; value++)
        {
            expected += TaskShape.checksumOf(value);
        }
        if (recorder.checksum() != expected)
        {
            throw new IllegalStateException(this + ": checksum of " + sent + " results is " + recorder.checksum() +
                ", expected " + expected);
        }
    }

    /**
     * A deadline {@link #WAIT_TIMEOUT_NS} from now, for a wait that must not hang.
     *
     * @return the deadline on the {@link System#nanoTime()} scale.
     */
    static long waitDeadline()
    {
        return System.nanoTime() + WAIT_TIMEOUT_NS;
    }

    /**
     * Yields the core, or throws if a wait has passed its deadline.
     *
     * @param deadlineNs the deadline on the {@link System#nanoTime()} scale.
     * @param what       what is being waited for, for the message.
     * @throws IllegalStateException if the deadline has passed.
     */
    static void yieldBefore(final long deadlineNs, final String what)
    {
        Thread.yield();
        if (System.nanoTime() - deadlineNs >= 0)
        {
            throw new IllegalStateException("gave up waiting for " + what + " after " +
                TimeUnit.NANOSECONDS.toMillis(WAIT_TIMEOUT_NS) + " ms");
        }
    }

    @Override
    public String toString()
    {
        return getClass().getSimpleName() + "{workers=" + workers + ", ringSize=" + ringSize + ", " + shape.label() +
            '}';
    }
}
