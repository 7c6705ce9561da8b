package io.songspace.common.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.artifacts.ManifestEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The manifest's JSON-lines encoding: one {@link ManifestEntry} per line. */
public final class Manifests {
    private Manifests() {
    }

    public static String toJsonLines(ObjectMapper json, List<ManifestEntry> entries) {
        StringBuilder sb = new StringBuilder();
        try {
            for (ManifestEntry e : entries) {
                sb.append(json.writeValueAsString(e)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    public static List<ManifestEntry> fromJsonLines(ObjectMapper json, byte[] bytes) {
        List<ManifestEntry> entries = new ArrayList<>();
        int lineNo = 0;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(json.readValue(line, ManifestEntry.class));
            } catch (IOException e) {
                throw new IllegalArgumentException("manifest line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return entries;
    }
}
