package io.ringpool.bench.contender;

/**
 * What a driver's tasks are and what happens to them, so that every contender carries them the same way: the
 * producer {@link #fill fills} a task from its source, a worker {@link #run runs} it into a result, and the
 * contender's one result consumer {@link #record records} the result. The JMH round trip
 * ({@code io.ringpool.bench.RoundTripWorkload}) and the fixed-rate latency harness
 * ({@code io.ringpool.bench.latency.LatencyWorkload}) each have one; a contender ({@link Rig}) knows nothing else
 * about them.
 * <p>
 * <b>Assumptions:</b> {@link #fill} runs on a producer's thread and {@link #run} and {@link #copy} on a worker's, each
 * on objects the contender hands to that thread alone (a ring entry, or a task object made for it);
 * {@link #record} runs on one thread at a time, the contender's result consumer (or the producer, for the inline
 * baseline); {@link #received} may be called from any thread.
 * <b>Guarantees:</b> none of the methods allocates or blocks, so a contender's own allocation and waits are what a
 * measurement sees; {@link #received} reads with acquire what {@link #record} stored with release.
 *
 * @param <T> the task: a ring entry, pre-allocated by ring contenders, made per task by executor contenders.
 * @param <R> the result: likewise.
 * @param <A> what a producer fills its tasks from.
 */
public interface Workload<T, R, A>
{
    /**
     * A blank task: a ring entry, or the task of one submission to an executor.
     *
     * @return a new task.
     */
    T newTask();

    /**
     * A blank result.
     *
     * @return a new result.
     */
    R newResult();

    /**
     * Fills a task from a producer's source, advancing it: the contenders' translators call this.
     *
     * @param task   the task to fill.
     * @param source the producer's source.
     */
    void fill(T task, A source);

    /**
     * The key of a task, for dispatch by key.
     *
     * @param task a filled task.
     * @return its key.
     */
    long key(T task);

    /**
     * Runs a task: the work of a worker, written into a result.
     *
     * @param task   a filled task.
     * @param result where its result goes.
     */
    void run(T task, R result);

    /**
     * Copies a result: for a worker that claims its result-ring entry only once the task has run.
     *
     * @param from the worker's result.
     * @param to   the claimed entry.
     */
    void copy(R from, R to);

    /**
     * Records a result: the work of the result consumer.
     *
     * @param result a result that has come back.
     */
    void record(R result);

    /**
     * The results recorded so far of one producer's tasks.
     *
     * @param producer the producer, 0 to producers-1.
     * @return the count.
     */
    long received(int producer);

    /**
     * Fills, runs and records {@code count} tasks on the caller's thread, with no hand-off: the inline baseline.
     *
     * @param producer the producer, 0 to producers-1.
     * @param source   the producer's source.
     * @param count    the number of tasks.
     */
    void runInline(int producer, A source, int count);
}
