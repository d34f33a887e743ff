package io.ringpool.internal;

/**
 * Encoding of a task entry's state word: the task's sequence and its status in one 64-bit value.
 * <p>
 * Keeping both in one word is what makes a state change addressed by sequence safe after the slot is reused: a
 * change made with {@code compareAndSet(pack(seq, from), pack(seq, to))} cannot hit the newer task that occupies
 * the same slot one or more laps later, because the sequence part no longer matches.
 * <p>
 * The low {@link #STATUS_BITS} bits hold the status; the rest hold the sequence, which leaves 2<sup>60</sup>
 * sequences (decades at a billion tasks a second).
 */
final class TaskState
{
    /** Bits reserved for the status. */
    public static final int STATUS_BITS = 4;

    /** Never written for the sequence in question (the slot still holds an older lap, or nothing). */
    public static final int EMPTY = 0;
    /** Accepted and published; no worker has started it. */
    public static final int PUBLISHED = 1;
    /** A worker has started it; its outcome is counted by that worker or reported abandoned. */
    public static final int STARTED = 2;
    /** Handed back by a halt before any worker started it. */
    public static final int RETURNED = 3;
    /** Claimed by a producer whose publish was rejected or failed: not a task, workers skip it. */
    public static final int VOID = 4;
    /** Cancelled before any worker started it; the worker that reaches it publishes a CANCELLED outcome. */
    public static final int CANCELLED = 5;
    /** Cancelled, and counted by a halt because no worker reached it. */
    public static final int CANCEL_SETTLED = 6;

    private static final long STATUS_MASK = (1L << STATUS_BITS) - 1;

    private TaskState()
    {
    }

    /**
     * Packs a sequence and a status into one state word.
     *
     * @param sequence a non-negative task sequence.
     * @param status   one of the status constants.
     * @return the state word.
     */
    public static long pack(final long sequence, final int status)
    {
        return (sequence << STATUS_BITS) | status;
    }

    /**
     * The sequence part of a state word.
     *
     * @param word a state word.
     * @return its sequence.
     */
    public static long sequenceOf(final long word)
    {
        return word >>> STATUS_BITS;
    }

    /**
     * The status part of a state word.
     *
     * @param word a state word.
     * @return its status.
     */
    public static int statusOf(final long word)
    {
        return (int)(word & STATUS_MASK);
    }

    /**
     * Whether a state word describes the given sequence in the given status.
     *
     * @param word     a state word.
     * @param sequence the expected sequence.
     * @param status   the expected status.
     * @return true if both parts match.
     */
    public static boolean is(final long word, final long sequence, final int status)
    {
        return word == pack(sequence, status);
    }
}
