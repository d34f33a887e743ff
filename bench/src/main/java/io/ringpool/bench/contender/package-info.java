/**
 * The contenders of the benchmarks, each defined once: the registry {@link io.ringpool.bench.contender.Contender}
 * (label, display name, how it is built), one {@link io.ringpool.bench.contender.Rig} per contender, and the
 * {@link io.ringpool.bench.contender.Workload} through which a driver says what its tasks are.
 * <pre>
 *   driver (JMH round trip | latency harness)
 *     --Contender.newRig(topology, ringSize, workload)--> Rig: start; publish(producer, source, count)...; stop(published)
 *                                                          producer: Workload.fill -> worker: Workload.run
 *                                                          -> result consumer: Workload.record
 * </pre>
 * Every rig gives every contender the same ring or queue size, the same yielding waits where the contender lets the
 * caller choose, and a deadline on every wait; where a contender's own design parks (TPE and FJP workers), it parks.
 * <p>
 * <b>Memory order:</b> a rig hands tasks and results between threads only through the contender's own ring, queue
 * or executor, whose hand-off orders them; the one count it reads across threads, the results received per producer
 * (the fork-join pool's in-flight bound), the workload stores with release and reads with acquire.
 */
package io.ringpool.bench.contender;
