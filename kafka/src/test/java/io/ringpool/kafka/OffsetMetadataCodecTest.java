package io.ringpool.kafka;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OffsetMetadataCodecTest
{
    @Test
    void shouldEncodeNothingWhenNothingIsFinishedAboveTheCommitPoint()
    {
        final OffsetMetadataCodec.Encoded encoded = OffsetMetadataCodec.encode(42, new long[0], 0, 4000);
        assertEquals("", encoded.metadata());
        assertEquals(42, encoded.coveredUpTo());
        assertArrayEquals(new long[0], OffsetMetadataCodec.decode(42, ""));
    }

    @Test
    void shouldRoundTripALongRunBehindOneSlowRecordAsRuns()
    {
        final long[] finished = new long[5000];
        for (int i = 0; i < finished.length; i++)
        {
            finished[i] = 1001 + i;
        }
        final OffsetMetadataCodec.Encoded encoded = OffsetMetadataCodec.encode(1000, finished, finished.length, 4000);
        assertTrue(encoded.metadata().startsWith("rp1:1000:r:"), encoded.metadata());
        assertTrue(encoded.metadata().length() < 20, encoded.metadata());
        assertEquals(6000, encoded.coveredUpTo());
        assertArrayEquals(finished, OffsetMetadataCodec.decode(1000, encoded.metadata()));
    }

    @Test
    void shouldRoundTripAlternatingOffsetsAsABitset()
    {
        final long[] finished = new long[500];
        for (int i = 0; i < finished.length; i++)
        {
            finished[i] = 11 + 2L * i;
        }
        final OffsetMetadataCodec.Encoded encoded = OffsetMetadataCodec.encode(10, finished, finished.length, 4000);
        assertTrue(encoded.metadata().startsWith("rp1:10:b:"), encoded.metadata());
        assertEquals(finished[finished.length - 1], encoded.coveredUpTo());
        assertArrayEquals(finished, OffsetMetadataCodec.decode(10, encoded.metadata()));
    }

    @Test
    void shouldRoundTripRandomSetsExactly()
    {
        final Random random = new Random(12);
        for (int round = 0; round < 200; round++)
        {
            final long committed = random.nextInt(1_000_000);
            final int count = 1 + random.nextInt(300);
            final long[] finished = new long[count];
            long offset = committed;
            for (int i = 0; i < count; i++)
            {
                offset += 1 + (random.nextInt(4) == 0 ? random.nextInt(1000) : 0);
                finished[i] = offset;
            }
            final OffsetMetadataCodec.Encoded encoded = OffsetMetadataCodec.encode(committed, finished, count, 4000);
            assertEquals(finished[count - 1], encoded.coveredUpTo(), "round " + round);
            assertArrayEquals(finished, OffsetMetadataCodec.decode(committed, encoded.metadata()), "round " + round);
        }
    }

    @Test
    void shouldKeepTheLowestOffsetsWhenTheSetDoesNotFit()
    {
        final Random random = new Random(7);
        final long[] finished = new long[20_000];
        long offset = 0;
        for (int i = 0; i < finished.length; i++)
        {
            offset += 1 + random.nextInt(40);
            finished[i] = offset;
        }
        final OffsetMetadataCodec.Encoded encoded = OffsetMetadataCodec.encode(0, finished, finished.length, 200);
        assertTrue(encoded.metadata().length() <= 200, () -> encoded.metadata().length() + " chars");
        assertTrue(encoded.coveredUpTo() > 0 && encoded.coveredUpTo() < finished[finished.length - 1]);
        final long[] decoded = OffsetMetadataCodec.decode(0, encoded.metadata());
        int expected = 0;
        while (expected < finished.length && finished[expected] <= encoded.coveredUpTo())
        {
            expected++;
        }
        assertEquals(expected, decoded.length, "every finished offset up to coveredUpTo, and no other");
        for (int i = 0; i < decoded.length; i++)
        {
            assertEquals(finished[i], decoded[i]);
        }
    }

    @Test
    void shouldIgnoreMetadataThatIsNotOursOrBelongsToAnotherOffset()
    {
        final OffsetMetadataCodec.Encoded encoded = OffsetMetadataCodec.encode(5, new long[] {7, 8}, 2, 4000);
        assertArrayEquals(new long[] {7, 8}, OffsetMetadataCodec.decode(5, encoded.metadata()));
        assertArrayEquals(new long[0], OffsetMetadataCodec.decode(6, encoded.metadata()), "offset reset by a tool");
        assertArrayEquals(new long[0], OffsetMetadataCodec.decode(5, null));
        assertArrayEquals(new long[0], OffsetMetadataCodec.decode(5, "written by someone else"));
        assertArrayEquals(new long[0], OffsetMetadataCodec.decode(5, "rp1:5:r:!!!"));
        assertArrayEquals(new long[0], OffsetMetadataCodec.decode(5, "rp1:5:x:AAAA"));
        assertArrayEquals(new long[0], OffsetMetadataCodec.decode(5, "rp1:5"));
    }

    @org.junit.jupiter.api.Test
    void shouldIgnoreARunLongerThanAnyLedgerNames()
    {
        // One run of 2^31 offsets in 16 characters: decoding it in full would need 16 GiB.
        assertEquals(0, OffsetMetadataCodec.decode(0, "rp1:0:r:AICAgIAI").length);
    }
}
