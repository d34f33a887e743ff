package io.ringpool.bench.contender;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One contender, built for one topology and ring size around a driver's {@link Workload}: it carries tasks from the
 * producers through its workers to its one result consumer, and at its stop checks its own end-of-run accounting.
 * Both drivers use the same rigs: the JMH round trip publishes bursts and waits for them to come back, the latency
 * harness publishes one task at a time when it is due.
 * <p>
 * <b>Lifecycle:</b> {@link #start()} once, {@link #publish} any number of times, {@link #stop(long)} once, after every
 * result has come back; start and stop on one thread while no producer is publishing.
 * <b>Threading:</b> {@link #publish} is called by one thread per producer index at a time, concurrently for different
 * producers.
 * <b>Guarantee:</b> nothing waits forever: a publish that finds no room for {@link #WAIT_TIMEOUT_NS} throws, and so
 * does a stop whose threads do not end within {@link #STOP_TIMEOUT_NS}. Whether every result came back with the
 * right value is the driver's check, after the stop.
 *
 * @param <T> the workload's task.
 * @param <R> the workload's result.
 * @param <A> what a producer fills its tasks from.
 */
public abstract class Rig<T, R, A>
{
    /** How long a publish may wait for room, or a worker for a result entry, before the run fails. */
    public static final long WAIT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    /** How long a stop may wait for the contender's threads. */
    public static final long STOP_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    final Topology topology;
    final int ringSize;
    final Workload<T, R, A> workload;

    Rig(final Topology topology, final int ringSize, final Workload<T, R, A> workload)
    {
        this.topology = topology;
        this.ringSize = ringSize;
        this.workload = workload;
    }

    /** Makes and starts the contender's threads. */
    public abstract void start();

    /**
     * Publishes {@code count} tasks of one producer, waiting (yielding) while the contender is full.
     *
     * @param producer the producer's index, 0 to producers-1.
     * @param source   the producer's source, which fills its tasks.
     * @param count    the number of tasks.
     */
    public abstract void publish(int producer, A source, int count);

    /**
     * Stops the contender's threads, once every result has come back, waits for them, and checks the contender's own
     * end-of-run report where it has one.
     *
     * @param published the number of tasks published by all producers.
     * @throws IllegalStateException if a thread did not stop in time, or the contender's report is not exact.
     */
    public abstract void stop(long published);

    /**
     * A deadline {@link #WAIT_TIMEOUT_NS} from now, for a wait that must not hang.
     *
     * @return the deadline on the {@link System#nanoTime()} scale.
     */
    public static long waitDeadline()
    {
        return System.nanoTime() + WAIT_TIMEOUT_NS;
    }

    /**
     * A bounded {@link java.util.concurrent.ThreadPoolExecutor}'s rejection handler that waits as a full ring does:
     * the caller yields and offers again until the task fits, up to {@link #waitDeadline()}; once the executor has
     * shut down it rejects.
     *
     * @param task     the task that did not fit.
     * @param executor the executor.
     * @throws java.util.concurrent.RejectedExecutionException if the executor has shut down.
     * @throws IllegalStateException                           if no room came before the deadline.
     */
    public static void offerYielding(final Runnable task, final java.util.concurrent.ThreadPoolExecutor executor)
    {
        final java.util.concurrent.BlockingQueue<Runnable> queue = executor.getQueue();
        final long deadlineNs = waitDeadline();
        while (!queue.offer(task))
        {
            if (executor.isShutdown())
            {
                throw new java.util.concurrent.RejectedExecutionException("executor has shut down");
            }
            yieldBefore(deadlineNs, "room in the executor's queue");
        }
    }

    /**
     * Yields the core, or throws if a wait has passed its deadline.
     *
     * @param deadlineNs the deadline on the {@link System#nanoTime()} scale.
     * @param what       what is being waited for, for the message.
     * @throws IllegalStateException if the deadline has passed.
     */
    public static void yieldBefore(final long deadlineNs, final String what)
    {
        Thread.yield();
        if (System.nanoTime() - deadlineNs >= 0)
        {
            throw new IllegalStateException("gave up waiting for " + what + " after " +
                TimeUnit.NANOSECONDS.toMillis(WAIT_TIMEOUT_NS) + " ms");
        }
    }

    /**
     * Publishes {@code count} tasks through a ring's try-publish, yielding while the ring is full: how the Disruptor
     * contenders publish, instead of the Disruptor's {@code next()}, which parks.
     *
     * @param ring   the ring's try-publish.
     * @param source the producer's source.
     * @param count  the number of tasks.
     * @param what   the ring, for the message.
     * @param <A>    what a producer fills its tasks from.
     * @throws IllegalStateException if the ring has no room for {@link #WAIT_TIMEOUT_NS}.
     */
    static <A> void publishYielding(final TryPublish<A> ring, final A source, final int count, final String what)
    {
        for (int i = 0; i < count; i++)
        {
            if (!ring.tryPublish(source))
            {
                final long deadlineNs = waitDeadline();
                while (!ring.tryPublish(source))
                {
                    yieldBefore(deadlineNs, what);
                }
            }
        }
    }

    /**
     * Claims an entry of a result ring, yielding while the ring is full.
     *
     * @param ring the ring's try-claim.
     * @param what the ring, for the message.
     * @return the claimed sequence.
     * @throws IllegalStateException if the ring has no room for {@link #WAIT_TIMEOUT_NS}.
     */
    static long claimYielding(final TryClaim ring, final String what)
    {
        long sequence = ring.tryClaim();
        if (sequence < 0)
        {
            final long deadlineNs = waitDeadline();
            while ((sequence = ring.tryClaim()) < 0)
            {
                yieldBefore(deadlineNs, what);
            }
        }
        return sequence;
    }

    /**
     * Shuts an executor down and waits for its workers to finish what they hold.
     *
     * @param executor the executor.
     * @throws IllegalStateException if it does not terminate within {@link #STOP_TIMEOUT_NS}, or the caller is
     *                               interrupted.
     */
    final void terminate(final ExecutorService executor)
    {
        executor.shutdown();
        try
        {
            if (!executor.awaitTermination(STOP_TIMEOUT_NS, TimeUnit.NANOSECONDS))
            {
                throw new IllegalStateException(this + ": executor did not terminate in time");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(this + ": interrupted while stopping", ex);
        }
    }

    /**
     * The contender's name in messages.
     *
     * @return the name.
     */
    String name()
    {
        return getClass().getSimpleName();
    }

    @Override
    public String toString()
    {
        return name() + '{' + topology + ", ringSize=" + ringSize + '}';
    }

    /**
     * A ring's publish that gives up instead of waiting when the ring is full.
     *
     * @param <A> what a producer fills its tasks from.
     */
    @FunctionalInterface
    interface TryPublish<A>
    {
        /**
         * Claims, fills and publishes one entry, if there is room.
         *
         * @param source the producer's source.
         * @return false if the ring was full and nothing was published.
         */
        boolean tryPublish(A source);
    }

    /** A ring's claim that gives up instead of waiting when the ring is full. */
    @FunctionalInterface
    interface TryClaim
    {
        /**
         * Claims one entry, if there is room.
         *
         * @return the claimed sequence, or -1 if the ring was full.
         */
        long tryClaim();
    }
}
