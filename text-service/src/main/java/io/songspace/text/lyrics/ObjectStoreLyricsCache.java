package io.songspace.text.lyrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The lyrics cache in the songspace bucket, shared by every run: one JSON object per track at
 * {@link ArtifactKeys#lyricsCache(String)}. Its JSON is its own (times as ISO-8601 text), whatever mapper the
 * store was given. An entry that no longer reads is a miss, and the next answer replaces it.
 */
public final class ObjectStoreLyricsCache implements LyricsCache {

    private static final Logger LOG = Logger.getLogger(ObjectStoreLyricsCache.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final ObjectStore store;

    public ObjectStoreLyricsCache(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Optional<CachedLyrics> get(String key) {
        String objectKey = ArtifactKeys.lyricsCache(key);
        return store.get(objectKey).flatMap(bytes -> {
            try {
                return Optional.of(JSON.readValue(bytes, CachedLyrics.class));
            } catch (IOException e) {
                LOG.warnf("unreadable lyrics cache entry %s, taken as a miss: %s", objectKey, e.getMessage());
                return Optional.empty();
            }
        });
    }

    @Override
    public void put(String key, CachedLyrics entry) {
        try {
            store.put(ArtifactKeys.lyricsCache(key), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(entry),
                    "application/json");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
