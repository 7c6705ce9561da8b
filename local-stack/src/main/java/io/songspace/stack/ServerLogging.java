package io.songspace.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The logging configuration of the servers the local stack runs (Kafka, s3proxy). Both log through logback, which
 * without a configuration logs at DEBUG; their classpath is the build's library folder ({@link StackClasspath}),
 * which holds no configuration, so the file is written beside the server's data and named on its command line.
 */
final class ServerLogging {

    private static final String RESOURCE = "server-logback.xml";

    private ServerLogging() {
    }

    /** Writes the configuration into {@code dir} and returns the JVM option that makes the server read it. */
    static String jvmOption(Path dir) {
        Path file = dir.resolve("logback.xml");
        try (InputStream in = ServerLogging.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Files.createDirectories(dir);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "-Dlogback.configurationFile=" + file.toAbsolutePath();
    }
}
