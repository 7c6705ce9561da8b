package io.songspace.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible server (s3proxy with its filesystem backend) on 127.0.0.1, run as its own process.
 * Buckets are folders under {@code dir/data}; the songspace bucket is created before the server starts.
 */
public final class S3Server implements AutoCloseable {

    public static final String ACCESS_KEY = "songspace";
    public static final String SECRET_KEY = "songspace-secret";
    public static final String BUCKET = "songspace";

    private final ManagedProcess process;
    private final int port;

    private S3Server(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server on {@code port} keeping its data under {@code dir}. */
    public static S3Server start(Path dir, int port) {
        try {
            Path data = dir.resolve("data");
            Files.createDirectories(data.resolve(BUCKET));
            Path props = dir.resolve("s3proxy.properties");
            Files.writeString(props, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data.toAbsolutePath(),
                    ""));
            ManagedProcess p = ManagedProcess.start("s3proxy",
                    ManagedProcess.javaCommand(List.of("-Xmx256m", ServerLogging.jvmOption(dir)),
                            StackClasspath.resolve(), "org.gaul.s3proxy.Main",
                            List.of("--properties", props.toAbsolutePath().toString())),
                    Map.of(), dir.resolve("s3proxy.log"));
            p.awaitPort(port, Duration.ofSeconds(60));
            return new S3Server(p, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a server on a free port. */
    public static S3Server start(Path dir) {
        return start(dir, Ports.free());
    }

    public int port() {
        return port;
    }

    public ManagedProcess process() {
        return process;
    }

    /** Configuration properties that point a service's {@code songspace.store} at this server. */
    public Map<String, String> clientConfig() {
        return Map.of(
                "songspace.store.host", "127.0.0.1",
                "songspace.store.port", Integer.toString(port),
                "songspace.store.secure", "false",
                "songspace.store.access-key", ACCESS_KEY,
                "songspace.store.secret-key", SECRET_KEY,
                "songspace.store.bucket", BUCKET);
    }

    @Override
    public void close() {
        process.close();
    }
}
