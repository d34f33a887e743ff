package io.ringpool;

/**
 * The work handler every worker of a {@link RingPoolExecutor} shares (it keeps no state): runs the entry's
 * {@link Runnable}.
 * <p>
 * <b>Interrupts.</b> A worker never carries an interrupt from one task into the next: it clears its interrupt status
 * before and after every task, unless a halt asked the pool to stop, in which case the interrupt is the halt's and is
 * kept (set, if need be) so the task sees it. A {@code cancel(true)} interrupt can only arrive while its task runs:
 * its future does not return from {@code run()} until the canceller has delivered it (see {@link ExecutorFuture}),
 * so the clear after the task removes it before the worker takes the next one.
 * <p>
 * <b>Failures.</b> Whatever the task throws, except a {@link VirtualMachineError}, goes to the pool as a
 * {@link TaskFailure} (the task counts failed, the failure listener hears of it, the worker carries on). A
 * {@code VirtualMachineError} (out of memory, stack overflow, an internal error) is left to the pool, which fails.
 */
final class ExecutorWorkHandler implements WorkHandler<ExecutorTask, Void>
{
    @Override
    public void onTask(final ExecutorTask entry, final Void result, final TaskContext context)
    {
        final Runnable task = entry.task;
        entry.task = null;
        clearStrayInterrupt(context);
        try
        {
            task.run();
        }
        catch (final VirtualMachineError ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            throw new TaskFailure(task, ex);
        }
        finally
        {
            clearStrayInterrupt(context);
        }
    }

    private static void clearStrayInterrupt(final TaskContext context)
    {
        // The halt sets its flag before it interrupts: having seen an interrupt, a halt's flag is visible too.
        if (Thread.interrupted() && context.haltRequested())
        {
            Thread.currentThread().interrupt();
        }
    }
}
