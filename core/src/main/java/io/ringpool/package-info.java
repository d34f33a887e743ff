/**
 * ringpool: a fixed pool of workers fed by a pre-allocated LMAX Disruptor ring, with outcomes carried back on a
 * second ring.
 * <pre>
 *   producers ──► task ring ──► WorkerPool (WorkHandler × N) ──► result ring ──► ResultHandler | ResultPoller
 *                                                        drain / halt ──► ShutdownReport
 * </pre>
 *
 * <h2>Threads</h2>
 * A {@link io.ringpool.RingPool} owns N worker threads ({@code <name>-worker-<id>}), when results go to a
 * {@link io.ringpool.ResultHandler} one collector thread ({@code <name>-results}), and, unless the stall threshold is
 * zero, one watchdog thread ({@code <name>-watchdog}) that wakes four times per threshold (every 250 ms at the default
 * 1 s) to sample the workers' progress. All are made by the builder's thread factory; the default one makes platform
 * threads that are not daemons, so a pool that was started keeps the JVM alive until it is drained, halted or
 * closed. Every public method of
 * {@code RingPool} may be called from any thread. Producers are the caller's threads: any number with
 * {@code ProducerType.MULTI}, one at a time with {@code ProducerType.SINGLE} (checked on every publish); a thread
 * may also publish through its own {@link io.ringpool.Producer} handle ({@code pool.producer()}: claim, fill in
 * place, commit).
 * A {@link io.ringpool.ResultPoller} is used by one thread at a time.
 *
 * <h2>As an ExecutorService</h2>
 * {@link io.ringpool.RingPoolExecutor} (built with {@link io.ringpool.RingPoolExecutorBuilder}) puts the
 * {@link java.util.concurrent.ExecutorService} contract on a cancellable pool whose ring entries hold the tasks'
 * {@code Runnable}s: {@code execute} allocates nothing, {@code submit} one future; {@code shutdown()} drains,
 * {@code shutdownNow()} halts and hands back the tasks never started; a keyed executor runs the tasks of one key in
 * order.
 *
 * <h2>Memory visibility</h2>
 * <ul>
 *     <li>Everything a producer did before and during a publish that returned a sequence (the translator's writes
 *     into the task included) happens-before the handler's {@code onTask} for that task.</li>
 *     <li>Everything a handler did during {@code onTask} (its writes into the result object included)
 *     happens-before the result handler's or poller's callback for that outcome.</li>
 *     <li>A worker's {@code onStart} happens-before its first {@code onTask}, and {@code start()} returns only after
 *     every {@code onStart} returned; every {@code onTask} of a worker happens-before its {@code onShutdown}.</li>
 *     <li>Everything a pool thread did before it ended happens-before the return of the drain or halt that joined it.
 *     A thread reported as not stopped (see {@link io.ringpool.ShutdownReport#notes()}) is not joined: nothing it
 *     does afterwards is ordered with the report, and nothing it produces afterwards is delivered or counted.</li>
 * </ul>
 *
 * <h2>Memory and allocation</h2>
 * Task objects (one per task-ring entry) and result objects (one per result-ring entry, plus one spare per worker)
 * are allocated when the pool is built and reused for ever after. Publishing, running and collecting allocate
 * nothing in the engine; a translator or handler that allocates is the caller's choice. Because objects are reused, a
 * translator must write every field a handler reads, and a handler every field a result consumer reads.
 *
 * <h2>What is never lost</h2>
 * Every accepted task (a publish that returned its sequence) ends in exactly one of these places, and the report's
 * counts equal the sizes of those places:
 * <ul>
 *     <li>an outcome handed to the result consumer (the {@code ResultHandler}, or the {@code ResultPoller}'s
 *     handler);</li>
 *     <li>{@code ShutdownReport.undeliveredResults()}: an outcome computed and not consumed;</li>
 *     <li>{@code ShutdownReport.returnedTasks()}: the task was never started;</li>
 *     <li>{@code ShutdownReport.abandonedTasks()}: a worker still had it in hand when the halt's bound and an
 *     interrupt had run out (its handler running, or returned during the halt and not yet counted); its outcome is
 *     not reported.</li>
 * </ul>
 * A publish that threw was not accepted and never runs. Pools without results: the same, without the first two.
 * The counts: {@code published == completed + failed + cancelled + expired + returned + abandoned}, where
 * {@code completed}, {@code failed}, {@code cancelled} and {@code expired} count the outcomes of each status, handed
 * over or undelivered (in a pool without results, the tasks that ended so).
 * <p>
 * This holds at every bound, zero included: a drain or halt gives up on user code (a translator, a handler, a result
 * handler) when its bound runs out, never on the engine's own non-blocking steps, which it waits for (see
 * {@code docs/protocol.md}).
 *
 * <h2>What may block, and for how long</h2>
 * {@code publish} waits for room while the pool runs and no longer: a drain, halt or failure wakes it with
 * {@link java.util.concurrent.RejectedExecutionException}, as does an interrupt. {@code tryPublish} never waits, or
 * waits up to its timeout. {@code start} waits up to the pool's {@code startTimeout}. {@code drain} and
 * {@code halt} return within their timeout plus a small multiple of the pool's {@code interruptGrace}, plus the time
 * another thread needs to finish an engine step it is inside (a few stores: microseconds, unless the thread is
 * descheduled). A call that
 * would wait on the calling thread itself (a blocking publish into a full ring from a pool thread, a drain or halt
 * from a handler) throws {@link java.lang.IllegalStateException} or skips that thread instead of deadlocking.
 */
package io.ringpool;
