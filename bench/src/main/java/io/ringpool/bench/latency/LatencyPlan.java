package io.ringpool.bench.latency;

import io.ringpool.bench.TaskShape;
import io.ringpool.bench.contender.Contender;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the latency harness runs: which contenders, at which rates, with how many workers, for how long.
 * <p>
 * Every run is one producer; each contender runs in a JVM of its own, one run after another: per worker count and
 * rate, start the contender, warm it up at the rate for {@code warmup} (not recorded), measure for
 * {@code measurement}, stop it.
 *
 * @param name           the plan's name: {@code quick}, {@code default} or {@code full}.
 * @param ratesPerSecond the target rates, tasks per second.
 * @param workerCounts   the worker counts (1 producer each).
 * @param warmup         how long each run sends before its tasks are measured.
 * @param measurement    how long the measured part of the schedule lasts.
 * @param interval       the length of one interval of the .hlog.
 * @param ringSize       entries of every ring or queue, the in-flight bound of the fork-join pool.
 * @param shape          what one task costs.
 * @param contenders     the contenders, in report order: by default {@link Contender#handingOff()}.
 * @param minRateRatio   the least fraction of the target rate a run must achieve not to count as a missed rate.
 */
public record LatencyPlan(
    String name,
    List<Long> ratesPerSecond,
    List<Integer> workerCounts,
    Duration warmup,
    Duration measurement,
    Duration interval,
    int ringSize,
    TaskShape shape,
    List<Contender> contenders,
    double minRateRatio)
{
    /** The fraction of the target rate a run must reach: 95%. */
    public static final double MIN_RATE_RATIO = 0.95;

    /** The default: 20k, 100k and 500k tasks/s, 1 producer and 1 worker, 2 s warm-up, 5 s measured, every contender. */
    public static final LatencyPlan DEFAULT = new LatencyPlan(
        "default", List.of(20_000L, 100_000L, 500_000L), List.of(1),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1), 4096, TaskShape.TINY,
        Contender.handingOff(), MIN_RATE_RATIO);

    /** The full plan: rates from 10k to 1M tasks/s, with 1 and 2 workers. */
    public static final LatencyPlan FULL = new LatencyPlan(
        "full", List.of(10_000L, 20_000L, 50_000L, 100_000L, 200_000L, 500_000L, 1_000_000L), List.of(1, 2),
        Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(1), 4096, TaskShape.TINY,
        Contender.handingOff(), MIN_RATE_RATIO);

    /** A sanity run: every contender at 100k tasks/s, 1 worker, 0.5 s warm-up and 1 s measured. */
    public static final LatencyPlan QUICK = new LatencyPlan(
        "quick", List.of(100_000L), List.of(1),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(500), 4096, TaskShape.TINY,
        Contender.handingOff(), MIN_RATE_RATIO);

    /**
     * Copies the lists and checks the values.
     *
     * @throws IllegalArgumentException if a list is empty, a rate or count is not positive, or a duration is not.
     */
    public LatencyPlan
    {
        ratesPerSecond = List.copyOf(ratesPerSecond);
        workerCounts = List.copyOf(workerCounts);
        contenders = List.copyOf(contenders);
        if (ratesPerSecond.isEmpty() || workerCounts.isEmpty() || contenders.isEmpty())
        {
            throw new IllegalArgumentException("a latency plan needs rates, worker counts and contenders");
        }
        for (final long rate : ratesPerSecond)
        {
            if (rate < 1 || rate > 100_000_000L)
            {
                throw new IllegalArgumentException("ratesPerSecond must be 1 to 100000000; was " + rate);
            }
        }
        for (final int workers : workerCounts)
        {
            // The topologies with one producer: Topology.ONE_TO_ONE and ONE_TO_TWO.
            if (workers < 1 || workers > 2)
            {
                throw new IllegalArgumentException("workerCounts must be 1 or 2; was " + workers);
            }
        }
        if (warmup.isNegative() || measurement.isNegative() || measurement.isZero() || interval.isNegative() ||
            interval.isZero())
        {
            throw new IllegalArgumentException("warmup must be >= 0, measurement and interval > 0");
        }
    }

    /**
     * The plan as command-line options of a {@link LatencyFork}, contenders left out (a fork runs one).
     *
     * @return {@code --name value} pairs.
     */
    List<String> arguments()
    {
        return List.of(
            "--plan", name,
            "--rates", join(ratesPerSecond),
            "--workers", join(workerCounts),
            "--warmup-ms", Long.toString(warmup.toMillis()),
            "--measure-ms", Long.toString(measurement.toMillis()),
            "--interval-ms", Long.toString(interval.toMillis()),
            "--ring", Integer.toString(ringSize),
            "--shape", shape.label(),
            "--min-rate", Double.toString(minRateRatio));
    }

    /**
     * The plan that {@link #arguments()} wrote, for one contender.
     *
     * @param options   the options, by name without the dashes.
     * @param contender the fork's contender.
     * @return the plan.
     * @throws IllegalArgumentException if an option is missing or malformed.
     */
    static LatencyPlan fromArguments(final Map<String, String> options, final Contender contender)
    {
        return new LatencyPlan(
            option(options, "plan"),
            Arrays.stream(option(options, "rates").split(",")).map(Long::valueOf).toList(),
            Arrays.stream(option(options, "workers").split(",")).map(Integer::valueOf).toList(),
            Duration.ofMillis(Long.parseLong(option(options, "warmup-ms"))),
            Duration.ofMillis(Long.parseLong(option(options, "measure-ms"))),
            Duration.ofMillis(Long.parseLong(option(options, "interval-ms"))),
            Integer.parseInt(option(options, "ring")),
            TaskShape.of(option(options, "shape")),
            List.of(contender),
            Double.parseDouble(option(options, "min-rate")));
    }

    /**
     * This plan at other rates.
     *
     * @param rates tasks per second.
     * @return the new plan.
     */
    public LatencyPlan withRates(final List<Long> rates)
    {
        return new LatencyPlan(name, rates, workerCounts, warmup, measurement, interval, ringSize, shape, contenders,
            minRateRatio);
    }

    /**
     * This plan with other contenders.
     *
     * @param chosen the contenders.
     * @return the new plan.
     */
    public LatencyPlan withContenders(final List<Contender> chosen)
    {
        return new LatencyPlan(name, ratesPerSecond, workerCounts, warmup, measurement, interval, ringSize, shape,
            chosen, minRateRatio);
    }

    /**
     * How long one contender's fork should take: every run's warm-up and measurement, plus a second per run to start
     * and stop.
     *
     * @return the estimate.
     */
    public Duration forkDuration()
    {
        final long runs = (long)ratesPerSecond.size() * workerCounts.size();
        return warmup.plus(measurement).plusSeconds(1).multipliedBy(runs);
    }

    private static String join(final List<? extends Number> values)
    {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String option(final Map<String, String> options, final String name)
    {
        final String value = options.get(name);
        if (null == value)
        {
            throw new IllegalArgumentException("missing option --" + name);
        }
        return value;
    }
}
