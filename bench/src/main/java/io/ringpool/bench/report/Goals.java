package io.ringpool.bench.report;

import io.ringpool.bench.contender.Contender;
import io.ringpool.bench.latency.LatencyOutcome;
import io.ringpool.bench.latency.LatencyStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The goals ringpool's numbers are held to, judged from one report's measurements, each for every dispatch mode:
 * <ul>
 *   <li>1P->1W tiny tasks with results: at least 1.2x the Disruptor 3 WorkerPool and 10x the ThreadPoolExecutor;
 *       1P->2W at least level with the Disruptor 3 WorkerPool;</li>
 *   <li>allocation at most 0.1 B/op in steady state;</li>
 *   <li>fixed-rate latency, 1 worker: p50 and p90 at most the Disruptor 3 WorkerPool's and at most a third of the
 *       ThreadPoolExecutor's, at every rate.</li>
 * </ul>
 * A throughput verdict takes the ratio's point value; where the target lies inside the ratio's error bound the cell
 * says so ("within error"), as the verdict could go either way on another run. A latency verdict comes from one run
 * per contender and rate, without an error bound. A goal that could not be judged (a result is missing or failed)
 * is "n/a", never "met".
 * <p>
 * <b>Thread safety:</b> immutable once made.
 */
final class Goals
{
    private static final String TINY = "tiny";
    private static final double MAX_BYTES_PER_OP = 0.1;
    private static final List<Contender> RING_POOL = Contender.ringPoolModes();

    private final List<Goal> goals = new ArrayList<>();

    /**
     * Judges every goal.
     *
     * @param throughput the JMH results.
     * @param latency    the latency outcomes.
     * @param rates      the latency plan's rates, tasks per second.
     */
    Goals(final ThroughputTable throughput, final LatencyTable latency, final List<Long> rates)
    {
        throughputGoal(throughput, "1P->1W", Contender.DISRUPTOR3_WORKER_POOL, 1.2);
        throughputGoal(throughput, "1P->1W", Contender.THREAD_POOL_EXECUTOR, 10.0);
        throughputGoal(throughput, "1P->2W", Contender.DISRUPTOR3_WORKER_POOL, 1.0);
        allocationGoal(throughput, "1P->1W");
        allocationGoal(throughput, "1P->2W");
        for (final long rate : rates)
        {
            for (final double percentile : new double[] {50.0, 90.0})
            {
                latencyGoal(latency, rate, percentile, Contender.DISRUPTOR3_WORKER_POOL, 1.0, "≤ D3 WorkerPool's");
                latencyGoal(latency, rate, percentile, Contender.THREAD_POOL_EXECUTOR, 1.0 / 3.0, "≤ ⅓ of TPE's");
            }
        }
    }

    /**
     * The goals as a Markdown table: one row per goal, one column per ringpool mode, and a count of verdicts.
     *
     * @return the table.
     */
    String markdown()
    {
        final StringBuilder text = new StringBuilder();
        text.append("| goal | target |");
        RING_POOL.forEach(mode -> text.append(' ').append(mode.mode()).append(" |"));
        text.append("\n|---|---|");
        RING_POOL.forEach(mode -> text.append("---|"));
        text.append('\n');
        for (final Goal goal : goals)
        {
            text.append("| ").append(goal.name).append(" | ").append(goal.target).append(" |");
            for (final Verdict verdict : goal.verdicts)
            {
                text.append(' ').append(verdict.markdown()).append(" |");
            }
            text.append('\n');
        }
        text.append('\n');
        for (int m = 0; m < RING_POOL.size(); m++)
        {
            text.append("- ").append(RING_POOL.get(m).mode()).append(": ")
                .append(count(m)).append('\n');
        }
        return text.toString();
    }

    /**
     * One line per mode: how many goals it met, for the console.
     *
     * @return the lines.
     */
    List<String> summary()
    {
        final List<String> lines = new ArrayList<>();
        for (int m = 0; m < RING_POOL.size(); m++)
        {
            final StringBuilder line = new StringBuilder(RING_POOL.get(m).mode())
                .append(": ").append(count(m));
            for (final Goal goal : goals)
            {
                if (goal.verdicts.get(m).state == State.NOT_MET)
                {
                    line.append("\n    not met: ").append(goal.name).append(' ').append(goal.target).append(": ")
                        .append(goal.verdicts.get(m).detail);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private String count(final int mode)
    {
        int met = 0;
        int notMet = 0;
        int unjudged = 0;
        for (final Goal goal : goals)
        {
            switch (goal.verdicts.get(mode).state)
            {
                case MET:
                    met++;
                    break;
                case NOT_MET:
                    notMet++;
                    break;
                default:
                    unjudged++;
                    break;
            }
        }
        return met + " met, " + notMet + " not met" + (unjudged > 0 ? ", " + unjudged + " not judged" : "");
    }

    private void throughputGoal(
        final ThroughputTable table, final String topology, final Contender rival, final double minRatio)
    {
        final Goal goal = new Goal(topology.replace("->", "→") + " tiny throughput ÷ " +
            rival.displayName(), String.format("≥ %.1f×", minRatio));
        final Optional<ThroughputRow> other = table.find(topology, TINY, rival);
        for (final Contender mode : RING_POOL)
        {
            final Optional<ThroughputRow> ours = table.find(topology, TINY, mode);
            if (ours.isEmpty() || other.isEmpty())
            {
                goal.verdicts.add(Verdict.unjudged("no result"));
                continue;
            }
            final Ratio ratio = ours.get().over(other.get());
            goal.verdicts.add(new Verdict(ratio.value() >= minRatio ? State.MET : State.NOT_MET,
                ratio.text() + (ratio.straddles(minRatio) ? " (within error)" : "")));
        }
        goals.add(goal);
    }

    private void allocationGoal(final ThroughputTable table, final String topology)
    {
        final Goal goal = new Goal(topology.replace("->", "→") + " tiny allocation", "≤ 0.1 B/op");
        for (final Contender mode : RING_POOL)
        {
            final Optional<ThroughputRow> ours = table.find(topology, TINY, mode);
            if (ours.isEmpty() || Double.isNaN(ours.get().bytesPerOp()))
            {
                goal.verdicts.add(Verdict.unjudged(ours.isEmpty() ? "no result" : "no -prof gc"));
                continue;
            }
            final double bytes = ours.get().bytesPerOp();
            goal.verdicts.add(new Verdict(bytes <= MAX_BYTES_PER_OP ? State.MET : State.NOT_MET,
                String.format("%.3f B/op", bytes)));
        }
        goals.add(goal);
    }

    private void latencyGoal(
        final LatencyTable table, final long rate, final double percentile, final Contender rival,
        final double maxRatio, final String target)
    {
        final Goal goal = new Goal(String.format("latency p%.0f at %s/s, 1P→1W", percentile,
            LatencyOutcome.rateLabel(rate)), target);
        final Optional<LatencyOutcome> other = table.find(1, rate, rival);
        for (final Contender mode : RING_POOL)
        {
            final Optional<LatencyOutcome> ours = table.find(1, rate, mode);
            if (ours.isEmpty() || other.isEmpty() || !ours.get().hasSamples() || !other.get().hasSamples())
            {
                goal.verdicts.add(Verdict.unjudged("no result"));
                continue;
            }
            if (ours.get().status() == LatencyStatus.MISSED_RATE)
            {
                goal.verdicts.add(new Verdict(State.NOT_MET, "ringpool missed the rate"));
                continue;
            }
            final double ourValue = ours.get().latency().getValueAtPercentile(percentile);
            final double theirValue = other.get().latency().getValueAtPercentile(percentile);
            final double ratio = ourValue / theirValue;
            goal.verdicts.add(new Verdict(ratio <= maxRatio ? State.MET : State.NOT_MET,
                String.format("%.2f× (%s vs %s µs)%s", ratio, LatencyTable.micros(ourValue),
                    LatencyTable.micros(theirValue), other.get().ok() ? "" : ", rival missed the rate")));
        }
        goals.add(goal);
    }

    /** How a goal came out for one mode. */
    private enum State
    {
        MET,
        NOT_MET,
        UNJUDGED
    }

    /** One goal, with one verdict per ringpool mode in {@link Contender#ringPoolModes()} order. */
    private static final class Goal
    {
        final String name;
        final String target;
        final List<Verdict> verdicts = new ArrayList<>();

        Goal(final String name, final String target)
        {
            this.name = name;
            this.target = target;
        }
    }

    /** A verdict and the measurement behind it. */
    private static final class Verdict
    {
        final State state;
        final String detail;

        Verdict(final State state, final String detail)
        {
            this.state = state;
            this.detail = detail;
        }

        static Verdict unjudged(final String why)
        {
            return new Verdict(State.UNJUDGED, why);
        }

        String markdown()
        {
            switch (state)
            {
                case MET:
                    return "met: " + detail;
                case NOT_MET:
                    return "**not met**: " + detail;
                default:
                    return "n/a: " + detail;
            }
        }
    }
}
