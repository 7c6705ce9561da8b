package io.songspace.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.songspace.common.events.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real servers of the local stack start, serve, stop, and keep their data across a restart. */
class LocalServersTest {

    @TempDir
    Path dir;

    @Test
    void s3ServerStoresAndServesObjectsAcrossRestart() throws Exception {
        int port = Ports.free();
        byte[] payload = "claim check".getBytes(StandardCharsets.UTF_8);
        try (S3Server s3 = S3Server.start(dir, port)) {
            MinioClient client = client(port);
            client.putObject(PutObjectArgs.builder().bucket(S3Server.BUCKET).object("runs/r1/x.bin")
                    .data(payload, payload.length).build());
        }
        assertFalse(ManagedProcess.isListening(port), "s3proxy still listening after close");
        try (S3Server s3 = S3Server.start(dir, port);
                var in = client(port).getObject(GetObjectArgs.builder().bucket(S3Server.BUCKET).object("runs/r1/x.bin").build())) {
            assertArrayEquals(payload, in.readAllBytes());
        }
    }

    @Test
    void kafkaServerCreatesTopicsAndDeliversRecords() throws Exception {
        try (KafkaServer kafka = KafkaServer.start(dir.resolve("kafka"), Ports.free(), Ports.free())) {
            KafkaServer.createTopics(kafka.bootstrapServers(), Topics.PARTITIONS);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                var desc = admin.describeTopics(List.of(Topics.AUDIO_JOBS)).allTopicNames().get().get(Topics.AUDIO_JOBS);
                assertEquals(24, desc.partitions().size());
            }
            Properties pp = new Properties();
            pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (var producer = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.PIPELINE_EVENTS, "run-1", "hello")).get();
            }
            Properties cp = new Properties();
            cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            cp.put(ConsumerConfig.GROUP_ID_CONFIG, "t");
            cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            try (var consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.PIPELINE_EVENTS));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                boolean seen = false;
                while (!seen && System.nanoTime() < deadline) {
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                    for (var r : records) {
                        seen |= "run-1".equals(r.key()) && "hello".equals(r.value());
                    }
                }
                assertTrue(seen, "record not delivered");
            }
        }
    }

    private static MinioClient client(int port) {
        return MinioClient.builder().endpoint("127.0.0.1", port, false)
                .credentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY).build();
    }
}
