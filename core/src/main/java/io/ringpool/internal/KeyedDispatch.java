package io.ringpool.internal;

/**
 * Keyed: the producer routes each task to worker {@code mix(key) mod N} when it publishes it (the route is written
 * into the entry beside the task), and each worker takes, in sequence order, exactly the entries routed to it.
 * Tasks with one key are therefore run by one worker, in publish order, while different keys run in parallel.
 * <p>
 * Every worker reads every entry's route, which costs a read of a shared line per entry per worker: fine for the
 * worker counts a machine has. A hot key is the price: its tasks queue behind one worker.
 */
final class KeyedDispatch extends TaskSource
{
    private static final long NO_LOOKAHEAD = Long.MIN_VALUE;

    private long cursor;
    private long lookahead = NO_LOOKAHEAD;

    KeyedDispatch(final TaskRing<?> tasks, final StopLimit limit, final int workerId, final int workers)
    {
        super(tasks, limit, workerId, workers);
    }

    /**
     * The factory.
     *
     * @return a factory of keyed sources.
     */
    public static Factory factory()
    {
        return KeyedDispatch::new;
    }

    @Override
    public long next()
    {
        final long next;
        if (lookahead != NO_LOOKAHEAD)
        {
            next = lookahead;
            lookahead = NO_LOOKAHEAD;
            if (next > limit.get())
            {
                return STOP;
            }
        }
        else
        {
            next = scan();
            if (next == STOP)
            {
                return STOP;
            }
        }
        findNextOwnWithoutWaiting();
        endOfBatch = lookahead == NO_LOOKAHEAD;
        return next;
    }

    @Override
    public long tryNext()
    {
        if (lookahead == NO_LOOKAHEAD)
        {
            // Everything below cursor was scanned, so published.
            refreshAvailable(cursor);
            findNextOwnWithoutWaiting();
            if (lookahead == NO_LOOKAHEAD)
            {
                return TaskSource.NONE;
            }
        }
        return next();
    }

    private long scan()
    {
        while (awaitPublished(cursor))
        {
            final long next = cursor++;
            if (ring.get(next).route == workerId)
            {
                return next;
            }
        }
        return STOP;
    }

    private void findNextOwnWithoutWaiting()
    {
        for (long s = cursor; s <= available; s++)
        {
            if (ring.get(s).route == workerId)
            {
                lookahead = s;
                cursor = s + 1L;
                return;
            }
        }
        cursor = Math.max(cursor, available + 1L);
    }
}
