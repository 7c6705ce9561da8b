package io.songspace.stack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts a real S3 server (s3proxy, as a process) for a service's {@code @QuarkusTest} classes and points the
 * service's object store at it. Use with {@code @QuarkusTestResource(S3TestResource.class)}.
 */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {

    private S3Server server;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("songspace-s3-test");
            server = S3Server.start(dir);
            return server.clientConfig();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

}
