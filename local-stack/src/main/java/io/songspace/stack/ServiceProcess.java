package io.songspace.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How to start one songspace service as its own JVM from its Quarkus fast-jar. */
public record ServiceProcess(String module, String instance, int port, List<String> jvmOptions) {

    /** The fast-jar the Quarkus build writes for {@code module}. */
    public static Path jar(Path projectRoot, String module) {
        return projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * Starts the service with {@code config} as system properties and waits until it reports ready. A property that
     * holds a credential ({@link #isSecret}) goes by environment variable instead, where {@code ps} and a logged
     * command line do not show it.
     */
    public ManagedProcess start(Path projectRoot, Path logDir, Map<String, String> config, Duration timeout) {
        Path jar = jar(projectRoot, module);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the suite first (./mvnw package -DskipTests)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ManagedProcess.javaExecutable());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        Map<String, String> env = new LinkedHashMap<>();
        config.forEach((k, v) -> {
            if (isSecret(k)) {
                env.put(environmentName(k), v);
            } else {
                cmd.add("-D" + k + "=" + v);
            }
        });
        cmd.add("-jar");
        cmd.add(jar.toString());
        ManagedProcess p = ManagedProcess.start(instance, cmd, env, logDir.resolve(instance + ".log"));
        awaitReady(p, port, timeout);
        return p;
    }

    /** Credentials by the name of their property: S3 keys, tokens, passwords. */
    static boolean isSecret(String property) {
        return property.endsWith("secret-key") || property.endsWith("access-key") || property.endsWith("token")
                || property.endsWith("password");
    }

    /** The environment variable Quarkus reads a property from ({@code a.b-c} → {@code A_B_C}). */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Polls {@code /q/health/ready} until it answers 200 or the process dies. */
    static void awaitReady(ManagedProcess p, int port, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException(p.name() + " exited during start-up; log " + p.log() + ":\n" + p.tail(60));
            }
            try {
                HttpResponse<String> r = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (java.io.IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            ManagedProcess.sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException(p.name() + " not ready within " + timeout + " (" + last + "); log " + p.log() + ":\n" + p.tail(60));
    }
}
