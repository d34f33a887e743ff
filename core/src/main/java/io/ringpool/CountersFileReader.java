package io.ringpool;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a pool's counters file ({@link RingPoolBuilder#countersFile}) from any process, while the pool runs: the
 * reading side of {@link CountersLayout}, which the {@code ringpool-stat} tool uses. It maps the file read-only in
 * spirit (it never writes) and reads each counter's value with acquire semantics.
 * <p>
 * Like the writer it needs, on Java 17, the JVM flag {@code --add-opens java.base/jdk.internal.misc=ALL-UNNAMED}.
 * <p>
 * <b>Thread safety:</b> one thread at a time. Close it to unmap the file.
 */
public final class CountersFileReader implements AutoCloseable
{
    /**
     * Receives one allocated counter.
     */
    @FunctionalInterface
    public interface CounterVisitor
    {
        /**
         * One counter.
         *
         * @param poolName the pool's name (from the counter's key).
         * @param workerId the worker, or -1 for a pool-wide counter.
         * @param label    the counter's label: {@code "<pool>: <counter>"} or {@code "<pool> worker <id>: <counter>"}.
         * @param value    its value when read.
         */
        void onCounter(String poolName, int workerId, String label, long value);
    }

    private final MappedByteBuffer mapped;
    private boolean closed;
    private final CountersReader counters;
    private final UnsafeBuffer metadata;
    private final long pid;
    private final long startMillis;

    private CountersFileReader(final MappedByteBuffer mapped)
    {
        this.mapped = mapped;
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, CountersLayout.HEADER_LENGTH);
        if (header.getIntVolatile(CountersLayout.MAGIC_OFFSET) != CountersLayout.MAGIC)
        {
            throw new IllegalStateException("not a ringpool counters file, or not yet complete (magic " +
                Integer.toHexString(header.getInt(CountersLayout.MAGIC_OFFSET)) + ")");
        }
        final int version = header.getInt(CountersLayout.VERSION_OFFSET);
        if (version != CountersLayout.VERSION)
        {
            throw new IllegalStateException("counters file layout version " + version + "; this reader knows " +
                CountersLayout.VERSION);
        }
        final int metadataLength = header.getInt(CountersLayout.METADATA_LENGTH_OFFSET);
        final int valuesLength = header.getInt(CountersLayout.VALUES_LENGTH_OFFSET);
        if (metadataLength <= 0 || valuesLength <= 0 ||
            (long)CountersLayout.HEADER_LENGTH + metadataLength + valuesLength > mapped.capacity())
        {
            throw new IllegalStateException("counters file is truncated or corrupt: metadata " + metadataLength +
                " and values " + valuesLength + " bytes in a file of " + mapped.capacity());
        }
        this.pid = header.getLong(CountersLayout.PID_OFFSET);
        this.startMillis = header.getLong(CountersLayout.START_MILLIS_OFFSET);
        this.metadata = new UnsafeBuffer(mapped, CountersLayout.HEADER_LENGTH, metadataLength);
        final UnsafeBuffer values = new UnsafeBuffer(mapped, CountersLayout.HEADER_LENGTH + metadataLength, valuesLength);
        this.counters = new CountersReader(metadata, values, StandardCharsets.UTF_8);
    }

    /**
     * Maps a counters file.
     *
     * @param path the file a pool was built with.
     * @return the reader.
     * @throws IllegalArgumentException if the file does not exist.
     * @throws IllegalStateException    if it cannot be mapped (the message says why), is not a complete ringpool
     *                                  counters file, or Agrona's buffers cannot be used in this JVM (the message
     *                                  names the missing flag).
     */
    public static CountersFileReader open(final Path path)
    {
        if (!Files.isRegularFile(path))
        {
            throw new IllegalArgumentException("no counters file at " + path);
        }
        io.ringpool.internal.CountersFile.checkUsable();
        final MappedByteBuffer mapped;
        try
        {
            // Read-only: a reader needs no write access, so it also works on another user's file.
            mapped = IoUtil.mapExistingFile(path.toFile(), java.nio.channels.FileChannel.MapMode.READ_ONLY,
                "ringpool counters");
        }
        catch (final Exception ex)
        {
            // Agrona rethrows an IOException unchecked, as itself: name it, in the exception this method promises.
            throw new IllegalStateException("cannot map the counters file " + path + ": " + ex, ex);
        }
        try
        {
            return new CountersFileReader(mapped);
        }
        catch (final RuntimeException ex)
        {
            IoUtil.unmap(mapped);
            throw ex;
        }
    }

    /**
     * The id of the process that made the file.
     *
     * @return the pid.
     */
    public long pid()
    {
        return pid;
    }

    /**
     * When the writing pool started.
     *
     * @return epoch milliseconds.
     */
    public long startMillis()
    {
        return startMillis;
    }

    /**
     * Visits every counter that is allocated now, pool-wide ones first, in the order the pool allocated them. A pool
     * that has terminated has freed its counters, so none is visited.
     *
     * @param visitor receives each counter.
     * @return the number of counters visited.
     * @throws IllegalStateException if the reader is closed.
     */
    public int forEach(final CounterVisitor visitor)
    {
        if (closed)
        {
            // Its mapping is gone: reading it would crash the JVM, not throw.
            throw new IllegalStateException("this CountersFileReader is closed");
        }
        final int[] visited = new int[1];
        counters.forEach((counterId, typeId, keyBuffer, label) ->
        {
            if (typeId != CountersLayout.POOL_COUNTER_TYPE_ID && typeId != CountersLayout.WORKER_COUNTER_TYPE_ID)
            {
                return;
            }
            final int workerId = keyBuffer.getInt(CountersLayout.KEY_WORKER_ID_OFFSET);
            final int nameLength = Math.min(keyBuffer.getInt(CountersLayout.KEY_POOL_NAME_OFFSET),
                CountersLayout.MAX_POOL_NAME_BYTES);
            final String poolName = keyBuffer.getStringWithoutLengthUtf8(
                CountersLayout.KEY_POOL_NAME_OFFSET + 4, Math.max(0, nameLength));
            visitor.onCounter(poolName, workerId, label, counters.getCounterValue(counterId));
            visited[0]++;
        });
        return visited[0];
    }

    /** Unmaps the file; later calls do nothing, and a later {@link #forEach} throws. */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            IoUtil.unmap(mapped);
        }
    }
}
