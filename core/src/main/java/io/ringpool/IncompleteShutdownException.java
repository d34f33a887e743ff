package io.ringpool;

/**
 * Thrown by {@link RingPool#close()} when the report of the drain it ran holds something the caller must act on:
 * tasks returned unstarted or abandoned (the drain ran out of time and fell back to a halt, or a halt overtook it),
 * outcomes left undelivered, or a pool failure. Nothing is lost: the {@link #report()} says where every accepted task
 * ended, exactly as a drain or halt would have returned it.
 */
public final class IncompleteShutdownException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    private final transient ShutdownReport<?, ?> report;

    /**
     * Makes the exception for a report.
     *
     * @param report the report of the shutdown that {@code close()} ran.
     */
    public IncompleteShutdownException(final ShutdownReport<?, ?> report)
    {
        super(describe(report), report.cause());
        this.report = report;
    }

    /**
     * The report of the shutdown that {@code close()} ran.
     *
     * @return the report, the same one {@link RingPool#report()} returns.
     */
    public ShutdownReport<?, ?> report()
    {
        return report;
    }

    /**
     * Whether a report holds anything its caller must act on.
     *
     * @param report a shutdown report.
     * @return true if it lists returned, abandoned or undelivered tasks, the pool failed, or its counts do not add up.
     */
    static boolean isIncomplete(final ShutdownReport<?, ?> report)
    {
        return null != report.cause() || report.returned() > 0 || report.abandoned() > 0 ||
            report.undelivered() > 0 || !report.isBalanced();
    }

    private static String describe(final ShutdownReport<?, ?> report)
    {
        final String why;
        if (null != report.cause())
        {
            why = "the pool failed";
        }
        else if (report.returned() > 0 || report.abandoned() > 0)
        {
            why = "the drain did not finish in time (returned " + report.returned() + ", abandoned " +
                report.abandoned() + ")";
        }
        else if (report.undelivered() > 0)
        {
            why = report.undelivered() + " outcomes were not consumed";
        }
        else
        {
            why = "the report's counts do not add up";
        }
        return "close() did not shut the pool down cleanly: " + why + "; " + report;
    }
}
