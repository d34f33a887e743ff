package io.ringpool.bench.latency;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyRecorderTest
{
    @Test
    void shouldCountTheWarmUpButRecordOnlyMeasuredTasks()
    {
        final LatencyRecorder recorder = new LatencyRecorder();
        final long now = System.nanoTime();
        recorder.measureFrom(now);

        recorder.record(now - 1_000L, now - 900L, now - 800L, 5L);
        recorder.record(now, now + 100L, now + 300L, 7L);

        assertEquals(2L, recorder.received());
        assertEquals(1L, recorder.measured());
        assertEquals(12L, recorder.checksum());
        assertEquals(1L, recorder.latency().getIntervalHistogram().getTotalCount());
    }

    @Test
    void shouldSplitLatencyIntoQueueWaitAndService()
    {
        final LatencyRecorder recorder = new LatencyRecorder();
        final long intended = System.nanoTime() - 1_000_000L;
        recorder.measureFrom(intended);

        recorder.record(intended, intended + 20_000L, intended + 50_000L, 1L);

        final Histogram queueWait = recorder.queueWait().getIntervalHistogram();
        final Histogram service = recorder.service().getIntervalHistogram();
        final Histogram latency = recorder.latency().getIntervalHistogram();
        assertTrue(queueWait.valuesAreEquivalent(20_000L, queueWait.getMaxValue()));
        assertTrue(service.valuesAreEquivalent(30_000L, service.getMaxValue()));
        assertTrue(latency.getMaxValue() >= 1_000_000L, "received now, a millisecond after it was intended");
    }

    @Test
    void shouldClampValuesBeyondTheHistogramsRange()
    {
        final LatencyRecorder recorder = new LatencyRecorder();
        final long now = System.nanoTime();
        final long intended = now - 2 * LatencyRecorder.HIGHEST_TRACKABLE_NS;
        recorder.measureFrom(intended);

        recorder.record(intended, intended, intended, 1L);

        assertEquals(1L, recorder.clamped());
        assertEquals(1L, recorder.latency().getIntervalHistogram().getTotalCount());
    }
}
