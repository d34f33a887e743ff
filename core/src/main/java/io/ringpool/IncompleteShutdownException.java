package io.ringpool;

/**
 * Thrown by {@link RingPool#close()} when the drain it ran did not end cleanly: it ran out of time and fell back to a
 * halt, was overtaken by a halt, the pool failed, or outcomes were left undelivered. Nothing is lost: the
 * {@link #report()} says where every accepted task ended, exactly as a drain or halt would have returned it.
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

    private static String describe(final ShutdownReport<?, ?> report)
    {
        final String why;
        if (null != report.cause())
        {
            why = "the pool failed";
        }
        else if (!report.drained())
        {
            why = "the drain did not finish in time (returned " + report.returned() + ", abandoned " +
                report.abandoned() + ")";
        }
        else
        {
            why = report.undelivered() + " outcomes were not consumed";
        }
        return "close() did not shut the pool down cleanly: " + why + "; " + report;
    }
}
