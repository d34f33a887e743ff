package io.ringpool.kafka;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encodes, in a committed offset's metadata, which records above the committed offset are already finished, so that
 * the partition's next owner skips them instead of running them again.
 * <p>
 * <b>Format</b> (text, as Kafka's metadata is a string): {@code rp1:<committed offset>:<kind>:<payload>}, the payload
 * in unpadded URL-safe base64. The offsets described start right after the committed offset {@code c} (which is
 * unfinished by definition). Two kinds, and the encoder keeps the shorter:
 * <ul>
 *     <li>{@code r}, runs: for each run of consecutive finished offsets, the gap since the previous run's end (or
 *     since {@code c + 1}) and the run's length, both as unsigned LEB128 varints. Small when finished offsets come in
 *     long runs (one slow record, everything after it finished).</li>
 *     <li>{@code b}, bitset: bit {@code i} (little-endian within each byte) set when offset {@code c + 1 + i} is
 *     finished. Small when finished and unfinished records alternate.</li>
 * </ul>
 * The committed offset is repeated inside so that metadata copied to another offset (by a tool that resets offsets)
 * is not trusted. Anything not in this format decodes to nothing: the records are simply run again.
 * <p>
 * <b>Size.</b> Brokers refuse metadata longer than {@code offset.metadata.max.bytes} (4096 by default). When the
 * finished offsets do not fit in {@code maxChars}, the encoder keeps a prefix (the lowest offsets) and says how far it
 * got ({@link Encoded#coveredUpTo}); the records above that are not committed, and a next owner runs them again.
 * <p>
 * Stateless and thread-safe.
 */
final class OffsetMetadataCodec
{
    static final String PREFIX = "rp1:";
    private static final long[] NONE = new long[0];

    /**
     * The most finished offsets a decode expands: a run-length payload of a few characters can name billions, and
     * metadata written by someone else (or corrupted) must not exhaust the heap of every instance it is assigned to.
     */
    static final int MAX_DECODED = 1 << 20;

    private OffsetMetadataCodec()
    {
    }

    /**
     * What {@link #encode} made.
     *
     * @param metadata    the metadata string; empty when nothing is finished above the committed offset.
     * @param coveredUpTo every finished offset up to this one is in the metadata; the committed offset itself when
     *                    none is.
     */
    record Encoded(String metadata, long coveredUpTo)
    {
    }

    /**
     * Encodes finished offsets above a committed offset.
     *
     * @param committed the offset to be committed: the lowest unfinished one.
     * @param finished  finished offsets, increasing, all above {@code committed}.
     * @param count     how many of {@code finished} to use.
     * @param maxChars  the longest metadata allowed.
     * @return the metadata and how far it covers.
     */
    static Encoded encode(final long committed, final long[] finished, final int count, final int maxChars)
    {
        if (0 == count)
        {
            return new Encoded("", committed);
        }
        final String header = PREFIX + committed + ':';
        final int maxBytes = Math.max(0, (maxChars - header.length() - 2) * 3 / 4);
        final ByteArrayOutputStream runs = new ByteArrayOutputStream(64);
        final long runsCover = encodeRuns(committed, finished, count, maxBytes, runs);
        final long last = finished[count - 1];
        final long bitsCover = Math.min(last, committed + 8L * maxBytes);
        final byte[] bits = bitsCover > committed ? encodeBits(committed, finished, count, bitsCover) : null;

        final boolean useRuns = runsCover > bitsCover || (runsCover == bitsCover &&
            (null == bits || runs.size() <= bits.length));
        final long cover = useRuns ? runsCover : bitsCover;
        if (cover <= committed)
        {
            return new Encoded("", committed);
        }
        final byte[] payload = useRuns ? runs.toByteArray() : bits;
        return new Encoded(header + (useRuns ? "r:" : "b:") + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(payload), cover);
    }

    /**
     * Reads the finished offsets that a committed offset's metadata names.
     *
     * @param committed the committed offset the metadata came with.
     * @param metadata  the metadata, possibly null or written by someone else.
     * @return the finished offsets, increasing; empty if there are none or the metadata is not ours.
     */
    static long[] decode(final long committed, final String metadata)
    {
        if (null == metadata || !metadata.startsWith(PREFIX))
        {
            return NONE;
        }
        try
        {
            final int offsetEnd = metadata.indexOf(':', PREFIX.length());
            if (offsetEnd < 0 || Long.parseLong(metadata.substring(PREFIX.length(), offsetEnd)) != committed ||
                metadata.length() < offsetEnd + 3 || ':' != metadata.charAt(offsetEnd + 2))
            {
                return NONE;
            }
            final char kind = metadata.charAt(offsetEnd + 1);
            final byte[] payload = Base64.getUrlDecoder().decode(
                metadata.substring(offsetEnd + 3).getBytes(StandardCharsets.US_ASCII));
            if ('r' == kind)
            {
                return decodeRuns(committed, payload);
            }
            if ('b' == kind)
            {
                return decodeBits(committed, payload);
            }
            return NONE;
        }
        catch (final RuntimeException malformed)
        {
            return NONE;
        }
    }

    private static long encodeRuns(
        final long committed, final long[] finished, final int count, final int maxBytes,
        final ByteArrayOutputStream out)
    {
        long cursor = committed + 1;
        long cover = committed;
        final byte[] scratch = new byte[20];
        int i = 0;
        while (i < count)
        {
            final long start = finished[i];
            int j = i;
            while (j + 1 < count && finished[j + 1] == finished[j] + 1)
            {
                j++;
            }
            final long end = finished[j];
            int n = writeVarint(scratch, 0, start - cursor);
            n = writeVarint(scratch, n, end - start + 1);
            if (out.size() + n > maxBytes)
            {
                break;
            }
            out.write(scratch, 0, n);
            // Everything below the next run's start is either in this run or unfinished: covered.
            cover = j + 1 < count ? finished[j + 1] - 1 : end;
            cursor = end + 1;
            i = j + 1;
        }
        return cover;
    }

    private static byte[] encodeBits(final long committed, final long[] finished, final int count, final long upTo)
    {
        final byte[] bits = new byte[(int)((upTo - committed + 7) / 8)];
        for (int i = 0; i < count && finished[i] <= upTo; i++)
        {
            final long bit = finished[i] - committed - 1;
            bits[(int)(bit >>> 3)] |= (byte)(1 << (bit & 7));
        }
        return bits;
    }

    private static long[] decodeRuns(final long committed, final byte[] payload)
    {
        long[] out = new long[16];
        int size = 0;
        long cursor = committed + 1;
        final int[] position = {0};
        while (position[0] < payload.length)
        {
            final long start = cursor + readVarint(payload, position);
            final long length = readVarint(payload, position);
            if (length <= 0 || start < cursor || length > MAX_DECODED - size)
            {
                // Malformed, or more offsets than any ledger of ours names: not ours; its records run again.
                return NONE;
            }
            for (long offset = start; offset < start + length; offset++)
            {
                if (size == out.length)
                {
                    out = Arrays.copyOf(out, size * 2);
                }
                out[size++] = offset;
            }
            cursor = start + length;
        }
        return Arrays.copyOf(out, size);
    }

    private static long[] decodeBits(final long committed, final byte[] payload)
    {
        long[] out = new long[16];
        int size = 0;
        for (int i = 0; i < payload.length * 8; i++)
        {
            if (0 != (payload[i >>> 3] & (1 << (i & 7))))
            {
                if (size == out.length)
                {
                    out = Arrays.copyOf(out, size * 2);
                }
                out[size++] = committed + 1 + i;
            }
        }
        return Arrays.copyOf(out, size);
    }

    private static int writeVarint(final byte[] buffer, final int at, final long value)
    {
        int n = at;
        long v = value;
        while ((v & ~0x7FL) != 0)
        {
            buffer[n++] = (byte)((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[n++] = (byte)v;
        return n;
    }

    private static long readVarint(final byte[] buffer, final int[] position)
    {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            final byte b = buffer[position[0]++];
            value |= (long)(b & 0x7F) << shift;
            if (0 == (b & 0x80))
            {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 64 bits");
    }
}
