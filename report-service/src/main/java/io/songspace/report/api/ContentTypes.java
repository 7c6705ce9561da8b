package io.songspace.report.api;

import java.util.Locale;
import java.util.Map;

/** The content type of an artifact, from its file extension. */
final class ContentTypes {

    private static final String BINARY = "application/octet-stream";
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("png", "image/png"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("tex", "text/x-tex; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("jsonl", "application/x-ndjson"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("npy", BINARY),
            Map.entry("npz", BINARY));

    private ContentTypes() {
    }

    static String of(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot < 0 ? BINARY : BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), BINARY);
    }
}
