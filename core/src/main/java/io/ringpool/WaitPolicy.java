package io.ringpool;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * How every thread of a pool waits, in one choice: the wait strategy of each ring (workers waiting for tasks, the
 * result consumer waiting for outcomes) and the idle strategy of every other wait (a producer waiting for room in the
 * task ring, a worker waiting for room in the result ring, a consumer in {@link ResultOrder#SUBMISSION} order waiting
 * for the next outcome). Set it with {@link RingPoolBuilder#waitPolicy(WaitPolicy)}; the raw knobs
 * ({@link RingPoolBuilder#waitStrategy}, {@link RingPoolBuilder#resultWaitStrategy},
 * {@link RingPoolBuilder#idleStrategy}) override the policy for the wait they name.
 * <p>
 * The default is {@link #BLOCKING}: the only policy that neither burns a core per idle thread nor misbehaves when a
 * pool's threads outnumber the cores. It costs a lock and a signal per publish on each ring and microseconds of
 * wake-up; with a core per pool thread to spare, {@link #YIELDING} or {@link #BUSY_SPIN} cut both.
 */
public final class WaitPolicy
{
    /** Lock and condition on the rings; back off (spin, yield, then park up to 1 ms) elsewhere. The default. */
    public static final WaitPolicy BLOCKING =
        new WaitPolicy("BLOCKING", BlockingWaitStrategy::new, BackoffIdleStrategy::new);

    /** Spin, then sleep briefly on the rings; back off elsewhere: little CPU while idle, a slower wake-up. */
    public static final WaitPolicy SLEEPING =
        new WaitPolicy("SLEEPING", SleepingWaitStrategy::new, BackoffIdleStrategy::new);

    /** Spin briefly, then yield, everywhere: low latency, and still shares a core with other threads. */
    public static final WaitPolicy YIELDING =
        new WaitPolicy("YIELDING", YieldingWaitStrategy::new, YieldingIdleStrategy::new);

    /** Spin everywhere: the lowest latency, one core per pool thread, always busy. */
    public static final WaitPolicy BUSY_SPIN =
        new WaitPolicy("BUSY_SPIN", BusySpinWaitStrategy::new, BusySpinIdleStrategy::new);

    private final String name;
    private final Supplier<? extends WaitStrategy> waitStrategies;
    private final Supplier<? extends IdleStrategy> idleStrategies;

    private WaitPolicy(
        final String name,
        final Supplier<? extends WaitStrategy> waitStrategies,
        final Supplier<? extends IdleStrategy> idleStrategies)
    {
        this.name = name;
        this.waitStrategies = waitStrategies;
        this.idleStrategies = idleStrategies;
    }

    /**
     * A policy of the caller's own.
     *
     * @param name           a name for messages.
     * @param waitStrategies returns a new wait strategy on each call (one per ring: strategies keep state).
     * @param idleStrategies returns a new idle strategy on each call (one per waiting thread).
     * @return the policy.
     * @throws NullPointerException if an argument is null.
     */
    public static WaitPolicy custom(
        final String name,
        final Supplier<? extends WaitStrategy> waitStrategies,
        final Supplier<? extends IdleStrategy> idleStrategies)
    {
        return new WaitPolicy(
            Objects.requireNonNull(name, "name"),
            Objects.requireNonNull(waitStrategies, "waitStrategies"),
            Objects.requireNonNull(idleStrategies, "idleStrategies"));
    }

    /**
     * A new wait strategy for one ring.
     *
     * @return the strategy.
     */
    public WaitStrategy newWaitStrategy()
    {
        return Objects.requireNonNull(waitStrategies.get(), () -> "wait policy " + name + " made a null WaitStrategy");
    }

    /**
     * A new idle strategy for one waiting thread.
     *
     * @return the strategy.
     */
    public IdleStrategy newIdleStrategy()
    {
        return Objects.requireNonNull(idleStrategies.get(), () -> "wait policy " + name + " made a null IdleStrategy");
    }

    @Override
    public String toString()
    {
        return name;
    }
}
