package io.ringpool.bench.latency;

import io.ringpool.Dispatch;
import io.ringpool.bench.TaskShape;

/**
 * The contenders of the latency harness: the same ones, built the same way, as the JMH round-trip benchmarks, and
 * labelled as those benchmarks' methods are, so both halves of a report name them alike.
 * <p>
 * <b>Thread safety:</b> immutable.
 */
public enum LatencyContender
{
    /** ringpool, any idle worker claims the next tasks. */
    RING_POOL_WORK_STEALING("ringPool[WORK_STEALING]",
        (workers, ringSize, shape, recorder) ->
            new RingPoolLatencyRig(workers, ringSize, shape, recorder, Dispatch.WORK_STEALING)),

    /** ringpool, worker i runs the tasks whose sequence is i modulo N. */
    RING_POOL_ID_SEQUENCED("ringPool[ID_SEQUENCED]",
        (workers, ringSize, shape, recorder) ->
            new RingPoolLatencyRig(workers, ringSize, shape, recorder, Dispatch.ID_SEQUENCED)),

    /** ringpool, tasks routed to workers by key. */
    RING_POOL_KEYED("ringPool[KEYED]",
        (workers, ringSize, shape, recorder) ->
            new RingPoolLatencyRig(workers, ringSize, shape, recorder, Dispatch.KEYED)),

    /** Disruptor 3.4.4's WorkerPool with a result ring. */
    DISRUPTOR3_WORKER_POOL("disruptor3WorkerPool", Disruptor3WorkerPoolLatencyRig::new),

    /** Raw Disruptor 4.0.0: striped BatchEventProcessors with a result ring. */
    DISRUPTOR4_STRIPED("disruptor4Striped", Disruptor4StripedLatencyRig::new),

    /** ForkJoinPool in async mode, results through a ConcurrentLinkedQueue. */
    FORK_JOIN_POOL("forkJoinPool", ForkJoinPoolLatencyRig::new),

    /** ThreadPoolExecutor over an ArrayBlockingQueue, results through an ExecutorCompletionService. */
    THREAD_POOL_EXECUTOR("threadPoolExecutor", ThreadPoolExecutorLatencyRig::new);

    private final String label;
    private final RigFactory factory;

    LatencyContender(final String label, final RigFactory factory)
    {
        this.label = label;
        this.factory = factory;
    }

    /**
     * The contender's name in reports: the JMH benchmark method's, with ringpool's dispatch mode in brackets.
     *
     * @return the label.
     */
    public String label()
    {
        return label;
    }

    /**
     * The label as it appears in file names: brackets turned into dashes.
     *
     * @return e.g. {@code ringPool-WORK_STEALING}.
     */
    public String fileLabel()
    {
        return label.replace('[', '-').replace("]", "");
    }

    /**
     * Whether this is one of ringpool's modes.
     *
     * @return true for the {@code RING_POOL_*} contenders.
     */
    public boolean isRingPool()
    {
        return name().startsWith("RING_POOL_");
    }

    /**
     * The contender with a label.
     *
     * @param label a {@link #label()}.
     * @return the contender.
     * @throws IllegalArgumentException if none has that label.
     */
    public static LatencyContender ofLabel(final String label)
    {
        for (final LatencyContender contender : values())
        {
            if (contender.label.equals(label))
            {
                return contender;
            }
        }
        throw new IllegalArgumentException("no latency contender is labelled '" + label + "'");
    }

    LatencyRig newRig(final int workers, final int ringSize, final TaskShape shape, final LatencyRecorder recorder)
    {
        return factory.newRig(workers, ringSize, shape, recorder);
    }

    /** Makes a contender's rig: the rigs' constructors. */
    @FunctionalInterface
    interface RigFactory
    {
        /**
         * Makes a rig.
         *
         * @param workers  worker threads.
         * @param ringSize entries of every ring or queue.
         * @param shape    what one task costs.
         * @param recorder where the collector records results.
         * @return the rig, not yet started.
         */
        LatencyRig newRig(int workers, int ringSize, TaskShape shape, LatencyRecorder recorder);
    }
}
