package io.ringpool.kafka;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.ringpool.Outcome;
import io.ringpool.OutcomeStatus;
import io.ringpool.PoolState;
import io.ringpool.RingPool;
import io.ringpool.ShutdownReport;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The poll thread: the only thread that touches the {@code KafkaConsumer} (and, in transactional mode, the
 * transactions of the output producer). Each turn it takes finished records from the workers, publishes waiting
 * records into the pool, pauses or resumes partitions, commits when due, and polls.
 * <pre>
 *   poll ──► ledger + backlog ──tryPublish──► task ring ──► workers ──► result ring ──► CompletionSink
 *     ▲                                                                                    │
 *     └──── commit (offset + metadata) ◄── ledgers ◄── drainCompletions ◄── queue ◄────────┘
 * </pre>
 * <b>Backpressure.</b> The poll thread never waits for the ring: a record that does not fit stays in the backlog, and
 * once the backlog holds a ring's worth of records every assigned partition is paused until it is down to half;
 * polling goes on meanwhile, so the group never sees the consumer miss {@code max.poll.interval.ms}. A partition whose ledger holds too many uncommitted records (one
 * slow record holding the commit point while later ones finish) is paused on its own.
 * <p>
 * <b>Rebalance.</b> Revoked partitions: their backlog is dropped and their queued records cancelled (they never run);
 * records already running may finish within the revocation bound (retries stop at once); then everything finished is
 * committed and the partitions' ledgers released. Lost partitions are released without a commit. Assigned partitions:
 * the committed offset's metadata says which records above it an earlier owner finished; those are skipped.
 *
 * @param <K> the key type.
 * @param <V> the value type.
 */
final class PollLoop<K, V> implements Runnable, ConsumerRebalanceListener
{
    static final int RUNNING = 0;
    static final int CLOSING = 1;
    static final int HALTING = 2;

    private static final System.Logger LOG = System.getLogger("io.ringpool.kafka");
    private static final EventTranslatorOneArg<RecordRef, RecordWork> PUT = (ref, sequence, work) -> ref.work = work;
    private static final long FIRST_PUBLISH_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Duration CLIENT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<byte[], byte[]> consumer;
    private final Collection<String> topics;
    private final RingPool<RecordRef, RecordRef> pool;
    private final CompletionQueue completions;
    private final ConcurrentLinkedQueue<RecordWork> acks = new ConcurrentLinkedQueue<>();
    private final Ordering ordering;
    private final Producer<Object, Object> output;
    private final boolean transactional;
    private final AutoCloseable deadLetterCloser;
    private final Duration pollTimeout;
    private final long commitIntervalNs;
    private final long revocationTimeoutNs;
    private final Duration commitTimeout;
    private final int maxUncommitted;
    private final int maxMetadataChars;
    private final int maxInFlight;
    private final int backlogPause;
    private final int backlogResume;

    private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
    private final Map<TopicPartition, PartitionCounts> counts = new LinkedHashMap<>();
    private final ArrayDeque<RecordWork> backlog = new ArrayDeque<>();
    private final CompletableFuture<ConsumerReport> done = new CompletableFuture<>();
    private int inFlight;
    private long finishClock;
    private long nextCommitNs;
    private boolean pausedAll;
    private long pauses;
    private boolean transactionOpen;
    private Throwable failure;
    private volatile int stopMode = RUNNING;
    private volatile long stopTimeoutNs;
    private volatile Set<TopicPartition> assignmentView = Set.of();

    PollLoop(
        final Consumer<byte[], byte[]> consumer, final Collection<String> topics,
        final RingPool<RecordRef, RecordRef> pool, final CompletionQueue completions,
        final Ordering ordering, final Producer<Object, Object> output, final boolean transactional,
        final AutoCloseable deadLetterCloser, final Settings settings)
    {
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.pool = pool;
        this.completions = completions;
        this.ordering = ordering;
        this.output = output;
        this.transactional = transactional;
        this.deadLetterCloser = deadLetterCloser;
        this.pollTimeout = settings.pollTimeout();
        this.commitIntervalNs = settings.commitInterval().toNanos();
        this.revocationTimeoutNs = settings.revocationTimeout().toNanos();
        this.commitTimeout = settings.commitTimeout();
        this.maxUncommitted = settings.maxUncommittedPerPartition();
        this.maxMetadataChars = settings.maxMetadataChars();
        this.maxInFlight = completions.capacity();
        this.backlogPause = Math.max(1, pool.ringSize());
        this.backlogResume = Math.max(1, pool.ringSize() / 2);
    }

    /** The loop's timing and bounds, as the builder set them. */
    record Settings(
        Duration pollTimeout, Duration commitInterval, Duration revocationTimeout, Duration commitTimeout,
        int maxUncommittedPerPartition, int maxMetadataChars)
    {
    }

    // ------------------------------------------------------------------------------------------- caller threads

    /** Asks the loop to stop: a halt may overtake a close, never the reverse. */
    void requestStop(final int mode, final long timeoutNs)
    {
        synchronized (done)
        {
            if (mode > stopMode)
            {
                stopTimeoutNs = timeoutNs;
                stopMode = mode;
            }
        }
    }

    CompletableFuture<ConsumerReport> done()
    {
        return done;
    }

    Set<TopicPartition> assignment()
    {
        return assignmentView;
    }

    // ------------------------------------------------------------------------------------------- the poll thread

    @Override
    public void run()
    {
        try
        {
            consumer.subscribe(topics, this);
            nextCommitNs = System.nanoTime() + commitIntervalNs;
            while (RUNNING == stopMode && null == failure)
            {
                turn();
            }
        }
        catch (final Throwable ex)
        {
            fail(ex);
        }
        try
        {
            ConsumerReport report;
            try
            {
                report = CLOSING == stopMode && null == failure ? closeSequence() : haltSequence();
            }
            catch (final Throwable ex)
            {
                fail(ex);
                report = haltSequence();
            }
            done.complete(report);
        }
        catch (final Throwable ex)
        {
            // Even the fallback halt threw: close() and halt() callers get the failure, not a wait out to their bound.
            done.completeExceptionally(ex);
        }
    }

    private void turn()
    {
        drainCompletions();
        if (PoolState.FAILED == pool.state())
        {
            throw new IllegalStateException("ringpool-kafka: the worker pool failed (an Error in a handler)");
        }
        publishBacklog();
        applyPauses();
        final long now = System.nanoTime();
        if (now - nextCommitNs >= 0)
        {
            commit(false);
            nextCommitNs = now + commitIntervalNs;
        }
        accept(consumer.poll(backlog.isEmpty() ? pollTimeout : Duration.ZERO));
    }

    private void accept(final ConsumerRecords<byte[], byte[]> records)
    {
        if (records.isEmpty())
        {
            return;
        }
        for (final TopicPartition partition : records.partitions())
        {
            PartitionLedger ledger = ledgers.get(partition);
            if (null == ledger)
            {
                ledger = assign(partition, null);
            }
            for (final ConsumerRecord<byte[], byte[]> record : records.records(partition))
            {
                final RecordWork work = new RecordWork(record, ledger, routingKey(record, ledger));
                ledger.add(work);
                if (ledger.finishedByEarlierOwner(work.offset))
                {
                    finish(work, RecordWork.AS_SKIPPED);
                }
                else if (RUNNING == stopMode)
                {
                    if (!backlog.isEmpty() || inFlight >= maxInFlight || !publish(work, 0))
                    {
                        backlog.addLast(work);
                    }
                }
            }
        }
    }

    private long routingKey(final ConsumerRecord<byte[], byte[]> record, final PartitionLedger ledger)
    {
        return switch (ordering)
        {
            case KEY -> null != record.key() ? Arrays.hashCode(record.key()) :
                ledger.partitionKey * 0x9E3779B97F4A7C15L + record.offset();
            case PARTITION -> ledger.partitionKey;
            case UNORDERED -> 0L;
        };
    }

    private boolean publish(final RecordWork work, final long waitNs)
    {
        final long sequence = 0 == waitNs ? pool.tryPublish(PUT, work) :
            pool.tryPublish(PUT, work, waitNs, TimeUnit.NANOSECONDS);
        if (sequence < 0)
        {
            return false;
        }
        work.sequence = sequence;
        work.state = RecordWork.PUBLISHED;
        work.ledger.inFlight++;
        inFlight++;
        return true;
    }

    private void publishBacklog()
    {
        long waitNs = FIRST_PUBLISH_WAIT_NS;
        while (!backlog.isEmpty())
        {
            if (inFlight >= maxInFlight)
            {
                LockSupport.parkNanos(100_000L);
                drainCompletions();
                if (inFlight >= maxInFlight)
                {
                    return;
                }
            }
            if (!publish(backlog.peekFirst(), waitNs))
            {
                return;
            }
            backlog.pollFirst();
            waitNs = 0;
        }
    }

    private void applyPauses()
    {
        // Pausing stops the consumer's fetching, and resuming costs a fetch round trip before records flow again: a
        // backlog up to the ring's size is cheaper than pausing at the first record that does not fit (a pause per
        // ring-full kept one partition at a tenth of a plain consumer's rate). Hysteresis: resume at half.
        final boolean wantAll = RUNNING != stopMode ||
            backlog.size() >= (pausedAll ? backlogResume : backlogPause);
        if (wantAll && !pausedAll)
        {
            consumer.pause(consumer.assignment());
            pausedAll = true;
            if (RUNNING == stopMode)
            {
                pauses++;
            }
        }
        final List<TopicPartition> toPause = new ArrayList<>(0);
        final List<TopicPartition> toResume = new ArrayList<>(0);
        for (final PartitionLedger ledger : ledgers.values())
        {
            // Only finished records count: records in the ring or the backlog have bounds of their own. A partition
            // is full when a slow record holds its commit point while the records behind it finish.
            final boolean full = ledger.finished >= maxUncommitted;
            if (full != ledger.capPaused || (!wantAll && pausedAll))
            {
                ledger.capPaused = full;
                (full ? toPause : toResume).add(ledger.partition);
            }
        }
        if (!wantAll && pausedAll)
        {
            pausedAll = false;
        }
        if (!pausedAll)
        {
            if (!toPause.isEmpty())
            {
                consumer.pause(toPause);
            }
            if (!toResume.isEmpty())
            {
                consumer.resume(toResume);
            }
        }
    }

    // ------------------------------------------------------------------------------------------- completions

    private void drainCompletions()
    {
        RecordWork work;
        while (null != (work = completions.poll()))
        {
            complete(work);
        }
        while (null != (work = acks.poll()))
        {
            acknowledged(work);
        }
    }

    private void complete(final RecordWork work)
    {
        final PartitionLedger ledger = work.ledger;
        if (RecordWork.PUBLISHED != work.state)
        {
            return;
        }
        ledger.inFlight--;
        inFlight--;
        if (ledger.released)
        {
            return;
        }
        final PartitionCounts partition = ledger.counts;
        if (work.resultAttempts > 1)
        {
            partition.retried += work.resultAttempts - 1;
        }
        switch (work.result)
        {
            case RecordWork.SUCCEEDED ->
            {
                if (null == work.resultOutput)
                {
                    finish(work, RecordWork.AS_COMPLETED);
                }
                else if (HALTING == stopMode)
                {
                    work.state = RecordWork.NOT_FINISHED;
                }
                else
                {
                    sendOutput(work);
                }
            }
            case RecordWork.DEAD_LETTERED ->
            {
                partition.failed++;
                finish(work, RecordWork.AS_DEAD_LETTERED);
            }
            case RecordWork.FAILED ->
            {
                partition.failed++;
                work.state = RecordWork.NOT_FINISHED;
            }
            default -> work.state = RecordWork.NOT_FINISHED;
        }
    }

    private void finish(final RecordWork work, final byte as)
    {
        work.state = RecordWork.FINISHED;
        work.finishedAs = as;
        work.finishStamp = ++finishClock;
        final PartitionLedger ledger = work.ledger;
        ledger.dirty = true;
        if (++ledger.finished == maxUncommitted / 2)
        {
            // Commit on the next turn rather than let a fast partition reach its cap between periodic commits: the
            // cap pauses the partition, and a pause costs a fetch round trip once it is resumed.
            nextCommitNs = System.nanoTime();
        }
    }

    private void sendOutput(final RecordWork work)
    {
        if (transactional)
        {
            beginTransaction();
            output.send(work.resultOutput);
            finish(work, RecordWork.AS_COMPLETED);
            return;
        }
        work.state = RecordWork.SENDING;
        work.resultFailure = null;
        output.send(work.resultOutput, (metadata, ex) ->
        {
            work.resultFailure = ex;
            acks.offer(work);
        });
    }

    private void acknowledged(final RecordWork work)
    {
        if (work.ledger.released || RecordWork.SENDING != work.state)
        {
            return;
        }
        if (null != work.resultFailure)
        {
            work.state = RecordWork.NOT_FINISHED;
            throw new KafkaException("ringpool-kafka: producing the output of " + work.record.topic() + '-' +
                work.record.partition() + '@' + work.offset + " failed", work.resultFailure);
        }
        finish(work, RecordWork.AS_COMPLETED);
    }

    // ------------------------------------------------------------------------------------------- commits

    private void beginTransaction()
    {
        if (!transactionOpen)
        {
            output.beginTransaction();
            transactionOpen = true;
        }
    }

    /**
     * Commits every partition with something new finished. Synchronous commits (rebalance, close, and every commit of
     * a transactional consumer) first wait for outputs in flight. A failed consumer commit is logged and tried again
     * later; a failed transaction fails the consumer, whose halt then aborts it.
     */
    private void commit(final boolean sync)
    {
        if (sync && null != output && !transactional)
        {
            output.flush();
            drainCompletions();
        }
        final List<LedgerCommit> prepared = new ArrayList<>();
        final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (final PartitionLedger ledger : ledgers.values())
        {
            // A synchronous commit also covers partitions whose asynchronous commits are unanswered: the release
            // that follows it counts records by the last commit known to have succeeded, and an unanswered one may
            // yet succeed after the release, leaving records counted uncommitted that Kafka has committed.
            if ((ledger.dirty || (sync && ledger.pendingCommits > 0)) && !ledger.released)
            {
                final LedgerCommit commit = ledger.prepareCommit(maxMetadataChars, finishClock);
                if (null != commit)
                {
                    if (transactional && !commit.coversAll())
                    {
                        // The transaction holds outputs of finished records the metadata cannot name: committing it
                        // would let a next owner produce them again. Abort instead (the halt does).
                        throw new KafkaException("ringpool-kafka: " + ledger.partition + " has more finished " +
                            "records above its commit point than the offset metadata can name (" + maxMetadataChars +
                            " chars); lower maxUncommittedPerPartition");
                    }
                    ledger.dirty = false;
                    prepared.add(commit);
                    offsets.put(ledger.partition, commit.sent());
                }
            }
        }
        if (transactional)
        {
            if (offsets.isEmpty() && !transactionOpen)
            {
                return;
            }
            beginTransaction();
            if (!offsets.isEmpty())
            {
                output.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            }
            output.commitTransaction();
            transactionOpen = false;
            committed(prepared);
            return;
        }
        if (offsets.isEmpty())
        {
            return;
        }
        if (sync)
        {
            try
            {
                consumer.commitSync(offsets, commitTimeout);
                committed(prepared);
            }
            catch (final KafkaException ex)
            {
                uncommitted(prepared, ex);
            }
        }
        else
        {
            for (final LedgerCommit commit : prepared)
            {
                commit.ledger().pendingCommits++;
            }
            consumer.commitAsync(offsets, (acked, ex) ->
            {
                for (final LedgerCommit commit : prepared)
                {
                    commit.ledger().pendingCommits--;
                }
                if (null == ex)
                {
                    committed(prepared);
                }
                else
                {
                    uncommitted(prepared, ex);
                }
            });
        }
    }

    private static void committed(final List<LedgerCommit> prepared)
    {
        for (final LedgerCommit commit : prepared)
        {
            commit.ledger().committed(commit);
        }
    }

    private static void uncommitted(final List<LedgerCommit> prepared, final Exception ex)
    {
        for (final LedgerCommit commit : prepared)
        {
            commit.ledger().dirty = true;
        }
        LOG.log(System.Logger.Level.WARNING, () -> "ringpool-kafka: commit failed; the records stay uncommitted " +
            "until a later commit succeeds: " + ex);
    }

    // ------------------------------------------------------------------------------------------- rebalance

    @Override
    public void onPartitionsAssigned(final Collection<TopicPartition> partitions)
    {
        if (partitions.isEmpty())
        {
            return;
        }
        final Map<TopicPartition, OffsetAndMetadata> committed =
            consumer.committed(new HashSet<>(partitions), commitTimeout);
        for (final TopicPartition partition : partitions)
        {
            assign(partition, committed.get(partition));
        }
        if (pausedAll)
        {
            consumer.pause(partitions);
        }
        assignmentView = Set.copyOf(ledgers.keySet());
    }

    private PartitionLedger assign(final TopicPartition partition, final OffsetAndMetadata committed)
    {
        final PartitionCounts partitionCounts = counts.computeIfAbsent(partition, PartitionCounts::new);
        final PartitionLedger ledger = new PartitionLedger(partition, partitionCounts, committed);
        final PartitionLedger previous = ledgers.put(partition, ledger);
        if (null != previous)
        {
            previous.release();
        }
        return ledger;
    }

    @Override
    public void onPartitionsRevoked(final Collection<TopicPartition> partitions)
    {
        leave(partitions, HALTING != stopMode && null == failure);
    }

    @Override
    public void onPartitionsLost(final Collection<TopicPartition> partitions)
    {
        if (transactional && !partitions.isEmpty() && null == failure)
        {
            // The open transaction holds outputs of records from these partitions whose offsets can no longer be
            // committed: only an abort keeps topic-to-topic exactly once, and the halt does it.
            fail(new KafkaException("ringpool-kafka: partitions lost while a transaction was open: " + partitions));
        }
        leave(partitions, false);
    }

    private void leave(final Collection<TopicPartition> partitions, final boolean commit)
    {
        final List<PartitionLedger> leaving = new ArrayList<>(partitions.size());
        for (final TopicPartition partition : partitions)
        {
            final PartitionLedger ledger = ledgers.get(partition);
            if (null != ledger && !ledger.released)
            {
                ledger.revoked = true;
                if (RUNNING == stopMode)
                {
                    ledger.counts.revoked++;
                }
                leaving.add(ledger);
            }
        }
        if (leaving.isEmpty())
        {
            return;
        }
        backlog.removeIf(work -> work.ledger.revoked);
        for (final PartitionLedger ledger : leaving)
        {
            ledger.forEach(this::cancelIfQueued);
        }
        if (commit)
        {
            final long deadline = System.nanoTime() + revocationTimeoutNs;
            // Once the pool has stopped, records still counted in flight were halted or abandoned: none will finish.
            while (inFlight(leaving) && !pool.state().isShutdown() && System.nanoTime() - deadline < 0)
            {
                LockSupport.parkNanos(200_000L);
                drainCompletions();
            }
            commitSafely();
            settleUnanswered(leaving);
        }
        for (final PartitionLedger ledger : leaving)
        {
            ledger.release();
            ledgers.remove(ledger.partition);
        }
        assignmentView = Set.copyOf(ledgers.keySet());
    }

    /**
     * The revocation's own commit failed (the group moved on, the broker was slow) while earlier asynchronous commits
     * are still unanswered: one of them may have succeeded all the same, and the next owner will start from it. Asks
     * Kafka for the partitions' committed offsets, within the commit timeout, so that the release counts such records
     * as committed, as Kafka has them, rather than as left for redelivery. If Kafka cannot say, they stay counted
     * uncommitted.
     */
    private void settleUnanswered(final List<PartitionLedger> leaving)
    {
        final Set<TopicPartition> unsure = new HashSet<>();
        for (final PartitionLedger ledger : leaving)
        {
            if (ledger.hasUnanswered())
            {
                unsure.add(ledger.partition);
            }
        }
        if (unsure.isEmpty() || transactional)
        {
            return;
        }
        try
        {
            final Map<TopicPartition, OffsetAndMetadata> onBroker = consumer.committed(unsure, commitTimeout);
            for (final PartitionLedger ledger : leaving)
            {
                final OffsetAndMetadata committed = onBroker.get(ledger.partition);
                if (null != committed)
                {
                    ledger.committedOnBroker(committed.offset(), committed.metadata());
                }
            }
        }
        catch (final KafkaException ex)
        {
            LOG.log(System.Logger.Level.DEBUG, () -> "ringpool-kafka: could not read the committed offsets of " +
                unsure + " before releasing them: " + ex);
        }
    }

    private void cancelIfQueued(final RecordWork work)
    {
        if (RecordWork.PUBLISHED == work.state && pool.cancel(work.sequence))
        {
            work.state = RecordWork.NOT_FINISHED;
            work.ledger.inFlight--;
            inFlight--;
        }
    }

    private static boolean inFlight(final List<PartitionLedger> ledgers)
    {
        for (final PartitionLedger ledger : ledgers)
        {
            if (ledger.inFlight > 0)
            {
                return true;
            }
        }
        return false;
    }

    private void commitSafely()
    {
        try
        {
            drainCompletions();
            commit(true);
        }
        catch (final RuntimeException ex)
        {
            fail(ex);
        }
    }

    private void fail(final Throwable ex)
    {
        if (null == failure)
        {
            failure = ex;
            LOG.log(System.Logger.Level.ERROR, "ringpool-kafka: the consumer failed and halts", ex);
        }
    }

    // ------------------------------------------------------------------------------------------- shutdown

    /** Close: take nothing new, let what was taken finish within the bound, commit it, release, close the clients. */
    private ConsumerReport closeSequence()
    {
        final long deadline = System.nanoTime() + stopTimeoutNs;
        applyPauses();
        backlog.clear();
        long nextPollNs = System.nanoTime() + pollTimeout.toNanos();
        while (inFlight > 0 && System.nanoTime() - deadline < 0)
        {
            if (HALTING == stopMode || null != failure)
            {
                return haltSequence();
            }
            LockSupport.parkNanos(200_000L);
            drainCompletions();
            if (System.nanoTime() - nextPollNs >= 0)
            {
                // Keeps the group membership (max.poll.interval.ms) through a long close; every partition is paused.
                accept(consumer.poll(Duration.ZERO));
                nextPollNs = System.nanoTime() + pollTimeout.toNanos();
            }
        }
        final boolean finishedAll = 0 == inFlight;
        final ShutdownReport<RecordRef, RecordRef> poolReport = finishedAll ?
            pool.drain(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))) : pool.halt(Duration.ZERO);
        takeUndelivered(poolReport);
        commitSafely();
        if (null != failure)
        {
            return finishHalt(poolReport);
        }
        // Closing the consumer answers any asynchronous commit still pending, then revokes every partition: the
        // revocation callback commits what is left and releases the ledgers, as in any rebalance.
        closeClients(false);
        releaseAll();
        return report(finishedAll && poolReport.drained() && null == failure, false, poolReport);
    }

    /** For a consumer never started: stops the pool and closes the clients; nothing was consumed. */
    void stopUnstarted()
    {
        final ShutdownReport<RecordRef, RecordRef> poolReport = pool.halt(Duration.ZERO);
        closeClients(true);
        done.complete(report(true, false, poolReport));
    }

    /** Halt: stop the workers, commit nothing, release (everything not yet committed is redelivered). */
    private ConsumerReport haltSequence()
    {
        stopMode = HALTING;
        for (final PartitionLedger ledger : ledgers.values())
        {
            ledger.revoked = true;
        }
        final ShutdownReport<RecordRef, RecordRef> poolReport = pool.halt(Duration.ofNanos(stopTimeoutNs));
        return finishHalt(poolReport);
    }

    private ConsumerReport finishHalt(final ShutdownReport<RecordRef, RecordRef> poolReport)
    {
        stopMode = HALTING;
        try
        {
            takeUndelivered(poolReport);
        }
        catch (final RuntimeException ex)
        {
            fail(ex);
        }
        if (transactional && transactionOpen)
        {
            try
            {
                output.abortTransaction();
            }
            catch (final RuntimeException ex)
            {
                LOG.log(System.Logger.Level.WARNING, "ringpool-kafka: aborting the transaction failed", ex);
            }
            transactionOpen = false;
        }
        // Closing the consumer first lets asynchronous commits sent before the halt be answered (the classic consumer
        // waits for them), so that the release counts them as Kafka has them; its revocation callback commits nothing.
        closeClients(true);
        releaseAll();
        return report(false, true, poolReport);
    }

    private void takeUndelivered(final ShutdownReport<RecordRef, RecordRef> poolReport)
    {
        drainCompletions();
        for (final Outcome<RecordRef> outcome : poolReport.undeliveredResults())
        {
            final OutcomeStatus status = outcome.status();
            if (OutcomeStatus.COMPLETED == status || OutcomeStatus.FAILED == status)
            {
                complete(outcome.result().work);
            }
        }
        drainCompletions();
    }

    private void releaseAll()
    {
        for (final PartitionLedger ledger : ledgers.values())
        {
            ledger.release();
        }
        ledgers.clear();
        backlog.clear();
        assignmentView = Set.of();
    }

    private void closeClients(final boolean halted)
    {
        try
        {
            consumer.close(CloseOptions.timeout(CLIENT_CLOSE_TIMEOUT));
        }
        catch (final RuntimeException ex)
        {
            LOG.log(System.Logger.Level.WARNING, "ringpool-kafka: closing the consumer failed", ex);
        }
        if (null != output)
        {
            try
            {
                output.close(halted ? Duration.ZERO : CLIENT_CLOSE_TIMEOUT);
            }
            catch (final RuntimeException ex)
            {
                LOG.log(System.Logger.Level.WARNING, "ringpool-kafka: closing the output producer failed", ex);
            }
        }
        if (null != deadLetterCloser)
        {
            try
            {
                deadLetterCloser.close();
            }
            catch (final Exception ex)
            {
                LOG.log(System.Logger.Level.WARNING, "ringpool-kafka: closing the dead-letter handler failed", ex);
            }
        }
    }

    private ConsumerReport report(
        final boolean drained, final boolean halted, final ShutdownReport<RecordRef, RecordRef> poolReport)
    {
        final Map<TopicPartition, PartitionReport> partitions = new LinkedHashMap<>();
        for (final PartitionCounts partition : counts.values())
        {
            partitions.put(partition.partition, partition.toReport());
        }
        return new ConsumerReport(drained, halted, partitions, pauses, poolReport, failure);
    }
}
