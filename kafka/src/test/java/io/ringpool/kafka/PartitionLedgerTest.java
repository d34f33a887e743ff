package io.ringpool.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commit rule and the accounting, without a broker: never past an unfinished record, every record counted once. */
class PartitionLedgerTest
{
    private static final TopicPartition PARTITION = new TopicPartition("t", 0);
    private long stamp;

    @Test
    void shouldCommitBelowTheLowestUnfinishedRecordAndNameTheFinishedOnesAbove()
    {
        final PartitionLedger ledger = ledger(null);
        final RecordWork[] works = deliver(ledger, 100, 6);
        finish(works[0], works[1], works[3], works[5]);

        final LedgerCommit commit = ledger.prepareCommit(4000, stamp);
        assertEquals(102, commit.offset(), "offset 102 is not finished");
        assertArrayEquals(new long[] {103, 105}, OffsetMetadataCodec.decode(102, commit.sent().metadata()));
        assertTrue(commit.coversAll());

        ledger.committed(commit);
        assertEquals(2, ledger.counts.completed, "100 and 101 are below the committed offset");
        assertEquals(4, ledger.size());
        ledger.release();
        assertEquals(4, ledger.counts.completed, "103 and 105 were named in the committed metadata");
        assertEquals(2, ledger.counts.uncommitted, "102 and 104 go to the next owner");
        assertTrue(ledger.counts.toReport().isBalanced());
    }

    @Test
    void shouldCommitPastOffsetsAnEarlierOwnerFinishedRightAtTheCommitPoint()
    {
        // The earlier owner committed 10 and named 11 and 12 finished; this owner has delivered only 10 so far.
        final PartitionLedger ledger = ledger(new OffsetAndMetadata(10,
            OffsetMetadataCodec.encode(10, new long[] {11, 12, 14}, 3, 4000).metadata()));
        final RecordWork[] works = deliver(ledger, 10, 1);
        finish(works[0]);

        final LedgerCommit commit = ledger.prepareCommit(4000, stamp);
        assertEquals(13, commit.offset(), "11 and 12 need not run: the commit goes past them");
        assertArrayEquals(new long[] {14}, OffsetMetadataCodec.decode(13, commit.sent().metadata()),
            "14 is still named, or the next owner would run it again");
    }

    @Test
    void shouldNotCountARecordFinishedAfterTheCommitWasPreparedAsCommitted()
    {
        final PartitionLedger ledger = ledger(null);
        final RecordWork[] works = deliver(ledger, 0, 3);
        finish(works[2]);
        final LedgerCommit commit = ledger.prepareCommit(4000, stamp);
        finish(works[1]);
        ledger.committed(commit);
        ledger.release();

        assertEquals(1, ledger.counts.completed, "only offset 2 was in the commit");
        assertEquals(2, ledger.counts.uncommitted);
        assertTrue(ledger.counts.toReport().isBalanced());
    }

    @Test
    void shouldCountAnUnansweredCommitThatKafkaHoldsAsCommitted()
    {
        final PartitionLedger ledger = ledger(null);
        final RecordWork[] works = deliver(ledger, 100, 6);
        finish(works[0], works[1], works[3], works[5]);
        final LedgerCommit commit = ledger.prepareCommit(4000, stamp);
        assertTrue(ledger.hasUnanswered());

        // Its answer never came (the revocation's own commit failed), but Kafka holds exactly this commit.
        ledger.committedOnBroker(commit.offset(), commit.sent().metadata());
        assertFalse(ledger.hasUnanswered());
        ledger.release();
        assertEquals(4, ledger.counts.completed, "100, 101 below the offset; 103, 105 named in the metadata Kafka holds");
        assertEquals(2, ledger.counts.uncommitted, "102 and 104 go to the next owner");
        assertTrue(ledger.counts.toReport().isBalanced());
    }

    @Test
    void shouldNotTrustTheMetadataOfAnUnansweredCommitKafkaDoesNotHold()
    {
        final PartitionLedger ledger = ledger(null);
        final RecordWork[] works = deliver(ledger, 100, 6);
        finish(works[0], works[1], works[3], works[5]);
        final LedgerCommit commit = ledger.prepareCommit(4000, stamp);

        // Kafka has the same offset with other metadata: only the records below the offset are committed.
        ledger.committedOnBroker(commit.offset(), "");
        ledger.release();
        assertEquals(2, ledger.counts.completed, "100 and 101 are below Kafka's committed offset");
        assertEquals(4, ledger.counts.uncommitted, "102 to 105: the metadata naming 103 and 105 is not Kafka's");
        assertTrue(ledger.counts.toReport().isBalanced());

        final PartitionLedger behind = ledger(null);
        finish(deliver(behind, 0, 4));
        behind.prepareCommit(4000, stamp);
        behind.committedOnBroker(-1, "");
        behind.release();
        assertEquals(0, behind.counts.completed, "Kafka holds nothing of ours");
        assertEquals(4, behind.counts.uncommitted);
    }

    @Test
    void shouldCountEverythingUncommittedWhenNoCommitSucceeded()
    {
        final PartitionLedger ledger = ledger(null);
        final RecordWork[] works = deliver(ledger, 0, 4);
        finish(works);
        assertEquals(4, ledger.prepareCommit(4000, stamp).offset());
        ledger.release();
        assertEquals(0, ledger.counts.completed);
        assertEquals(4, ledger.counts.uncommitted);
    }

    @Test
    void shouldSkipWhatAnEarlierOwnerFinishedAndKeepNamingWhatIsNotDeliveredYet()
    {
        final String metadata = OffsetMetadataCodec.encode(10, new long[] {12, 13, 20}, 3, 4000).metadata();
        final PartitionLedger ledger = ledger(new OffsetAndMetadata(10, metadata));
        assertFalse(ledger.finishedByEarlierOwner(10));
        assertFalse(ledger.finishedByEarlierOwner(11));
        assertTrue(ledger.finishedByEarlierOwner(12));
        assertTrue(ledger.finishedByEarlierOwner(13));
        assertFalse(ledger.finishedByEarlierOwner(14));

        final RecordWork[] works = deliver(ledger, 10, 5);
        finish(works[2], works[3], works[4]);
        final LedgerCommit commit = ledger.prepareCommit(4000, stamp);
        assertEquals(10, commit.offset());
        assertArrayEquals(new long[] {12, 13, 14, 20}, OffsetMetadataCodec.decode(10, commit.sent().metadata()),
            "20 is not delivered yet but stays named");
    }

    @Test
    void shouldLetALaterSuccessfulCommitCoverAnEarlierOneThatFailed()
    {
        final PartitionLedger ledger = ledger(null);
        final RecordWork[] works = deliver(ledger, 0, 6);
        finish(works[0], works[1]);
        final LedgerCommit failed = ledger.prepareCommit(4000, stamp);
        assertEquals(2, failed.offset());
        assertEquals(4, ledger.size(), "the records below the commit point left the ledger with the commit");
        finish(works[2], works[4]);
        final LedgerCommit succeeded = ledger.prepareCommit(4000, stamp);
        ledger.committed(succeeded);
        assertEquals(3, ledger.counts.completed, "0 and 1 (the failed commit's) and 2");
        ledger.release();
        assertEquals(4, ledger.counts.completed, "4 was named in the successful commit's metadata");
        assertEquals(2, ledger.counts.uncommitted);
        assertTrue(ledger.counts.toReport().isBalanced());
    }

    @Test
    void shouldCountAnUnansweredCommitUncommittedOnRelease()
    {
        final PartitionLedger ledger = ledger(null);
        finish(deliver(ledger, 0, 3));
        ledger.prepareCommit(4000, stamp);
        ledger.release();
        assertEquals(0, ledger.counts.completed);
        assertEquals(3, ledger.counts.uncommitted);
    }

    @Test
    void shouldHaveNothingToCommitBeforeAnyRecordOrCommit()
    {
        assertNull(ledger(null).prepareCommit(4000, 0));
        assertEquals(7, ledger(new OffsetAndMetadata(7)).prepareCommit(4000, 0).offset());
    }

    private static PartitionLedger ledger(final OffsetAndMetadata committed)
    {
        return new PartitionLedger(PARTITION, new PartitionCounts(PARTITION), committed);
    }

    private static RecordWork[] deliver(final PartitionLedger ledger, final long from, final int count)
    {
        final RecordWork[] works = new RecordWork[count];
        for (int i = 0; i < count; i++)
        {
            works[i] = new RecordWork(
                new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), from + i, new byte[0], new byte[0]),
                ledger, 0);
            ledger.add(works[i]);
        }
        return works;
    }

    private void finish(final RecordWork... works)
    {
        for (final RecordWork work : works)
        {
            work.state = RecordWork.FINISHED;
            work.finishedAs = RecordWork.AS_COMPLETED;
            work.finishStamp = ++stamp;
        }
    }
}
