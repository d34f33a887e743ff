/**
 * The fixed-rate latency harness: open-loop load at a set rate through each contender, one HdrHistogram per
 * contender and run.
 * <pre>
 *   FixedRateSchedule --> PacedProducer --publish--> Rig: task ring / queue --> worker --> result ring / queue
 *   (intended times)     (yields or parks                                                                |
 *                         until each is due)                      collector: LatencyWorkload --> LatencyRecorder
 *                                                                                                        |
 *                                                    IntervalLogger: one interval a second --> .hlog and totals
 * </pre>
 * Each task carries its <em>intended</em> send time, taken from the schedule, not the time it was actually sent, so a
 * producer held up by a full ring or a descheduled thread does not hide the wait (no coordinated omission). Latency
 * is the time the collector received the result minus the intended time; every worker also stamps when it started
 * and ended the task, so the latency splits into queue wait (start - intended) and service (end - start). Nothing
 * corrects the histogram afterwards ({@code recordValueWithExpectedInterval} would correct twice).
 * <p>
 * The contenders are the JMH round trip's, from the same registry ({@link io.ringpool.bench.contender.Contender}),
 * built by the same {@link io.ringpool.bench.contender.Rig}s around this harness's
 * {@link io.ringpool.bench.latency.LatencyWorkload}: one producer, so a single-producer task ring.
 * {@link io.ringpool.bench.latency.LatencySuite} runs each contender in a JVM of its own
 * ({@link io.ringpool.bench.latency.LatencyFork}), one rate after another: start the contender, warm it up at the
 * rate, measure, stop it and check that every task came back once.
 * <p>
 * <b>Memory order:</b> every count one thread publishes for another (results received) is written with release and
 * read with acquire; everything else a rig hands between threads goes through a ring, queue or executor, whose own
 * hand-off orders it.
 */
package io.ringpool.bench.latency;
