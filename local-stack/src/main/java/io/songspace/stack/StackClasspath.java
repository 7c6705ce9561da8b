package io.songspace.stack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classpath that runs Kafka and s3proxy: {@code local-stack/target/lib} of the source tree, where the build
 * copies exactly this module's runtime dependencies (a test JVM's own classpath may hold other versions of Kafka's
 * libraries, managed for the services), else this JVM's own classpath when it has them.
 */
final class StackClasspath {
    private StackClasspath() {
    }

    static String resolve() {
        Path lib = libFolder();
        if (Files.isDirectory(lib)) {
            return lib + File.separator + "*";
        }
        if (onClasspath("org.gaul.s3proxy.Main") && onClasspath("kafka.Kafka")) {
            return System.getProperty("java.class.path");
        }
        throw new IllegalStateException("no Kafka/s3proxy classpath: build the local-stack module first (" + lib + " is missing)");
    }

    private static Path libFolder() {
        try {
            return projectRoot().resolve("local-stack/target/lib");
        } catch (IllegalStateException e) {
            return Path.of("local-stack/target/lib");
        }
    }

    /** The songspace source tree: {@code songspace.root} if set, else the nearest folder upwards with local-stack/. */
    static Path projectRoot() {
        String root = System.getProperty("songspace.root");
        if (root != null) {
            return Path.of(root).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("local-stack")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the songspace source tree from " + Path.of("").toAbsolutePath());
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, StackClasspath.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
