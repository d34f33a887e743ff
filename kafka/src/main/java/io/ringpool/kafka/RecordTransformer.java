package io.ringpool.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The user's code for one record when results go downstream: it returns the record to produce to an output topic.
 * Threading and errors as for {@link RecordHandler}.
 * <p>
 * The returned record is produced by the consumer's poll thread once the handler has returned, so that it can join
 * the transaction that also commits the consumed offset (see
 * {@link RingPoolKafkaConsumerBuilder#transactionalOutput}).
 *
 * @param <K>  the input key type.
 * @param <V>  the input value type.
 * @param <OK> the output key type.
 * @param <OV> the output value type.
 */
@FunctionalInterface
public interface RecordTransformer<K, V, OK, OV>
{
    /**
     * Processes one record and says what to produce.
     *
     * @param record  the input record, deserialized on this worker.
     * @param context the worker id, the attempt number and the stop signal.
     * @return the output record, or null to produce nothing for this input.
     * @throws Exception to fail this attempt.
     */
    ProducerRecord<OK, OV> apply(ConsumerRecord<K, V> record, RecordContext context) throws Exception;
}
