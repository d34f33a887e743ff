package io.ringpool.internal;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import io.ringpool.ResultPoller;

import java.util.Objects;

/**
 * The {@link ResultPoller} of a pool in polling mode: the Disruptor's {@link EventPoller} on the result ring, with
 * void entries skipped. The adapter is this object itself, so a poll allocates nothing.
 *
 * @param <R> the result type.
 */
public final class PollingResults<R> implements ResultPoller<R>
{
    private final EventPoller<ResultSlot<R>> poller;
    private final Adapter<R> adapter = new Adapter<>();

    PollingResults(final ResultRing<R> results)
    {
        final RingBuffer<ResultSlot<R>> ring = results.ring();
        this.poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
    }

    @Override
    public EventPoller.PollState poll(final Handler<R> handler)
    {
        adapter.handler = Objects.requireNonNull(handler, "handler");
        try
        {
            return poller.poll(adapter);
        }
        catch (final RuntimeException | Error ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("result poll failed", ex);
        }
        finally
        {
            adapter.handler = null;
        }
    }

    long consumed()
    {
        return poller.getSequence().get();
    }

    private static final class Adapter<R> implements EventPoller.Handler<ResultSlot<R>>
    {
        Handler<R> handler;

        @Override
        public boolean onEvent(final ResultSlot<R> slot, final long sequence, final boolean endOfBatch)
        {
            return slot.isVoid || handler.onOutcome(slot, endOfBatch);
        }
    }
}
