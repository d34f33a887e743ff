package io.ringpool.internal;

import io.ringpool.CountersLayout;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A pool's counters in a memory-mapped file that another process can read (the layout is {@link CountersLayout}).
 * Made and allocated at {@code start()}, refreshed by the sampler thread, freed by the thread that makes the shutdown
 * report. The two take its lock (uncontended but at that one moment), so a sampler that outlives the shutdown's wait
 * for it never writes into an unmapped file.
 */
public final class CountersFile implements AutoCloseable
{
    /** How often the sampler refreshes the file: four times a second. */
    static final long PERIOD_NS = TimeUnit.MILLISECONDS.toNanos(250);

    private static final String[] POOL_COUNTERS = {
        "published", "rejected not running", "rejected interrupted", "translator failures", "back-pressure waits",
        "tryPublish refusals", "completed", "failed", "cancelled", "expired", "returned", "abandoned", "task backlog",
        "result backlog", "remaining capacity", "stalls", "state", "busy workers" };
    private static final String[] WORKER_COUNTERS = {
        "completed", "failed", "cancelled", "expired", "busy", "current sequence", "held ns", "lag" };

    private final Engine<?, ?> engine;
    private final MappedByteBuffer mapped;
    private final CountersManager counters;
    private final long[] pool = new long[Sample.POOL_LENGTH];
    private final long[] workers;
    private final int[] poolIds = new int[Sample.POOL_LENGTH];
    private final int[] workerIds;
    private boolean closed;

    private CountersFile(final Engine<?, ?> engine, final Path path, final int workerCount)
    {
        this.engine = engine;
        this.workers = new long[workerCount * Sample.WORKER_STRIDE];
        this.workerIds = new int[workerCount * Sample.WORKER_STRIDE];
        final int count = Sample.POOL_LENGTH + workerCount * Sample.WORKER_STRIDE;
        final int metadataLength = count * CountersReader.METADATA_LENGTH;
        final int valuesLength = count * CountersReader.COUNTER_LENGTH;
        this.mapped = IoUtil.mapNewFile(path.toFile(), CountersLayout.HEADER_LENGTH + metadataLength + valuesLength);
        final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, CountersLayout.HEADER_LENGTH);
        final UnsafeBuffer metadata = new UnsafeBuffer(mapped, CountersLayout.HEADER_LENGTH, metadataLength);
        final UnsafeBuffer values = new UnsafeBuffer(mapped, CountersLayout.HEADER_LENGTH + metadataLength, valuesLength);
        this.counters = new CountersManager(metadata, values, StandardCharsets.UTF_8);

        header.putInt(CountersLayout.VERSION_OFFSET, CountersLayout.VERSION);
        header.putInt(CountersLayout.METADATA_LENGTH_OFFSET, metadataLength);
        header.putInt(CountersLayout.VALUES_LENGTH_OFFSET, valuesLength);
        final long pid = ProcessHandle.current().pid();
        header.putLong(CountersLayout.PID_OFFSET, pid);
        header.putLong(CountersLayout.START_MILLIS_OFFSET, System.currentTimeMillis());

        final String name = engine.name();
        final byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        final int nameLength = Math.min(nameBytes.length, CountersLayout.MAX_POOL_NAME_BYTES);
        final UnsafeBuffer key = new UnsafeBuffer(new byte[CountersLayout.KEY_POOL_NAME_OFFSET + 4 + nameLength]);
        key.putInt(CountersLayout.KEY_POOL_NAME_OFFSET, nameLength);
        key.putBytes(CountersLayout.KEY_POOL_NAME_OFFSET + 4, nameBytes, 0, nameLength);
        // Labels carry the name as the key does, cut to MAX_POOL_NAME_BYTES, so the counter's own name always fits in
        // Agrona's label limit.
        final String labelName = new String(nameBytes, 0, nameLength, StandardCharsets.UTF_8);
        final UnsafeBuffer label = new UnsafeBuffer(new byte[CountersReader.MAX_LABEL_LENGTH]);

        key.putInt(CountersLayout.KEY_WORKER_ID_OFFSET, -1);
        for (int i = 0; i < Sample.POOL_LENGTH; i++)
        {
            final int labelLength = label.putStringWithoutLengthUtf8(0, labelName + ": " + POOL_COUNTERS[i]);
            poolIds[i] = counters.allocate(
                CountersLayout.POOL_COUNTER_TYPE_ID, key, 0, key.capacity(), label, 0, labelLength);
            counters.setCounterOwnerId(poolIds[i], pid);
        }
        for (int w = 0; w < workerCount; w++)
        {
            key.putInt(CountersLayout.KEY_WORKER_ID_OFFSET, w);
            for (int i = 0; i < Sample.WORKER_STRIDE; i++)
            {
                final int labelLength =
                    label.putStringWithoutLengthUtf8(0, labelName + " worker " + w + ": " + WORKER_COUNTERS[i]);
                final int at = w * Sample.WORKER_STRIDE + i;
                workerIds[at] = counters.allocate(
                    CountersLayout.WORKER_COUNTER_TYPE_ID, key, 0, key.capacity(), label, 0, labelLength);
                counters.setCounterOwnerId(workerIds[at], pid);
            }
        }
        update();
        header.putIntRelease(CountersLayout.MAGIC_OFFSET, CountersLayout.MAGIC);
    }

    /**
     * Makes the file and allocates the pool's counters in it.
     *
     * @param engine the pool.
     * @param path   the file; made, or overwritten.
     * @return the counters file.
     * @throws IllegalStateException if the file cannot be made, or Agrona's buffers cannot be used in this JVM.
     */
    static CountersFile open(final Engine<?, ?> engine, final Path path)
    {
        checkUsable();
        if (java.nio.file.Files.isDirectory(path))
        {
            // Files.deleteIfExists would remove an empty directory to put the file in its place.
            throw new IllegalStateException("pool '" + engine.name() + "': the counters file " + path +
                " is a directory");
        }
        try
        {
            java.nio.file.Files.deleteIfExists(path);
            return new CountersFile(engine, path, engine.config.workers());
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("pool '" + engine.name() + "': cannot make the counters file " + path +
                ": " + ex, ex);
        }
    }

    /**
     * Checks that Agrona's {@code UnsafeBuffer} works in this JVM: on Java 17 it needs {@code jdk.internal.misc}
     * opened to it.
     *
     * @throws IllegalStateException naming the JVM flag that is missing.
     */
    public static void checkUsable()
    {
        try
        {
            new UnsafeBuffer(new byte[8]).putLongVolatile(0, 1L);
        }
        catch (final LinkageError ex)
        {
            throw new IllegalStateException("countersFile needs Agrona's UnsafeBuffer, which on Java 17 needs the JVM " +
                "flag --add-opens java.base/jdk.internal.misc=ALL-UNNAMED (on the module path: " +
                "--add-opens java.base/jdk.internal.misc=org.agrona); start the JVM with it, or build the pool " +
                "without countersFile (" + ex + ")", ex);
        }
    }

    /** Copies a fresh sample into the file: the sampler thread, or the thread that ends the pool once it has. */
    synchronized void update()
    {
        if (closed)
        {
            return;
        }
        engine.sample(pool, workers);
        for (int i = 0; i < poolIds.length; i++)
        {
            counters.setCounterValue(poolIds[i], pool[i]);
        }
        for (int i = 0; i < workerIds.length; i++)
        {
            counters.setCounterValue(workerIds[i], workers[i]);
        }
    }

    /** One last refresh, then frees every counter and unmaps the file. */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        update();
        closed = true;
        for (final int id : poolIds)
        {
            counters.free(id);
        }
        for (final int id : workerIds)
        {
            counters.free(id);
        }
        IoUtil.unmap(mapped);
    }
}
