package io.songspace.feature.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.songspace.common.events.AudioJob;
import io.songspace.common.events.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.GroupSubscription;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription;
import org.apache.kafka.clients.consumer.RoundRobinAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ChunkPartitionerTest {

    private static final String TOPIC = Topics.AUDIO_JOBS;
    private static final int PARTITIONS = Topics.PARTITIONS.get(TOPIC);

    @Test
    void aRunsChunksGoToConsecutivePartitions() {
        ChunkPartitioner partitioner = new ChunkPartitioner();
        Cluster cluster = cluster(PARTITIONS);
        int first = partition(partitioner, cluster, "r-1", 0);
        for (int chunk = 1; chunk < 3 * PARTITIONS; chunk++) {
            assertEquals((first + chunk) % PARTITIONS, partition(partitioner, cluster, "r-1", chunk), "chunk " + chunk);
        }
        // runs start at partitions of their own (the hash of the run id), so concurrent runs do not pile up
        Set<Integer> starts = new HashSet<>();
        for (int run = 0; run < 50; run++) {
            starts.add(partition(partitioner, cluster, "r-20261129-" + run, 0));
        }
        assertTrue(starts.size() > PARTITIONS / 2, "first partitions of 50 runs: " + starts);
    }

    /**
     * With the workers' round-robin assignment, every worker gets the same number of a run's chunks, within one,
     * when the worker count divides the partition count (24).
     */
    @Test
    void workersOfARoundRobinGroupGetEqualSharesOfARun() {
        ChunkPartitioner partitioner = new ChunkPartitioner();
        Cluster cluster = cluster(PARTITIONS);
        for (int workers : new int[] {1, 2, 3, 4, 6, 8, 12}) {
            Map<String, List<TopicPartition>> owned = roundRobin(workers);
            for (int chunks : new int[] {5, 12, 17, 94}) {
                int[] perWorker = new int[workers];
                for (int chunk = 0; chunk < chunks; chunk++) {
                    int p = partition(partitioner, cluster, "r-shares-" + chunks, chunk);
                    perWorker[owner(owned, p)]++;
                }
                int min = Arrays.stream(perWorker).min().orElseThrow();
                int max = Arrays.stream(perWorker).max().orElseThrow();
                assertTrue(max - min <= 1, workers + " workers, " + chunks + " chunks: " + Arrays.toString(perWorker));
            }
        }
    }

    @Test
    void otherRecordsKeepTheKeyHash() {
        ChunkPartitioner partitioner = new ChunkPartitioner();
        Cluster cluster = cluster(PARTITIONS);
        byte[] key = "some-key".getBytes();
        int p = partitioner.partition(TOPIC, "some-key", key, "not a job", null, cluster);
        assertEquals(p, partitioner.partition(TOPIC, "some-key", key, "another", null, cluster));
        assertNotEquals(-1, p);
    }

    private static int partition(ChunkPartitioner partitioner, Cluster cluster, String runId, int chunk) {
        AudioJob job = new AudioJob(runId, chunk, List.of(new AudioJob.Track("t", "file:/t.mp3")), Instant.EPOCH);
        String key = runId + "/" + chunk;
        return partitioner.partition(TOPIC, key, key.getBytes(), job, null, cluster);
    }

    /** Kafka's own RoundRobinAssignor over {@code workers} members of the group. */
    private static Map<String, List<TopicPartition>> roundRobin(int workers) {
        Map<String, Subscription> members = new java.util.TreeMap<>();
        for (int w = 0; w < workers; w++) {
            members.put("worker-" + w, new Subscription(List.of(TOPIC)));
        }
        var assignment = new RoundRobinAssignor().assign(cluster(PARTITIONS), new GroupSubscription(members));
        Map<String, List<TopicPartition>> owned = new java.util.TreeMap<>();
        assignment.groupAssignment().forEach((member, a) -> owned.put(member, a.partitions()));
        return owned;
    }

    private static int owner(Map<String, List<TopicPartition>> owned, int partition) {
        List<String> members = new ArrayList<>(owned.keySet());
        for (int i = 0; i < members.size(); i++) {
            if (owned.get(members.get(i)).contains(new TopicPartition(TOPIC, partition))) {
                return i;
            }
        }
        throw new AssertionError("partition " + partition + " has no owner");
    }

    private static Cluster cluster(int partitions) {
        Node node = new Node(1, "127.0.0.1", 9092);
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new PartitionInfo(TOPIC, p, node, new Node[] {node}, new Node[] {node}));
        }
        return new Cluster("test", List.of(node), infos, Collections.emptySet(), Collections.emptySet());
    }
}
