package io.ringpool.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One KRaft broker (combined broker and controller) inside this JVM, from Kafka's own test kit: a random port, a base
 * directory under {@code target/}, deleted on close. Set for a single node: internal topics with replication factor 1
 * (transaction state with min ISR 1) and no initial rebalance delay, so a group forms at once.
 */
final class EmbeddedKafka implements AutoCloseable
{
    private final KafkaClusterTestKit kit;
    private final Admin admin;

    private EmbeddedKafka(final KafkaClusterTestKit kit)
    {
        this.kit = kit;
        this.admin = kit.admin();
    }

    /**
     * Formats and starts the broker and waits until it is ready.
     *
     * @param parent the directory to create the broker's base directory in (under {@code target/}).
     * @return the running broker.
     * @throws Exception if it cannot start.
     */
    static EmbeddedKafka start(final Path parent) throws Exception
    {
        Files.createDirectories(parent);
        final Path baseDir = Files.createTempDirectory(parent, "kraft-");
        final TestKitNodes nodes = new TestKitNodes.Builder()
            .setCombined(true)
            .setNumBrokerNodes(1)
            .setNumControllerNodes(1)
            .setBaseDirectory(baseDir)
            .build();
        final KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "4")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("transaction.state.log.num.partitions", "4")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("group.min.session.timeout.ms", "1000")
            .setConfigProp("auto.create.topics.enable", "false")
            .setDeleteOnClose(true)
            .build();
        try
        {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new EmbeddedKafka(kit);
        }
        catch (final Exception ex)
        {
            kit.close();
            throw ex;
        }
    }

    String bootstrapServers()
    {
        return kit.bootstrapServers();
    }

    Admin admin()
    {
        return admin;
    }

    /**
     * Creates a topic and waits until every partition answers {@code listOffsets}: producing before that can lose
     * the first batch to a leader that is not ready yet.
     *
     * @param topic      the topic name.
     * @param partitions its partition count.
     * @throws Exception if creation fails or the partitions are not ready within 30 s.
     */
    void createTopic(final String topic, final int partitions) throws Exception
    {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short)1))).all().get(30, TimeUnit.SECONDS);
        final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++)
        {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true)
        {
            try
            {
                admin.listOffsets(request).all().get(5, TimeUnit.SECONDS);
                return;
            }
            catch (final Exception ex)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw ex;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    @Override
    public void close()
    {
        try
        {
            admin.close();
            kit.close();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("closing the embedded broker failed", ex);
        }
    }
}
