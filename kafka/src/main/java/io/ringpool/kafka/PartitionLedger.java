package io.ringpool.kafka;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One assigned partition's records, in offset order, from the last committed offset up: which are finished, where
 * the next commit may go, and what its metadata says. One ledger per assignment: a partition revoked and assigned
 * again gets a new one, so a late completion from the old assignment finds its ledger released and is ignored.
 * <p>
 * <b>The commit rule.</b> The offset to commit is the lowest unfinished record's (or one past the last record
 * delivered, when all are finished); finished records above it go into the metadata ({@link OffsetMetadataCodec}).
 * A record counts as committed when a successful commit covers it: its offset is below the committed offset, or the
 * commit's metadata named it. Records are counted (in {@link PartitionCounts}) exactly once: when a successful commit
 * moves past them (a prepared commit carries the count of the records it moves past until Kafka answers), or when the
 * ledger is released (records and unanswered commits then count as uncommitted, except records the last successful
 * commit's metadata named).
 * <p>
 * <b>Threads.</b> Poll thread only, except {@link #revoked}, which workers read to cut retries short.
 */
final class PartitionLedger
{
    final TopicPartition partition;
    final PartitionCounts counts;
    final long partitionKey;
    /** Set by the poll thread when the partition is revoked or the consumer halts; read by workers. */
    volatile boolean revoked;

    private RecordWork[] entries = new RecordWork[64];
    private int head;
    private int size;
    private long[] skip;
    private int skipIndex;
    private long lastDelivered = -1;
    private long committedOffset;
    private long[] scratch = new long[64];
    /** Commits prepared and not yet known to have succeeded, oldest first. */
    private final ArrayDeque<LedgerCommit> unanswered = new ArrayDeque<>();
    int inFlight;
    /** Finished records still in the ledger: above the last prepared commit point, or below the next one. */
    int finished;
    /** Asynchronous commits sent and not yet answered: a synchronous commit must cover them (see PollLoop). */
    int pendingCommits;
    boolean dirty;
    boolean released;
    boolean capPaused;

    PartitionLedger(final TopicPartition partition, final PartitionCounts counts, final OffsetAndMetadata committed)
    {
        this.partition = partition;
        this.counts = counts;
        this.partitionKey = 31L * partition.topic().hashCode() + partition.partition();
        this.committedOffset = null == committed ? -1 : committed.offset();
        this.skip = null == committed ? new long[0] :
            OffsetMetadataCodec.decode(committed.offset(), committed.metadata());
    }

    /** A record delivered by a poll: counted consumed, kept until a commit or the release accounts for it. */
    void add(final RecordWork work)
    {
        counts.consumed++;
        if (size == entries.length)
        {
            final RecordWork[] grown = new RecordWork[size * 2];
            for (int i = 0; i < size; i++)
            {
                grown[i] = entries[(head + i) & (entries.length - 1)];
            }
            entries = grown;
            head = 0;
        }
        entries[(head + size) & (entries.length - 1)] = work;
        size++;
        lastDelivered = work.offset;
    }

    /** Whether an earlier owner's commit metadata names this offset finished; offsets must come increasing. */
    boolean finishedByEarlierOwner(final long offset)
    {
        while (skipIndex < skip.length && skip[skipIndex] < offset)
        {
            skipIndex++;
        }
        return skipIndex < skip.length && skip[skipIndex] == offset;
    }

    int size()
    {
        return size;
    }

    /**
     * The offset a commit may go to now: the lowest unfinished record's; or, when every delivered record is finished,
     * one past the last delivered and past any offsets right after it that an earlier owner finished (they need not
     * run, and a commit that stopped at them would drop them from its metadata, which names only offsets above it).
     */
    long commitPoint()
    {
        for (int i = 0; i < size; i++)
        {
            final RecordWork work = entries[(head + i) & (entries.length - 1)];
            if (!work.isFinished())
            {
                return work.offset;
            }
        }
        long point = lastDelivered >= 0 ? lastDelivered + 1 : committedOffset;
        int i = skipIndex;
        while (i < skip.length && skip[i] < point)
        {
            i++;
        }
        while (point >= 0 && i < skip.length && skip[i] == point)
        {
            point++;
            i++;
        }
        return point;
    }

    /**
     * What a commit made now would say for this partition.
     *
     * @param maxMetadataChars the longest metadata allowed.
     * @param stamp            the poll thread's finish clock now: records finished later are not in this commit.
     * @return the commit, or null if there is nothing to commit (nothing delivered and nothing committed before).
     */
    LedgerCommit prepareCommit(final int maxMetadataChars, final long stamp)
    {
        final long point = commitPoint();
        if (point < 0)
        {
            return null;
        }
        // The finished records below the commit point leave the ledger now, counted in the commit until Kafka answers
        // it: the ledger then holds only records from the commit point up, however slowly commits are answered.
        long completed = 0;
        long deadLettered = 0;
        long skipped = 0;
        while (size > 0 && entries[head].offset < point)
        {
            final RecordWork work = entries[head];
            if (work.inCommittedMetadata)
            {
                // Already committed, by a successful commit's metadata: whatever becomes of this commit.
                counts.countCommitted(work);
            }
            else
            {
                switch (work.finishedAs)
                {
                    case RecordWork.AS_COMPLETED -> completed++;
                    case RecordWork.AS_DEAD_LETTERED -> deadLettered++;
                    default -> skipped++;
                }
            }
            entries[head] = null;
            head = (head + 1) & (entries.length - 1);
            size--;
            finished--;
        }
        int count = 0;
        for (int i = 0; i < size; i++)
        {
            final RecordWork work = entries[(head + i) & (entries.length - 1)];
            if (work.offset > point && work.isFinished())
            {
                if (count == scratch.length)
                {
                    scratch = Arrays.copyOf(scratch, count * 2);
                }
                scratch[count++] = work.offset;
            }
        }
        // Offsets an earlier owner finished that no poll has delivered yet stay named, or the next owner would run
        // them again.
        for (int i = skipIndex; i < skip.length; i++)
        {
            if (skip[i] > lastDelivered && skip[i] > point)
            {
                if (count == scratch.length)
                {
                    scratch = Arrays.copyOf(scratch, count * 2);
                }
                scratch[count++] = skip[i];
            }
        }
        final OffsetMetadataCodec.Encoded encoded =
            OffsetMetadataCodec.encode(point, scratch, count, maxMetadataChars);
        final LedgerCommit commit = new LedgerCommit(this, point, encoded.coveredUpTo(),
            0 == count || encoded.coveredUpTo() >= scratch[count - 1], stamp,
            new OffsetAndMetadata(point, encoded.metadata()), completed, deadLettered, skipped);
        unanswered.addLast(commit);
        return commit;
    }

    /** A commit prepared by {@link #prepareCommit} succeeded: count what it moved past, mark what its metadata names. */
    void committed(final LedgerCommit commit)
    {
        if (released)
        {
            return;
        }
        // Commit points never go down, so this commit also covers every earlier one that failed or is unanswered.
        while (!unanswered.isEmpty() && unanswered.peekFirst().offset() <= commit.offset())
        {
            final LedgerCommit covered = unanswered.pollFirst();
            counts.completed += covered.completed();
            counts.deadLettered += covered.deadLettered();
            counts.skipped += covered.skipped();
        }
        for (int i = 0; i < size; i++)
        {
            final RecordWork work = entries[(head + i) & (entries.length - 1)];
            work.inCommittedMetadata = work.isFinished() && work.finishStamp <= commit.stamp() &&
                work.offset <= commit.coveredUpTo();
        }
        committedOffset = commit.offset();
        counts.committedOffset = commit.offset();
    }

    /**
     * Whether a commit of this ledger is still unanswered: sent, and neither confirmed nor refused.
     *
     * @return true if one is.
     */
    boolean hasUnanswered()
    {
        return !unanswered.isEmpty();
    }

    /**
     * Before a release: Kafka says this partition's committed offset is {@code offset}, with {@code metadata}. Every
     * unanswered commit of ours at or below that offset succeeded, though its answer has not reached us: the records
     * it moved past are committed. The records its metadata names are committed only if Kafka holds that very
     * commit (same offset, same metadata); otherwise they stay here, and the release counts them as it would.
     *
     * @param offset   the committed offset Kafka reported.
     * @param metadata the metadata Kafka holds with it.
     */
    void committedOnBroker(final long offset, final String metadata)
    {
        LedgerCommit exact = null;
        for (final LedgerCommit commit : unanswered)
        {
            if (commit.offset() == offset && commit.sent().metadata().equals(metadata))
            {
                exact = commit;
            }
        }
        if (null != exact)
        {
            committed(exact);
            return;
        }
        while (!unanswered.isEmpty() && unanswered.peekFirst().offset() <= offset)
        {
            final LedgerCommit covered = unanswered.pollFirst();
            counts.completed += covered.completed();
            counts.deadLettered += covered.deadLettered();
            counts.skipped += covered.skipped();
            committedOffset = covered.offset();
            counts.committedOffset = covered.offset();
        }
    }

    /**
     * The partition leaves this instance (revoked, lost, or the consumer stopped): every record still here is counted,
     * as committed if the last successful commit's metadata named it, otherwise as uncommitted (redelivered).
     */
    void release()
    {
        if (released)
        {
            return;
        }
        released = true;
        revoked = true;
        for (final LedgerCommit commit : unanswered)
        {
            counts.uncommitted += commit.completed() + commit.deadLettered() + commit.skipped();
        }
        unanswered.clear();
        for (int i = 0; i < size; i++)
        {
            final int index = (head + i) & (entries.length - 1);
            final RecordWork work = entries[index];
            if (work.isFinished() && work.inCommittedMetadata)
            {
                counts.countCommitted(work);
            }
            else
            {
                counts.uncommitted++;
            }
            entries[index] = null;
        }
        size = 0;
        finished = 0;
    }

    /** Calls {@code action} for each record still here, lowest offset first. */
    void forEach(final java.util.function.Consumer<RecordWork> action)
    {
        for (int i = 0; i < size; i++)
        {
            action.accept(entries[(head + i) & (entries.length - 1)]);
        }
    }
}
