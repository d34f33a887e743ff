package io.ringpool;

/**
 * The life cycle of a {@link RingPool}.
 * <pre>
 *   NEW ──start()──► RUNNING ──drain()──► DRAINING ──┐
 *    │                  │                    │ timeout / halt()
 *    │                  └──halt()──► HALTING ◄┘
 *    │                                  │
 *    └──drain()/halt()──────────────────┴──► TERMINATED
 *
 *   RUNNING, DRAINING, HALTING ──an Error, or a listener that threw──► FAILED
 * </pre>
 * Only a {@link #RUNNING} pool accepts tasks. {@link #FAILED} is final: the pool stops taking tasks, and the next
 * drain, halt or close stops its threads and returns the report with the cause.
 */
public enum PoolState
{
    /** Built, not started; nothing runs and nothing is accepted. */
    NEW,
    /** Workers run; tasks are accepted. */
    RUNNING,
    /** No new tasks; every accepted task is being processed and its result delivered. */
    DRAINING,
    /** No new tasks; workers finish the task in hand and stop; unstarted tasks are handed back. */
    HALTING,
    /** Every pool thread has stopped (or was reported abandoned) and the shutdown report is final. */
    TERMINATED,
    /** Something the pool could not handle happened; see {@link ShutdownReport#cause()}. */
    FAILED;

    /**
     * Whether the pool has stopped accepting tasks for good.
     *
     * @return true for every state after {@link #RUNNING}.
     */
    public boolean isShutdown()
    {
        return ordinal() > RUNNING.ordinal();
    }
}
