package io.songspace.common.natives;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the native libraries a piece of code opens from the system. It runs a {@code main} class in a child JVM on
 * this JVM's classpath with glibc's loader tracing ({@code LD_DEBUG=files}), which logs every {@code dlopen} with
 * the exact name it was given, and keeps the system ones: bare names (resolved through the loader's search path)
 * and absolute paths outside the JDK and outside folders that dependencies unpack their own natives into (DJL's
 * PyTorch under the user's home). Libraries loaded only as another library's dependency ("needed by") are the
 * loader's business and not reported: the package of the library that needs them depends on their package.
 */
public final class NativeLibraryAudit {

    /** One {@code dlopen} of a system library: the name as the code passed it, and whether it was found. */
    public record Opened(String name, String openedBy, boolean found) {
    }

    private static final Pattern OPENED = Pattern.compile("file=(\\S+) \\[\\d+\\];\\s+dynamically loaded by (\\S+)");
    private static final List<String> SYSTEM_DIRS = List.of("/lib", "/usr/", "/opt/");

    private NativeLibraryAudit() {
    }

    /** Runs {@code main} (with {@code args}) in a child JVM and returns the system libraries it opened. */
    public static List<Opened> opened(Class<?> main, String... args) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("ld-debug");
        try {
            String javaHome = System.getProperty("java.home");
            List<String> command = new ArrayList<>(List.of(Path.of(javaHome, "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                    "-cp", System.getProperty("java.class.path"), main.getName()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("output.txt").toFile());
            pb.environment().put("LD_DEBUG", "files");
            pb.environment().put("LD_DEBUG_OUTPUT", dir.resolve("ld").toString());
            Process process = pb.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(main.getName() + " did not finish within 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(main.getName() + " exited with " + process.exitValue() + ":\n"
                        + Files.readString(dir.resolve("output.txt")));
            }
            Map<String, Opened> opened = new LinkedHashMap<>();
            try (Stream<Path> traces = Files.list(dir)) {
                for (Path trace : traces.filter(p -> p.getFileName().toString().startsWith("ld.")).toList()) {
                    for (String line : Files.readAllLines(trace)) {
                        Matcher o = OPENED.matcher(line);
                        if (o.find()) {
                            opened.putIfAbsent(o.group(1), new Opened(o.group(1), o.group(2), false));
                        }
                    }
                }
            }
            return opened.values().stream()
                    .filter(o -> isSystem(o.name(), javaHome))
                    .map(o -> new Opened(o.name(), o.openedBy(), resolves(o.name())))
                    .toList();
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    /** The libraries {@code main} opened and found that {@code native-libraries.tsv} does not name. */
    public static List<Opened> unlisted(Class<?> main, String... args) throws IOException, InterruptedException {
        Set<String> listed = new LinkedHashSet<>();
        NativeLibrary.all().forEach(l -> listed.add(l.name()));
        return opened(main, args).stream().filter(o -> o.found() && !listed.contains(o.name())).toList();
    }

    /**
     * Whether the loader finds {@code name} on this machine, tried here rather than read off the trace: a second
     * name for a file that is already loaded (libopenblas.so after libopenblas.so.0) maps nothing new.
     */
    private static boolean resolves(String name) {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup(name, arena);
            return true;
        } catch (IllegalArgumentException absent) {
            return false;
        }
    }

    private static boolean isSystem(String name, String javaHome) {
        if (!name.contains("/")) {
            return true;
        }
        return !name.startsWith(javaHome) && SYSTEM_DIRS.stream().anyMatch(name::startsWith);
    }
}
