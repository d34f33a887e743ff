package io.ringpool.stat;

import io.ringpool.CountersFileReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One counters file, mapped, and mapped again when a new pool has made the file anew (the writer deletes and
 * recreates it at start), so that the tool follows a restarted process as it follows a running one.
 * <p>
 * <b>Thread safety:</b> one thread.
 */
final class WatchedFile implements AutoCloseable
{
    final Path path;
    private CountersFileReader reader;
    private Object identity;
    private String problem;

    private WatchedFile(final Path path, final CountersFileReader reader, final Object identity)
    {
        this.path = path;
        this.reader = reader;
        this.identity = identity;
    }

    /**
     * Maps a file that must exist and be complete.
     *
     * @param path the file.
     * @return the watched file.
     * @throws IllegalArgumentException if there is no file.
     * @throws IllegalStateException    if it is not a complete counters file, or cannot be mapped.
     */
    static WatchedFile open(final Path path)
    {
        final Object identity = identity(path);
        return new WatchedFile(path, CountersFileReader.open(path), identity);
    }

    /**
     * Maps the file again if it is no longer the one mapped; keeps the old mapping, and notes why, if the new file
     * cannot be read yet.
     */
    void refresh()
    {
        final Object now = identity(path);
        if (null == now || now.equals(identity))
        {
            problem = null == now ? "the file is gone; showing its last mapping" : null;
            return;
        }
        try
        {
            final CountersFileReader fresh = CountersFileReader.open(path);
            reader.close();
            reader = fresh;
            identity = now;
            problem = null;
        }
        catch (final RuntimeException ex)
        {
            problem = "the file was made anew and cannot be read yet (" + ex.getMessage() + ")";
        }
    }

    /**
     * The current mapping.
     *
     * @return the reader.
     */
    CountersFileReader reader()
    {
        return reader;
    }

    /**
     * Why the last {@link #refresh()} kept an old mapping.
     *
     * @return the reason, or null.
     */
    String problem()
    {
        return problem;
    }

    @Override
    public void close()
    {
        reader.close();
    }

    private static Object identity(final Path path)
    {
        try
        {
            final BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            // The inode where the platform has one; otherwise the creation time, which a recreated file changes.
            return null != attributes.fileKey() ? attributes.fileKey() : attributes.creationTime();
        }
        catch (final IOException gone)
        {
            return null;
        }
    }
}
