package io.songspace.feature.dataset;

import io.songspace.common.dataset.DatasetRoots;
import io.songspace.common.store.ObjectStore;
import io.songspace.common.store.ObjectStoreException;
import io.songspace.feature.config.FeatureConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * File access for datasets wherever they live: a local folder or a prefix of the songspace bucket. Only the
 * configured bucket is reachable; a path in another bucket is an error naming both.
 */
@ApplicationScoped
public class DatasetFiles {

    private static final String S3 = "s3://";
    /** Extensions of the audio files tracks usually are; a folder named with one is listed as an unusable entry. */
    private static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "wave", "flac", "mp3", "ogg", "oga", "opus",
            "aif", "aiff", "aifc", "au", "snd", "caf", "w64", "rf64", "m4a", "aac", "wma");

    private final ObjectStore store;
    private final Path tempDir;
    private final DatasetRoots roots;

    @Inject
    public DatasetFiles(ObjectStore store, FeatureConfig config, DatasetRoots roots) {
        this(store, config.tempDir().orElse(Path.of(System.getProperty("java.io.tmpdir"))), roots);
    }

    /** @param roots the folders local datasets may be read from (the API checked the spec; here the files) */
    public DatasetFiles(ObjectStore store, Path tempDir, DatasetRoots roots) {
        this.store = store;
        this.tempDir = tempDir;
        this.roots = roots;
    }

    /**
     * Parses a dataset path: {@code s3://bucket/prefix} or a local path, which must lie in a dataset root. Nothing is
     * checked for existence yet.
     */
    public DatasetLocation locate(String path) throws DatasetException {
        if (path == null || path.isBlank()) {
            throw new DatasetException("the dataset has no path");
        }
        if (!path.startsWith(S3)) {
            Optional<String> refused = roots.violation(path);
            if (refused.isPresent()) {
                throw new DatasetException("dataset path " + path + " " + refused.get());
            }
            return new DatasetLocation.Local(Path.of(path));
        }
        String rest = path.substring(S3.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
        if (!bucket.equals(store.bucket())) {
            throw new DatasetException(path + ": bucket '" + bucket + "' is not reachable; only the configured "
                    + "bucket '" + store.bucket() + "' is");
        }
        return new DatasetLocation.Stored(bucket, key);
    }

    /**
     * Parses an audio source as {@link #source} writes it: a {@code file:} URI or {@code s3://bucket/key}. Nothing
     * is checked for existence yet.
     */
    public DatasetLocation locateSource(String source) throws DatasetException {
        if (source.startsWith(S3)) {
            return locate(source);
        }
        if (source.startsWith("file:")) {
            try {
                return new DatasetLocation.Local(Path.of(URI.create(source)));
            } catch (IllegalArgumentException e) {
                throw new DatasetException("bad audio source " + source + ": " + e.getMessage());
            }
        }
        throw new DatasetException("unsupported audio source: " + source);
    }

    /** Whether {@code location} is a file (an object, for the bucket). */
    public boolean isFile(DatasetLocation location) {
        return switch (location) {
            case DatasetLocation.Local l -> Files.isRegularFile(l.path());
            case DatasetLocation.Stored s -> !s.key().isEmpty() && store.exists(s.key());
        };
    }

    /**
     * Every entry under a folder, recursively, as '/'-separated paths relative to it, sorted; files and folders
     * whose name starts with '.' are left out. Every file is listed, with what makes it unusable as a track where
     * something does ({@link #problem(Path)}): a dangling symbolic link, a link loop, a link to a folder, a file that
     * cannot be read. A folder named like an audio file ({@code dir.wav}) is listed as unusable too, and its content
     * is listed as well. Symbolic links to folders are not followed.
     */
    public List<Entry> listFiles(DatasetLocation folder) throws DatasetException {
        List<Entry> entries = new ArrayList<>();
        switch (folder) {
            case DatasetLocation.Local l -> {
                if (!Files.isDirectory(l.path())) {
                    throw new DatasetException("dataset folder " + l.path() + " does not exist or is not a folder");
                }
                try {
                    Files.walkFileTree(l.path(), new LocalLister(l.path(), entries));
                } catch (IOException | UncheckedIOException e) {
                    throw new DatasetException("cannot list dataset folder " + l.path() + ": " + e.getMessage(), e);
                }
            }
            case DatasetLocation.Stored s -> {
                String prefix = s.key().isEmpty() ? "" : s.key() + "/";
                for (String key : store.list(prefix)) {
                    if (!key.endsWith("/")) {
                        entries.add(new Entry(key.substring(prefix.length()), null));
                    }
                }
            }
        }
        return entries.stream()
                .filter(e -> Stream.of(e.path().split("/")).noneMatch(part -> part.startsWith(".")))
                .sorted(Comparator.comparing(Entry::path))
                .toList();
    }

    /** An entry of a dataset folder; {@code problem} says why it cannot be a track (with its path), null if it can. */
    public record Entry(String path, String problem) {
    }

    /**
     * Why a local path cannot be read as a track, naming the path; null when it is (or links to) a readable regular
     * file in a dataset root.
     */
    public String problem(Path path) {
        if (Files.isRegularFile(path)) {
            if (roots.violation(path.toAbsolutePath().toString()).isPresent()) {
                return "links out of the dataset roots: " + path;
            }
            return Files.isReadable(path) ? null : "not readable (permission denied): " + path;
        }
        if (Files.isDirectory(path)) {
            return "a folder, not an audio file: " + path;
        }
        if (Files.isSymbolicLink(path)) {
            return linkProblem(path) + ": " + path;
        }
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? "not a regular file: " + path
                : "audio file not found: " + path;
    }

    /** What is wrong with a symbolic link that leads to nothing usable: follows its chain one link at a time. */
    private static String linkProblem(Path link) {
        Set<Path> seen = new HashSet<>();
        Path p = link.toAbsolutePath().normalize();
        try {
            while (Files.isSymbolicLink(p)) {
                if (!seen.add(p)) {
                    return "symbolic link loop";
                }
                p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
            }
        } catch (IOException e) {
            return "symbolic link that cannot be followed (" + e.getMessage() + ")";
        }
        // a chain that ends at nothing, or one that the system gives up on (a loop through a parent folder)
        return Files.exists(p) ? "symbolic link that cannot be followed" : "dangling symbolic link";
    }

    /**
     * Why {@code location} cannot be read as a track, naming it; null when it is a readable file (an object, for the
     * bucket).
     */
    public String problem(DatasetLocation location) {
        return switch (location) {
            case DatasetLocation.Local l -> problem(l.path());
            case DatasetLocation.Stored s -> isFile(s) ? null : "audio file not found: " + s.display();
        };
    }

    /**
     * A local file with the content of {@code file}: the file itself, or a temporary copy of the object that is
     * deleted when the returned handle is closed.
     */
    public LocalCopy open(DatasetLocation file) throws DatasetException {
        return switch (file) {
            case DatasetLocation.Local l -> {
                if (!Files.isRegularFile(l.path())) {
                    throw new DatasetException("dataset file " + l.path() + " does not exist");
                }
                yield new LocalCopy(l.path(), false);
            }
            case DatasetLocation.Stored s -> {
                if (!store.exists(s.key())) {
                    throw new DatasetException("dataset file " + s.display() + " does not exist");
                }
                yield new LocalCopy(download(s.key(), fileName(s.key())), true);
            }
        };
    }

    /** Downloads an object of the songspace bucket to a new temporary file; the caller deletes it. */
    public Path download(String key, String nameHint) {
        Path target = tempFile(nameHint);
        try {
            store.download(key, target);
            return target;
        } catch (ObjectStoreException e) {
            deleteQuietly(target);
            throw e;
        }
    }

    /** A new empty temporary file whose name ends like {@code nameHint} (decoders look at extensions). */
    public Path tempFile(String nameHint) {
        try {
            Files.createDirectories(tempDir);
            String suffix = nameHint.contains(".") ? nameHint.substring(nameHint.lastIndexOf('.')) : ".tmp";
            return Files.createTempFile(tempDir, "songspace-", suffix.length() > 16 ? ".tmp" : suffix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file in " + tempDir, e);
        }
    }

    /** The audio source naming a file of a dataset: a {@code file:} URI or {@code s3://bucket/key}. */
    public static String source(DatasetLocation file) {
        return switch (file) {
            case DatasetLocation.Local l -> l.path().toAbsolutePath().normalize().toUri().toString();
            case DatasetLocation.Stored s -> S3 + s.bucket() + "/" + s.key();
        };
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file is harmless; the temp folder is the operator's to clean
        }
    }

    private static String fileName(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static String trimSlashes(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && s.charAt(from) == '/') {
            from++;
        }
        while (to > from && s.charAt(to - 1) == '/') {
            to--;
        }
        return s.substring(from, to);
    }

    /** Collects the entries of a local folder; nothing is followed, nothing stops the walk. */
    private final class LocalLister extends SimpleFileVisitor<Path> {

        private final Path root;
        private final List<Entry> entries;

        LocalLister(Path root, List<Entry> entries) {
            this.root = root;
            this.entries = entries;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            if (dir.getFileName().toString().startsWith(".")) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (AUDIO_EXTENSIONS.contains(extension(dir.getFileName().toString()))) {
                entries.add(new Entry(relative(dir), problem(dir)));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            entries.add(new Entry(relative(file), problem(file)));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (file.equals(root)) {
                throw e;
            }
            // a folder that cannot be opened stands for the files in it, which cannot be listed
            entries.add(new Entry(relative(file), (e instanceof AccessDeniedException
                    ? "not readable (permission denied)" : "cannot be listed (" + e.getClass().getSimpleName() + ")")
                    + ": " + file));
            return FileVisitResult.CONTINUE;
        }

        private String relative(Path p) {
            return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** A local file to read; {@link #close()} deletes it when it is a temporary copy. */
    public record LocalCopy(Path path, boolean temporary) implements AutoCloseable {
        @Override
        public void close() {
            if (temporary) {
                deleteQuietly(path);
            }
        }
    }
}
