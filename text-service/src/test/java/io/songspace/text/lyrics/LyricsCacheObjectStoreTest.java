package io.songspace.text.lyrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.MinioClient;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.store.ObjectStore;
import io.songspace.stack.S3Server;
import io.songspace.text.lyrics.LyricsAnswer.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ObjectStoreLyricsCache} on a real S3 server (s3proxy, started as a process). */
class LyricsCacheObjectStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    static Path dir;
    private static S3Server s3;
    private static ObjectStore store;

    @BeforeAll
    static void startS3() {
        s3 = S3Server.start(dir);
        store = new ObjectStore(MinioClient.builder().endpoint("127.0.0.1", s3.port(), false)
                .credentials(S3Server.ACCESS_KEY, S3Server.SECRET_KEY).build(), S3Server.BUCKET, new ObjectMapper(),
                Duration.ZERO);
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void keepsAnswersAsJsonUnderTheLyricsCacheKey() throws IOException {
        ObjectStoreLyricsCache cache = new ObjectStoreLyricsCache(store);
        CachedLyrics found = new CachedLyrics(Status.FOUND, "line one\nline two", null, "Paper Lanterns",
                "Adá Marlowe & The Tides", NOW, null);
        CachedLyrics notFound = new CachedLyrics(Status.NOT_FOUND, null, "no hit", "Lanterns", "Mira Holt", NOW,
                NOW.plus(Duration.ofDays(30)));

        assertEquals(Optional.empty(), cache.get("ada--paper-0123456789abcdef"));
        cache.put("ada--paper-0123456789abcdef", found);
        cache.put("mira--lanterns-0123456789abcdef", notFound);

        assertEquals(Optional.of(found), cache.get("ada--paper-0123456789abcdef"));
        assertEquals(Optional.of(notFound), cache.get("mira--lanterns-0123456789abcdef"));
        String json = new String(store.require(ArtifactKeys.lyricsCache("mira--lanterns-0123456789abcdef")),
                StandardCharsets.UTF_8);
        assertTrue(json.contains("\"expiresAt\" : \"2026-12-29T12:00:00Z\""), json);
    }

    @Test
    void anUnreadableEntryIsAMiss() {
        store.putText(ArtifactKeys.lyricsCache("broken-0123456789abcdef"), "{\"status\": \"MAYBE\"",
                "application/json");

        assertEquals(Optional.empty(), new ObjectStoreLyricsCache(store).get("broken-0123456789abcdef"));
    }

    @Test
    void aLookupAnswersFromTheBucketWithoutGenius() {
        ObjectStoreLyricsCache cache = new ObjectStoreLyricsCache(store);
        cache.put(LyricsCacheKey.of("harbour lights", "ada marlowe and the tides"), new CachedLyrics(Status.FOUND,
                "la la", null, "Harbour Lights", "Ada Marlowe and The Tides", NOW, null));
        // nothing listens on port 9: any request would fail the lookup
        GeniusSettings d = GeniusSettings.defaults(Optional.of("token"));
        GeniusSettings nowhere = new GeniusSettings("http://127.0.0.1:9", d.token(), d.requestsPerSecond(), 1,
                d.requestTimeout(), d.initialBackoff(), d.maxRetryAfter(), d.permitTimeout(), d.negativeTtl(),
                d.blockedTtl(), false);

        try (LyricsLookup lookup = new LyricsLookup(nowhere, cache, Clock.fixed(NOW, ZoneOffset.UTC))) {
            assertEquals(new LyricsAnswer(Status.FOUND, "la la", null, true),
                    lookup.find("Harbour Lights", "Ada Marlowe & The Tides"));
        }
    }
}
