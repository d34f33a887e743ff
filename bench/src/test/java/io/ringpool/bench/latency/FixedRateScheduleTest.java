package io.ringpool.bench.latency;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedRateScheduleTest
{
    @Test
    void shouldSpaceTasksByThePeriodWithoutDrift()
    {
        final FixedRateSchedule schedule = new FixedRateSchedule(1_000L, 3L, 4L);

        assertEquals(1_000L, schedule.advance());
        assertEquals(1_000L + 333_333_333L, schedule.advance());
        assertEquals(1_000L + 666_666_666L, schedule.advance());
        assertEquals(1_000L + 1_000_000_000L, schedule.advance());
    }

    @Test
    void shouldKeepTheLastOfMillionsOfTasksExact()
    {
        final long count = 3_500_000L;
        final FixedRateSchedule schedule = new FixedRateSchedule(0L, 500_000L, count);
        long due = 0L;
        while (schedule.hasNext())
        {
            due = schedule.advance();
        }

        assertEquals((count - 1) * 2_000L, due);
        assertEquals(count, schedule.advanced());
    }

    @Test
    void shouldNumberTasksFromZeroAndFillThemIn()
    {
        final FixedRateSchedule schedule = new FixedRateSchedule(50L, 1_000L, 2L);
        final LatencyTask task = new LatencyTask();

        schedule.advance();
        assertEquals(0L, schedule.value());
        schedule.advance();
        schedule.fillIn(task);

        assertEquals(1L, task.value);
        assertEquals(50L + 1_000_000L, task.intendedNs);
        assertFalse(schedule.hasNext());
    }

    @Test
    void shouldTellWhenATaskIsDue()
    {
        final FixedRateSchedule schedule = new FixedRateSchedule(7L, 20_000L, 10L);

        assertEquals(7L + 5 * 50_000L, schedule.dueNs(5));
        assertTrue(schedule.hasNext());
    }
}
