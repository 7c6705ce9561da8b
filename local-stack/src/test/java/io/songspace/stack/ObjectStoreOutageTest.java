package io.songspace.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.MinioClient;
import io.songspace.common.store.ObjectStore;
import io.songspace.common.store.ObjectStoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The object store client waits out a stopped S3 server, within its outage timeout, against the real server. */
class ObjectStoreOutageTest {

    @TempDir
    Path dir;

    private static ObjectStore store(int port, Duration outageTimeout) {
        return new ObjectStore(MinioClient.builder().endpoint("127.0.0.1", port, false)
                .credentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY).build(), S3Server.BUCKET, new ObjectMapper(),
                outageTimeout);
    }

    @Test
    void callsDuringARestartWaitAndSucceedOnceTheServerIsBack() throws Exception {
        int port = Ports.free();
        byte[] before = "stored before".getBytes(StandardCharsets.UTF_8);
        byte[] during = "written during the outage".getBytes(StandardCharsets.UTF_8);
        ObjectStore patient = store(port, Duration.ofSeconds(30));
        try (S3Server s3 = S3Server.start(dir, port)) {
            patient.put("runs/r/before.bin", before, "application/octet-stream");
        }
        CompletableFuture<S3Server> restarted = CompletableFuture.supplyAsync(() -> {
            ManagedProcess.sleep(Duration.ofSeconds(3));
            return S3Server.start(dir, port);
        });
        long started = System.nanoTime();
        try {
            patient.put("runs/r/during.bin", during, "application/octet-stream");
            double waited = (System.nanoTime() - started) / 1e9;
            assertTrue(waited >= 2.5, "the write waited for the restart, " + waited + " s");
            assertArrayEquals(during, patient.require("runs/r/during.bin"));
            assertArrayEquals(before, patient.require("runs/r/before.bin"));
        } finally {
            restarted.get(60, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void aStoreStillGoneAfterTheTimeoutFailsNamingTheKey() {
        int port = Ports.free();
        ObjectStore brief = store(port, Duration.ofSeconds(1));
        long started = System.nanoTime();
        ObjectStoreException e = assertThrows(ObjectStoreException.class,
                () -> brief.put("runs/r/x.bin", new byte[] {1}, "application/octet-stream"));
        double waited = (System.nanoTime() - started) / 1e9;
        assertTrue(e.getMessage().startsWith("object store: runs/r/x.bin: ") && e.getMessage().contains("ConnectException"),
                e.getMessage());
        assertTrue(waited >= 0.7 && waited < 10, "waited " + waited + " s for a 1 s outage timeout");
        // the readiness probe asks once, without waiting
        long probe = System.nanoTime();
        assertThrows(ObjectStoreException.class, brief::ping);
        assertTrue((System.nanoTime() - probe) / 1e9 < 2);
    }
}
