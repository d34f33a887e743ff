package io.ringpool.internal;

/**
 * Deliberately broken dispatch, for the proof that the contract suite bites: each breaks exactly one promise the
 * contract checks, and nothing else it can avoid breaking.
 */
public final class BrokenSources
{
    private static final long NONE = Long.MIN_VALUE;

    private BrokenSources()
    {
    }

    /** Drops one task in 101: the worker moves past it without running it. */
    public static TaskSource.Factory dropping()
    {
        return (tasks, limit, workerId, workers) -> new OwnSequences(tasks, limit, workerId, workers)
        {
            @Override
            public long tryNext()
            {
                // Always through next(): the breakage under test lives there.
                return NONE;
            }

            @Override
            public long next()
            {
                final long next = nextOwn();
                if (next != STOP && next % 101 == 7)
                {
                    done(next);
                    return nextOwn();
                }
                return next;
            }
        };
    }

    /** Runs one task in 101 twice: after the first run it puts the entry back to PUBLISHED and hands it out again. */
    public static TaskSource.Factory runningTwice()
    {
        return (tasks, limit, workerId, workers) -> new OwnSequences(tasks, limit, workerId, workers)
        {
            private long repeat = NONE;
            private boolean repeatRan;

            @Override
            public long tryNext()
            {
                // Always through next(): the breakage under test lives there.
                return NONE;
            }

            @Override
            public long next()
            {
                if (repeat != NONE && repeatRan)
                {
                    final long again = repeat;
                    repeat = NONE;
                    final TaskSlot<?> slot = ring.get(again);
                    slot.casState(TaskState.pack(again, TaskState.STARTED), TaskState.pack(again, TaskState.PUBLISHED));
                    return again;
                }
                final long next = nextOwn();
                if (next != STOP && next % 101 == 7)
                {
                    repeat = next;
                    repeatRan = false;
                }
                return next;
            }

            @Override
            public void done(final long sequence)
            {
                if (sequence == repeat)
                {
                    // Keep the entry protected until its second run.
                    repeatRan = true;
                    return;
                }
                super.done(sequence);
            }
        };
    }

    /** Runs each pair of its own tasks in reverse order: per-key (and per-worker) order breaks. */
    public static TaskSource.Factory swappingPairs()
    {
        return (tasks, limit, workerId, workers) -> new OwnSequences(tasks, limit, workerId, workers)
        {
            private long pending = NONE;
            private long high = -1L;

            @Override
            public long tryNext()
            {
                // Always through next(): the breakage under test lives there.
                return NONE;
            }

            @Override
            public long next()
            {
                if (pending != NONE)
                {
                    final long earlier = pending;
                    pending = NONE;
                    return earlier;
                }
                final long first = nextOwn();
                if (first == STOP)
                {
                    return STOP;
                }
                holdBelow = first;
                final long second = nextOwn();
                holdBelow = NONE;
                if (second == STOP)
                {
                    return first;
                }
                pending = first;
                high = second;
                return second;
            }

            @Override
            public void done(final long sequence)
            {
                if (pending == NONE)
                {
                    super.done(Math.max(sequence, high));
                }
            }
        };
    }

    /** Worker {@code i} walks the sequences {@code s % N == i}, like ID-sequenced dispatch. */
    private abstract static class OwnSequences extends TaskSource
    {
        long holdBelow = NONE;
        private long next;

        OwnSequences(final TaskRing<?> tasks, final StopLimit limit, final int workerId, final int workers)
        {
            super(tasks, limit, workerId, workers);
            this.next = workerId;
        }

        final long nextOwn()
        {
            while (true)
            {
                final long s = next;
                if (s > limit.get())
                {
                    return STOP;
                }
                if (available < s)
                {
                    sequence.set(holdBelow != NONE ? Math.min(holdBelow, s) - 1L : s - 1L);
                    available = await(s, available);
                    continue;
                }
                next = s + workers;
                endOfBatch = true;
                return s;
            }
        }
    }
}
