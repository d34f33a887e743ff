package io.ringpool.internal;

/**
 * ID-sequenced: worker {@code i} of {@code N} takes exactly the sequences where {@code sequence % N == i}, in order.
 * No shared claim at all: each worker moves its own sequence through the ring.
 * <p>
 * The price is head-of-line blocking: a slow task holds back every later task of its worker, and (through the
 * worker's gating sequence) the whole ring once the producers wrap around to it.
 */
final class IdSequencedDispatch extends TaskSource
{
    private long nextOwn;

    IdSequencedDispatch(final TaskRing<?> tasks, final StopLimit limit, final int workerId, final int workers)
    {
        super(tasks, limit, workerId, workers);
        this.nextOwn = workerId;
    }

    /**
     * The factory.
     *
     * @return a factory of ID-sequenced sources.
     */
    public static Factory factory()
    {
        return IdSequencedDispatch::new;
    }

    @Override
    public long next()
    {
        final long next = nextOwn;
        if (!awaitPublished(next))
        {
            return STOP;
        }
        nextOwn = next + workers;
        endOfBatch = nextOwn > available;
        return next;
    }

    @Override
    public long tryNext()
    {
        final long next = nextOwn;
        if (next > limit.get())
        {
            return STOP;
        }
        if (available < next)
        {
            // Everything up to available is known published; look past it without waiting.
            refreshAvailable(available + 1L);
            if (available < next)
            {
                return NONE;
            }
        }
        nextOwn = next + workers;
        endOfBatch = nextOwn > available;
        return next;
    }
}
