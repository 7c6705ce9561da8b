package io.songspace.common.dataset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Confines local dataset paths to configured folders: a path is accepted only when the file it names, after
 * {@code ..} and every symbolic link are resolved, lies in one of the roots. A path that does not exist yet is
 * judged by its deepest existing ancestor, resolved, plus the rest, so a link cannot smuggle it out either.
 */
@ApplicationScoped
public class DatasetRoots {

    private final List<Path> roots;

    @Inject
    public DatasetRoots(DatasetRootsConfig config) {
        this(config.roots().orElse(List.of()));
    }

    public DatasetRoots(List<Path> roots) {
        this.roots = roots.stream().map(DatasetRoots::resolved).toList();
    }

    /** The roots as resolved (absolute, links followed). */
    public List<Path> roots() {
        return roots;
    }

    /** Why {@code path} may not be read, or empty when it lies in a root. */
    public Optional<String> violation(String path) {
        Path p;
        try {
            p = Path.of(path);
        } catch (IllegalArgumentException e) {
            return Optional.of("is not a valid path");
        }
        if (!p.isAbsolute()) {
            return Optional.of("must be an absolute path");
        }
        if (roots.isEmpty()) {
            return Optional.of("local datasets are not enabled here (no dataset roots are configured: "
                    + "songspace.datasets.roots)");
        }
        Path real = resolved(p);
        if (roots.stream().noneMatch(real::startsWith)) {
            return Optional.of("must lie in a dataset root (" + roots.stream().map(Path::toString)
                    .collect(Collectors.joining(", ")) + ") after resolving '..' and links");
        }
        return Optional.empty();
    }

    /**
     * {@code path} as the file system would open it: its deepest existing ancestor resolved by the file system
     * (links first, then {@code ..}, which lexical normalisation would get wrong after a link), plus the rest.
     */
    static Path resolved(Path path) {
        Path absolute = path.toAbsolutePath();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute.normalize();
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute.normalize();
        }
    }
}
