package io.ringpool.internal;

import com.lmax.disruptor.Sequence;

/**
 * Work stealing: every worker takes the next unclaimed sequences from one shared work sequence, by CAS.
 * <p>
 * <b>Adaptive batches.</b> A worker claims {@code clamp(backlog / workers, 1, maxBatch)} sequences per CAS, where
 * the backlog is what is published and not yet claimed. A deep backlog costs one contended CAS per batch instead of
 * one per task (the old WorkerPool's scaling limit); a shallow one is claimed a task at a time, so an idle worker is
 * never left waiting behind another worker's batch.
 * <p>
 * <b>Gating.</b> Before each claim the worker sets its gating sequence to the work sequence it read: every sequence up
 * to it is claimed by someone, and this worker holds none of them. After each task it sets it to that task: the
 * rest of its batch stays protected.
 */
final class WorkStealingDispatch extends TaskSource
{
    private final Sequence workSequence;
    private final int maxBatch;
    private long nextInBatch;
    private long batchEnd = -1L;

    WorkStealingDispatch(
        final TaskRing<?> tasks,
        final StopLimit limit,
        final int workerId,
        final int workers,
        final Sequence workSequence,
        final int maxBatch)
    {
        super(tasks, limit, workerId, workers);
        this.workSequence = workSequence;
        this.maxBatch = maxBatch;
    }

    /**
     * A factory whose sources share one work sequence.
     *
     * @param maxBatch the most sequences one CAS may claim; 1 claims one at a time.
     * @return the factory.
     */
    public static Factory factory(final int maxBatch)
    {
        final Sequence workSequence = new Sequence();
        return (tasks, limit, workerId, workers) ->
            new WorkStealingDispatch(tasks, limit, workerId, workers, workSequence, maxBatch);
    }

    @Override
    public long next()
    {
        if (nextInBatch <= batchEnd)
        {
            final long next = nextInBatch++;
            if (next > limit.get())
            {
                return STOP;
            }
            endOfBatch = next == batchEnd;
            return next;
        }
        return claim();
    }

    @Override
    public long tryNext()
    {
        if (nextInBatch <= batchEnd)
        {
            return next();
        }
        while (true)
        {
            final long current = workSequence.get();
            final long wanted = current + 1L;
            if (wanted > limit.get())
            {
                return STOP;
            }
            // Everything up to current is claimed, so published.
            if (!refreshAvailable(wanted))
            {
                return NONE;
            }
            final long batch = Math.min(maxBatch, Math.max(1L, (available - current) / workers));
            sequence.set(current);
            if (take(current, batch))
            {
                batchEnd = current + batch;
                nextInBatch = current + 2L;
                endOfBatch = batch == 1L;
                return wanted;
            }
        }
    }

    /**
     * Moves the work sequence from {@code current} past {@code batch} more sequences: by CAS among several workers; a
     * single worker is the sequence's only reader and writer, so a release store does.
     */
    private boolean take(final long current, final long batch)
    {
        if (workers == 1)
        {
            workSequence.set(current + batch);
            return true;
        }
        return workSequence.compareAndSet(current, current + batch);
    }

    private long claim()
    {
        while (true)
        {
            final long current = workSequence.get();
            sequence.set(current);
            if (!awaitPublished(current + 1L))
            {
                return STOP;
            }
            final long batch = Math.min(maxBatch, Math.max(1L, (available - current) / workers));
            if (take(current, batch))
            {
                batchEnd = current + batch;
                nextInBatch = current + 2L;
                endOfBatch = batch == 1L;
                return current + 1L;
            }
        }
    }
}
