package io.songspace.stack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classpath that runs Kafka and s3proxy: this JVM's own when it has them (the launcher, the end-to-end test),
 * else {@code local-stack/target/lib} of the source tree (service tests, which see only this module's classes).
 */
final class StackClasspath {
    private StackClasspath() {
    }

    static String resolve() {
        if (onClasspath("org.gaul.s3proxy.Main") && onClasspath("kafka.Kafka")) {
            return System.getProperty("java.class.path");
        }
        Path lib = projectRoot().resolve("local-stack/target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("no Kafka/s3proxy classpath: build the local-stack module first (" + lib + " is missing)");
        }
        return lib + File.separator + "*";
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
