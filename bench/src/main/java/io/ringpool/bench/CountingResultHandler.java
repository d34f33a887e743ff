package io.ringpool.bench;

import io.ringpool.Outcome;
import io.ringpool.OutcomeStatus;
import io.ringpool.ResultHandler;

/**
 * ringpool's result handler in the round-trip benchmarks: records every completed result in the {@link ResultLedger}
 * under its producer, and counts any other outcome, which a correct run never has.
 * <p>
 * <b>Threading:</b> {@link #onResult} runs on the pool's collector thread only, the ledger's single writer.
 * {@link #notCompleted()} is exact once the pool has terminated (its drain joined the collector thread).
 */
final class CountingResultHandler implements ResultHandler<RoundTripResult>
{
    private final ResultLedger ledger;
    private long notCompleted;

    CountingResultHandler(final ResultLedger ledger)
    {
        this.ledger = ledger;
    }

    @Override
    public void onResult(final Outcome<RoundTripResult> outcome, final boolean endOfBatch)
    {
        if (outcome.status() != OutcomeStatus.COMPLETED)
        {
            // A failed task must still end its producer's wait, but the teardown must see that it failed.
            notCompleted++;
        }
        final RoundTripResult result = outcome.result();
        ledger.record(result.producer, result.value);
    }

    /**
     * Outcomes that were not {@link OutcomeStatus#COMPLETED}.
     *
     * @return the count; 0 in a correct run.
     */
    long notCompleted()
    {
        return notCompleted;
    }
}
