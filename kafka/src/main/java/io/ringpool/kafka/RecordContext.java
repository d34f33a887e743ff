package io.ringpool.kafka;

/**
 * What a handler knows about the record it is running, beside the record.
 * <p>
 * <b>Thread safety:</b> each worker has one context, updated before every attempt; read it only on the worker's
 * thread, during the handler call.
 */
public interface RecordContext
{
    /**
     * The pool worker running the record, 0 to workers-1.
     *
     * @return the worker id.
     */
    int workerId();

    /**
     * Which attempt this is: 1 for the first run, 2 for the first retry, and so on.
     *
     * @return the attempt number, {@code >= 1}.
     */
    int attempt();

    /**
     * True once the consumer asks the record to stop early: a halt, or the record's partition was revoked. A long
     * handler may poll it and return or throw; the record is then not committed and Kafka delivers it again.
     *
     * @return whether the handler should stop as soon as it can.
     */
    boolean stopRequested();
}
