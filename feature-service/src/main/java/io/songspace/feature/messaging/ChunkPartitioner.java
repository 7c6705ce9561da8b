package io.songspace.feature.messaging;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.songspace.common.events.AudioJob;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.utils.Utils;

/**
 * Deals a run's audio jobs out over consecutive partitions of audio.jobs: chunk c of run r goes to partition
 * (h(r) + c) mod P, h a hash of the run id (so that runs start at different partitions). The workers' group assigns
 * partitions round-robin ({@code RoundRobinAssignor}: of W workers, worker w owns partitions w, w + W, …), so
 * consecutive chunks go to the workers in turn and each gets the same number of a run's chunks, within one, when
 * the worker count divides the partition count (24 partitions: 1, 2, 3, 4, 6, 8, 12 or 24 workers; otherwise one
 * more or less per pass over the partitions).
 *
 * <p>The key's default hash spread chunks at random: 12 chunks over 2 workers were seen split 8 and 4, and the
 * worker with 4 then sat idle for a third of the stage while the other still had a queue. Records that are not
 * audio jobs (none are sent on this channel) keep the default hash of their key.
 */
// Kafka instantiates it by the class name in the channel configuration
@RegisterForReflection
public class ChunkPartitioner implements Partitioner {

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        int partitions = cluster.partitionCountForTopic(topic);
        if (value instanceof AudioJob job) {
            return forChunk(job.runId(), job.chunk(), partitions);
        }
        return Utils.toPositive(Utils.murmur2(keyBytes == null ? valueBytes : keyBytes)) % partitions;
    }

    /** The partition of chunk {@code chunk} of run {@code runId} on a topic of {@code partitions} partitions. */
    static int forChunk(String runId, int chunk, int partitions) {
        int first = Utils.toPositive(Utils.murmur2(runId.getBytes(StandardCharsets.UTF_8))) % partitions;
        return (int) ((first + (long) chunk) % partitions);
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public void close() {
    }
}
