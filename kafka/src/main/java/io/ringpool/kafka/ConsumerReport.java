package io.ringpool.kafka;

import io.ringpool.ShutdownReport;
import org.apache.kafka.common.TopicPartition;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link RingPoolKafkaConsumer} did, per partition, made when it stopped.
 * <p>
 * <b>Guarantee.</b> Every record Kafka delivered to this instance is counted exactly once, in one partition's report
 * (see {@link PartitionReport} for the four places). A record counted committed is one whose completion Kafka has;
 * a record counted uncommitted is redelivered by Kafka to the partition's next owner, which is why a closed consumer
 * loses nothing and a halted one loses nothing either: at least once, with duplicates only for records that were
 * finished but not committed.
 *
 * @param drained    true for a close that finished every record it had taken before its timeout and committed them.
 * @param halted     true if the consumer stopped by {@link RingPoolKafkaConsumer#halt}, or by a failure.
 * @param partitions one report per partition this instance ever owned, in the order first assigned.
 * @param pauses     how many times the consumer paused its partitions because the pool's ring was full.
 * @param poolReport the ringpool's own shutdown report.
 * @param cause      the failure that stopped the consumer, or null.
 */
public record ConsumerReport(
    boolean drained,
    boolean halted,
    Map<TopicPartition, PartitionReport> partitions,
    long pauses,
    ShutdownReport<?, ?> poolReport,
    Throwable cause)
{
    /**
     * Makes a report; the map is copied, keeping its order.
     *
     * @param drained    see {@link #drained()}.
     * @param halted     see {@link #halted()}.
     * @param partitions see {@link #partitions()}; copied.
     * @param pauses     see {@link #pauses()}.
     * @param poolReport see {@link #poolReport()}.
     * @param cause      see {@link #cause()}.
     */
    public ConsumerReport
    {
        partitions = Collections.unmodifiableMap(new LinkedHashMap<>(partitions));
    }

    /**
     * All partitions added up (with {@code partition} null and {@code committedOffset} -1).
     *
     * @return the totals.
     */
    public PartitionReport totals()
    {
        long consumed = 0;
        long completed = 0;
        long deadLettered = 0;
        long skipped = 0;
        long uncommitted = 0;
        long failed = 0;
        long retried = 0;
        long revoked = 0;
        for (final PartitionReport p : partitions.values())
        {
            consumed += p.consumed();
            completed += p.completed();
            deadLettered += p.deadLettered();
            skipped += p.skipped();
            uncommitted += p.uncommitted();
            failed += p.failed();
            retried += p.retried();
            revoked += p.revoked();
        }
        return new PartitionReport(
            null, consumed, completed, deadLettered, skipped, uncommitted, failed, retried, revoked, -1);
    }

    /**
     * Whether every partition's counts add up.
     *
     * @return true if every delivered record is accounted for exactly once.
     */
    public boolean isBalanced()
    {
        for (final PartitionReport p : partitions.values())
        {
            if (!p.isBalanced())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * One line per partition and a totals line, for logs and the examples.
     *
     * @return a table in plain text.
     */
    public String toTable()
    {
        final StringBuilder out = new StringBuilder(128 + 96 * partitions.size());
        out.append(String.format("%-24s %9s %9s %6s %7s %11s %6s %7s %7s %10s%n", "partition", "consumed", "completed",
            "dead", "skipped", "uncommitted", "failed", "retried", "revoked", "committed"));
        for (final PartitionReport p : partitions.values())
        {
            row(out, String.valueOf(p.partition()), p);
        }
        row(out, "total", totals());
        out.append(drained ? "drained" : "not drained").append(halted ? ", halted" : "")
            .append(", balanced=").append(isBalanced()).append(", pauses=").append(pauses)
            .append(null != cause ? ", cause=" + cause : "");
        return out.toString();
    }

    private static void row(final StringBuilder out, final String name, final PartitionReport p)
    {
        out.append(String.format("%-24s %9d %9d %6d %7d %11d %6d %7d %7d %10d%n", name, p.consumed(), p.completed(),
            p.deadLettered(), p.skipped(), p.uncommitted(), p.failed(), p.retried(), p.revoked(),
            p.committedOffset()));
    }

    @Override
    public String toString()
    {
        return "ConsumerReport{" + (drained ? "drained" : "not drained") + (halted ? ", halted" : "") +
            ", totals=" + totals() + ", balanced=" + isBalanced() + ", pauses=" + pauses +
            (null != cause ? ", cause=" + cause : "") + '}';
    }
}
