package io.ringpool.internal;

import io.ringpool.ShutdownReport;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The pool's JDK Flight Recorder events: rare ones only (a stall, a pool failure, a shutdown report, a burst of
 * refused publishes), never one per task. Each is disabled by default, so a recording that does not ask for it pays
 * nothing, and each is guarded by its type's {@code isEnabled()} before anything is made: enable them with
 * {@code jfr configure} or a {@code .jfc} setting such as {@code io.ringpool.Stall#enabled=true}.
 */
final class PoolEvents
{
    private static final EventType STALL = EventType.getEventType(StallEvent.class);
    private static final EventType FAILED = EventType.getEventType(PoolFailedEvent.class);
    private static final EventType SHUTDOWN = EventType.getEventType(ShutdownEvent.class);
    private static final EventType REJECTED = EventType.getEventType(RejectedPublishesEvent.class);

    private PoolEvents()
    {
    }

    static void stall(final String pool, final int workerId, final long sequence, final long stalledNanos)
    {
        if (STALL.isEnabled())
        {
            final StallEvent event = new StallEvent();
            event.pool = pool;
            event.workerId = workerId;
            event.sequence = sequence;
            event.stalled = stalledNanos;
            event.commit();
        }
    }

    static void failed(final String pool, final Throwable cause)
    {
        if (FAILED.isEnabled())
        {
            final PoolFailedEvent event = new PoolFailedEvent();
            event.pool = pool;
            event.cause = String.valueOf(cause);
            event.commit();
        }
    }

    static void shutdown(final String pool, final ShutdownReport<?, ?> report)
    {
        if (SHUTDOWN.isEnabled())
        {
            final ShutdownEvent event = new ShutdownEvent();
            event.pool = pool;
            event.finalState = String.valueOf(report.finalState());
            event.drained = report.drained();
            event.published = report.published();
            event.completed = report.completed();
            event.failed = report.failed();
            event.cancelled = report.cancelled();
            event.expired = report.expired();
            event.returned = report.returned();
            event.abandoned = report.abandoned();
            event.undelivered = report.undelivered();
            event.commit();
        }
    }

    static boolean rejectedEnabled()
    {
        return REJECTED.isEnabled();
    }

    static void rejected(
        final String pool, final long notRunning, final long interrupted, final long translatorFailures,
        final long periodNanos)
    {
        final RejectedPublishesEvent event = new RejectedPublishesEvent();
        event.pool = pool;
        event.notRunning = notRunning;
        event.interrupted = interrupted;
        event.translatorFailures = translatorFailures;
        event.period = periodNanos;
        event.commit();
    }

    @Name("io.ringpool.Stall")
    @Label("ringpool Worker Stall")
    @Description("A worker held one task longer than the stall threshold while later tasks waited")
    @Category("ringpool")
    @Enabled(false)
    @StackTrace(false)
    static final class StallEvent extends Event
    {
        @Label("Pool")
        String pool;
        @Label("Worker")
        int workerId;
        @Label("Task Sequence")
        long sequence;
        @Label("Held For")
        @Timespan(Timespan.NANOSECONDS)
        long stalled;
    }

    @Name("io.ringpool.PoolFailed")
    @Label("ringpool Pool Failed")
    @Description("An Error, or a listener that threw, moved the pool to FAILED")
    @Category("ringpool")
    @Enabled(false)
    @StackTrace(false)
    static final class PoolFailedEvent extends Event
    {
        @Label("Pool")
        String pool;
        @Label("Cause")
        String cause;
    }

    @Name("io.ringpool.Shutdown")
    @Label("ringpool Shutdown Report")
    @Description("A drain or halt made the pool's report")
    @Category("ringpool")
    @Enabled(false)
    @StackTrace(false)
    static final class ShutdownEvent extends Event
    {
        @Label("Pool")
        String pool;
        @Label("Final State")
        String finalState;
        @Label("Drained")
        boolean drained;
        @Label("Published")
        long published;
        @Label("Completed")
        long completed;
        @Label("Failed")
        long failed;
        @Label("Cancelled")
        long cancelled;
        @Label("Expired")
        long expired;
        @Label("Returned")
        long returned;
        @Label("Abandoned")
        long abandoned;
        @Label("Undelivered")
        long undelivered;
    }

    @Name("io.ringpool.RejectedPublishes")
    @Label("ringpool Rejected Publishes")
    @Description("Publishes refused during one sampling period of the pool's sampler thread")
    @Category("ringpool")
    @Enabled(false)
    @StackTrace(false)
    static final class RejectedPublishesEvent extends Event
    {
        @Label("Pool")
        String pool;
        @Label("Not Running")
        long notRunning;
        @Label("Interrupted")
        long interrupted;
        @Label("Translator Failures")
        long translatorFailures;
        @Label("Period")
        @Timespan(Timespan.NANOSECONDS)
        long period;
    }
}
