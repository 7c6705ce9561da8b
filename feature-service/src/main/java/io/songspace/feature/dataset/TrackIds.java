package io.songspace.feature.dataset;

import java.util.HashSet;
import java.util.Set;

/**
 * Track ids that are safe in object keys and file names: letters, digits, '.', '_' and '-' only, unique within
 * a manifest (a clash gets a {@code ~2}, {@code ~3}… suffix).
 */
final class TrackIds {

    private final Set<String> used = new HashSet<>();

    String unique(String raw) {
        String base = raw.replaceAll("[^A-Za-z0-9._-]", "_");
        String id = base;
        for (int n = 2; !used.add(id); n++) {
            id = base + "~" + n;
        }
        return id;
    }
}
