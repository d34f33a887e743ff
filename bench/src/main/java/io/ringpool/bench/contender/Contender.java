package io.ringpool.bench.contender;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The contenders: one line each, naming the contender and the {@link Rig} that builds it. Both drivers take their
 * contenders from here (the JMH round trip as its {@code contender} parameter, the latency harness as its plan's
 * list) and so does the report, so a contender has one label and one display name everywhere. The order is the
 * order of every table: ringpool's modes, the other pools, the ceiling.
 * <p>
 * Adding a contender is one {@link Rig} subclass and one line here.
 * <p>
 * <b>Thread safety:</b> immutable.
 */
public enum Contender
{
    /** ringpool, any idle worker claims the next tasks. */
    RING_POOL_WORK_STEALING("ringPool[WORK_STEALING]", "ringpool WORK_STEALING", RingPoolRig::workStealing),

    /** ringpool, worker i runs the tasks whose sequence is i modulo N. */
    RING_POOL_ID_SEQUENCED("ringPool[ID_SEQUENCED]", "ringpool ID_SEQUENCED", RingPoolRig::idSequenced),

    /** ringpool, tasks routed to workers by key. */
    RING_POOL_KEYED("ringPool[KEYED]", "ringpool KEYED", RingPoolRig::keyed),

    /** Disruptor 3.4.4's WorkerPool with a result ring: the original that ringpool replaces. */
    DISRUPTOR3_WORKER_POOL("disruptor3WorkerPool", "Disruptor 3.4.4 WorkerPool", Disruptor3WorkerPoolRig::new),

    /** Raw Disruptor 4.0.0: striped BatchEventProcessors with a result ring. */
    DISRUPTOR4_STRIPED("disruptor4Striped", "raw Disruptor 4.0.0, striped", Disruptor4StripedRig::new),

    /** ForkJoinPool in async mode, results through a ConcurrentLinkedQueue. */
    FORK_JOIN_POOL("forkJoinPool", "ForkJoinPool (async)", ForkJoinPoolRig::new),

    /** ThreadPoolExecutor over an ArrayBlockingQueue, results through an ExecutorCompletionService. */
    THREAD_POOL_EXECUTOR("threadPoolExecutor", "ThreadPoolExecutor", ThreadPoolExecutorRig::new),

    /** The same tasks run on the producer thread, no hand-off: the ceiling. */
    INLINE_BASELINE("inlineBaseline", "inline, no hand-off", InlineRig::new);

    private final String label;
    private final String displayName;
    private final Wiring wiring;

    Contender(final String label, final String displayName, final Wiring wiring)
    {
        this.label = label;
        this.displayName = displayName;
        this.wiring = wiring;
    }

    /**
     * Builds this contender for a topology around a driver's workload.
     *
     * @param topology the producers and workers.
     * @param ringSize entries of every ring or queue, and the bound on tasks in flight.
     * @param workload the driver's tasks.
     * @param <T>      the workload's task.
     * @param <R>      the workload's result.
     * @param <A>      what a producer fills its tasks from.
     * @return the rig, not yet started.
     */
    public <T, R, A> Rig<T, R, A> newRig(final Topology topology, final int ringSize, final Workload<T, R, A> workload)
    {
        return wiring.newRig(topology, ringSize, workload);
    }

    /**
     * The contender's label: in JMH's results and the latency harness's files, and on the command line of a latency
     * fork; stable across reports.
     *
     * @return e.g. {@code ringPool[KEYED]} or {@code threadPoolExecutor}.
     */
    public String label()
    {
        return label;
    }

    /**
     * The name a reader sees in every table of a report.
     *
     * @return e.g. {@code ringpool KEYED} or {@code ThreadPoolExecutor}.
     */
    public String displayName()
    {
        return displayName;
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
     * Whether this is one of ringpool's dispatch modes.
     *
     * @return true for the {@code RING_POOL_*} contenders.
     */
    public boolean isRingPool()
    {
        return name().startsWith("RING_POOL_");
    }

    /**
     * ringpool's dispatch mode alone, for a column head.
     *
     * @return e.g. {@code KEYED} for ringpool's modes; the label for any other contender.
     */
    public String mode()
    {
        final int open = label.indexOf('[');
        return open < 0 ? label : label.substring(open + 1, label.length() - 1);
    }

    /**
     * Whether the contender hands tasks to other threads: every one but the inline baseline, whose latency would only
     * be the harness's own.
     *
     * @return false for {@link #INLINE_BASELINE}.
     */
    public boolean handsOff()
    {
        return this != INLINE_BASELINE;
    }

    /**
     * ringpool's modes, in table order.
     *
     * @return the {@code RING_POOL_*} contenders.
     */
    public static List<Contender> ringPoolModes()
    {
        return Arrays.stream(values()).filter(Contender::isRingPool).toList();
    }

    /**
     * The contenders that hand tasks off, in table order: the latency harness's.
     *
     * @return every contender but the inline baseline.
     */
    public static List<Contender> handingOff()
    {
        return Arrays.stream(values()).filter(Contender::handsOff).toList();
    }

    /**
     * The contender with a label.
     *
     * @param label a {@link #label()}.
     * @return the contender.
     * @throws IllegalArgumentException if none has that label.
     */
    public static Contender ofLabel(final String label)
    {
        return withLabel(label).orElseThrow(() ->
            new IllegalArgumentException("no contender is labelled '" + label + "'"));
    }

    /**
     * The contender with a label, if any: a result of another benchmark (fire-and-forget's {@code ringPoolBatch})
     * has a label of its own.
     *
     * @param label a label.
     * @return the contender, or empty.
     */
    public static Optional<Contender> withLabel(final String label)
    {
        return Arrays.stream(values()).filter(contender -> contender.label.equals(label)).findFirst();
    }

    /** How a contender is built: its rig's constructor, or a factory method of its rig. */
    @FunctionalInterface
    interface Wiring
    {
        /**
         * Makes a rig.
         *
         * @param topology the producers and workers.
         * @param ringSize entries of every ring or queue.
         * @param workload the driver's tasks.
         * @param <T>      the workload's task.
         * @param <R>      the workload's result.
         * @param <A>      what a producer fills its tasks from.
         * @return the rig, not yet started.
         */
        <T, R, A> Rig<T, R, A> newRig(Topology topology, int ringSize, Workload<T, R, A> workload);
    }
}
