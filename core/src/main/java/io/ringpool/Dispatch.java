package io.ringpool;

/**
 * How tasks are spread over the workers. Every mode keeps the same guarantees (each accepted task runs at most once
 * and is accounted for exactly once, shutdown loses nothing); they differ in contention, head-of-line blocking and
 * order.
 * <p>
 * Measured on a 2-core machine, 1 producer and 2 workers with results (round trips per second; the README's dispatch
 * table has the error bounds and the command): with ~1 µs tasks, work stealing 1.41 M (1.20 M with single claims),
 * ID-sequenced 1.11 M, keyed 1.23 M; with uneven tasks (every 16th ~20 µs), work stealing 1.19 M, ID-sequenced
 * 0.67 M (head-of-line blocking), keyed 0.90 M.
 */
public enum Dispatch
{
    /**
     * Any idle worker claims the next unclaimed tasks from one shared work sequence, by CAS. With a deep backlog a
     * worker claims a batch per CAS (up to {@link RingPoolBuilder#maxClaimBatch(int)}, and no more than its share of
     * the backlog); with a shallow one, a task at a time.
     * <p>
     * Best load balance: a slow task delays only the worker that runs it. Costs one contended CAS per claim. No
     * order between tasks.
     */
    WORK_STEALING,

    /**
     * Worker {@code i} of {@code N} runs exactly the tasks whose sequence {@code s} has {@code s % N == i}. No shared
     * claim, no contention between workers.
     * <p>
     * Head-of-line blocking: a slow task holds back every later task of its worker, and once producers wrap around
     * the ring, everyone. Suits uniform task durations. Each worker runs its tasks in publish order.
     */
    ID_SEQUENCED,

    /**
     * Each task has a key (from {@link RingPoolBuilder#keyExtractor}); all tasks with one key run on one worker,
     * {@link RingPool#workerFor(long)}, in publish order, while different keys run in parallel. The producer routes
     * each task when it publishes it.
     * <p>
     * Per-key order with parallelism, for per-instrument or per-device state. A hot key queues behind one worker, with
     * the head-of-line blocking of {@link #ID_SEQUENCED}.
     */
    KEYED
}
