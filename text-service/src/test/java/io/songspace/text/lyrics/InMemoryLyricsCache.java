package io.songspace.text.lyrics;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A lyrics cache in a map, for tests that look at what was cached. */
final class InMemoryLyricsCache implements LyricsCache {

    private final Map<String, CachedLyrics> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<CachedLyrics> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void put(String key, CachedLyrics entry) {
        entries.put(key, entry);
    }

    Map<String, CachedLyrics> entries() {
        return entries;
    }
}
