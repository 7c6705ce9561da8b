package io.songspace.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the local stack (Kafka, the S3 server, a service) with its output in a log file.
 * Closing it asks it to stop (SIGTERM) and kills it if it has not stopped within 20 s.
 */
public final class ManagedProcess implements AutoCloseable {

    private final String name;
    private final ProcessHandle handle;
    private final Path log;

    private ManagedProcess(String name, ProcessHandle handle, Path log) {
        this.name = name;
        this.handle = handle;
        this.log = log;
    }

    /** Starts {@code command} with extra environment variables, appending its stdout and stderr to {@code log}. */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            return new ManagedProcess(name, pb.start().toHandle(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** A process started by an earlier invocation, found again by its pid. */
    public static Optional<ManagedProcess> attach(String name, long pid, Path log) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> new ManagedProcess(name, h, log));
    }

    /** The command line that starts a class's main method on a fresh JVM of the same Java as this one. */
    public static List<String> javaCommand(List<String> jvmOptions, String classpath, String mainClass, List<String> args) {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    public static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** Waits until something listens on 127.0.0.1:{@code port}; fails early, with the log's tail, if the process dies. */
    public void awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!handle.isAlive()) {
                throw new IllegalStateException(name + " exited before opening port " + port + "; log " + log + ":\n" + tail(40));
            }
            if (isListening(port)) {
                return;
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException(name + " did not open port " + port + " within " + timeout + "; log " + log + ":\n" + tail(40));
    }

    /** Peak resident set size (VmHWM) in bytes, while the process is alive and /proc is there. */
    public Optional<Long> peakRssBytes() {
        return Proc.peakRssBytes(handle.pid());
    }

    /** The last {@code lines} lines of the log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: the process gets no chance to shut down, as in a crash; returns once it is gone. */
    public void kill() {
        handle.destroyForcibly();
        try {
            handle.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + " (pid " + handle.pid() + ") did not die on SIGKILL", e);
        }
    }

    @Override
    public void close() {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    public static boolean isListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
