/**
 * Stage latencies for ringpool: {@link io.ringpool.hdrhistogram.StageHistograms} records the stamps that a pool built
 * with {@code timeStages()} puts on every outcome (publish, start, end) into one HdrHistogram per stage, on the
 * result consumer's thread and without allocating, and prints or exports them as {@code .hgrm}.
 */
package io.ringpool.hdrhistogram;
