package io.ringpool;

/**
 * The layout of a pool's counters file ({@link RingPoolBuilder#countersFile}), for a tool in another process that
 * maps it, such as {@code ringpool-stat}.
 * <p>
 * The file starts with a header of {@value #HEADER_LENGTH} bytes (little-endian, the platform's order for the
 * counters themselves): {@link #MAGIC} at {@link #MAGIC_OFFSET}, written last with a release store so that a reader
 * that sees it sees a complete file; {@link #VERSION} at {@link #VERSION_OFFSET}; the metadata and values lengths;
 * the writing process's pid; and its start time in epoch milliseconds. Then the metadata region and the values region
 * of an Agrona {@code CountersManager}: wrap them in two {@code UnsafeBuffer}s and read them with a
 * {@code CountersReader}.
 * <p>
 * Every counter has type {@link #POOL_COUNTER_TYPE_ID} or {@link #WORKER_COUNTER_TYPE_ID}, the pool's process id as
 * its owner id, a label {@code "<pool>: <counter>"} or {@code "<pool> worker <id>: <counter>"} (the pool's name
 * cut, as in the key, to {@link #MAX_POOL_NAME_BYTES}, so that the counter's name always fits), and a key holding
 * the worker id (-1 for pool counters) at {@link #KEY_WORKER_ID_OFFSET} and the pool's name (an int length, then
 * UTF-8 bytes, at most {@link #MAX_POOL_NAME_BYTES}) at {@link #KEY_POOL_NAME_OFFSET}. The counters are allocated
 * when the pool starts, refreshed by the pool's sampler thread, and freed (their records reclaimed) when the pool
 * terminates, after one last refresh.
 */
public final class CountersLayout
{
    /** The magic number that marks a complete counters file. */
    public static final int MAGIC = 0x52504F4C;
    /** The layout's version. */
    public static final int VERSION = 1;
    /** Where the magic number is. */
    public static final int MAGIC_OFFSET = 0;
    /** Where the version is. */
    public static final int VERSION_OFFSET = 4;
    /** Where the metadata region's length (an int) is. */
    public static final int METADATA_LENGTH_OFFSET = 8;
    /** Where the values region's length (an int) is. */
    public static final int VALUES_LENGTH_OFFSET = 12;
    /** Where the writing process's pid (a long) is. */
    public static final int PID_OFFSET = 16;
    /** Where the writing process's start time, in epoch milliseconds (a long), is. */
    public static final int START_MILLIS_OFFSET = 24;
    /** The header's length: the metadata region starts here, and the values region right after it. */
    public static final int HEADER_LENGTH = 128;

    /** The type id of a pool-wide counter. */
    public static final int POOL_COUNTER_TYPE_ID = 7001;
    /** The type id of a per-worker counter. */
    public static final int WORKER_COUNTER_TYPE_ID = 7002;
    /** Where in a counter's key the worker id (an int, -1 for a pool counter) is. */
    public static final int KEY_WORKER_ID_OFFSET = 0;
    /** Where in a counter's key the pool name's length (an int) is; the name's bytes follow. */
    public static final int KEY_POOL_NAME_OFFSET = 4;
    /** The most bytes of a pool's name the key holds; a longer name is cut. */
    public static final int MAX_POOL_NAME_BYTES = 100;

    private CountersLayout()
    {
    }
}
