/**
 * Micrometer metrics for ringpool: {@link io.ringpool.micrometer.RingPoolMetrics}, a {@code MeterBinder} that
 * publishes a pool's counters under Micrometer's executor meter names where they exist and {@code ringpool.*} names
 * for the rest.
 */
package io.ringpool.micrometer;
