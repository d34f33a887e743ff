package io.ringpool.kafka;

import io.ringpool.Outcome;
import io.ringpool.OutcomeStatus;
import io.ringpool.ResultHandler;

/**
 * The pool's result handler, on its collector thread: passes each record a worker ran to the poll thread through a
 * single-producer queue ({@link CompletionQueue}). The poll thread publishes a record only while fewer than the queue's capacity are in flight,
 * so the queue always has room. {@code CANCELLED} outcomes are dropped: the poll thread cancelled those records itself
 * and accounted for them when its cancel succeeded.
 */
final class CompletionSink implements ResultHandler<RecordRef>
{
    private final CompletionQueue completions;

    CompletionSink(final CompletionQueue completions)
    {
        this.completions = completions;
    }

    @Override
    public void onResult(final Outcome<RecordRef> outcome, final boolean endOfBatch)
    {
        final OutcomeStatus status = outcome.status();
        if (OutcomeStatus.COMPLETED == status || OutcomeStatus.FAILED == status)
        {
            final RecordWork work = outcome.result().work;
            while (!completions.offer(work))
            {
                // Unreachable while the in-flight bound holds; yield rather than lose the record if it ever does not.
                Thread.yield();
            }
        }
    }
}
