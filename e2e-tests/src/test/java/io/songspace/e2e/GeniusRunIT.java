package io.songspace.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.songspace.feature.dataset.demo.DemoGenre;
import io.songspace.feature.dataset.demo.DemoText;
import io.songspace.stack.ApiClient;
import io.songspace.stack.LocalStack;
import io.songspace.stack.S3Server;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A medium run on the demo corpus with a stand-in for Genius (WireMock, answering like Genius's API and song pages)
 * that knows the lyrics of a few tracks: they get those lyrics, the tracks with lyrics of their own keep them, the
 * rest get their metadata text; the run completes through the five services with the text rows and the multimodal
 * VAE. {@link DemoRunIT} runs the same spec on a stack without a token.
 */
class GeniusRunIT {

    static final long SEED = 11;
    static final int PER_GENRE = 4;
    static final int TRACKS = DemoGenre.values().length * PER_GENRE;
    static final String MEDIUM_SPEC = """
            {"level": "medium", "dataset": {"type": "demo", "tracksPerGenre": %d}, "training": {"epochs": 3},
             "seed": %d}""".formatted(PER_GENRE, SEED);
    /** How many of the tracks without lyrics of their own the stand-in knows. */
    private static final int KNOWN = 4;
    private static final String TOKEN = "e2e-genius-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer genius;
    private static RunningStack running;

    @BeforeAll
    static void start() throws IOException {
        genius = new WireMockServer(options().dynamicPort());
        genius.start();
        // any other search finds nothing, as Genius does for an unknown song
        genius.stubFor(get(urlPathEqualTo("/search")).atPriority(10)
                .willReturn(json(searchAnswer(JSON.createArrayNode()))));
        List<DemoText.TrackText> known = knownTracks();
        for (int i = 0; i < known.size(); i++) {
            DemoText.TrackText t = known.get(i);
            String path = "/" + (t.artist() + " " + t.title()).replaceAll("[^A-Za-z0-9]+", "-") + "-lyrics";
            ArrayNode hits = JSON.createArrayNode();
            hits.add(hit(1000 + i, "Another Song", t.artist(), genius.baseUrl() + "/decoy-" + i));
            hits.add(hit(2000 + i, t.title(), t.artist(), genius.baseUrl() + path));
            genius.stubFor(get(urlPathEqualTo("/search")).atPriority(1)
                    .withQueryParam("q", containing(t.artist()))
                    .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                    .willReturn(json(searchAnswer(hits))));
            genius.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "text/html; charset=utf-8").withBody(songPage(t.title(), t.artist()))));
        }
        running = RunningStack.start(1, Map.of("songspace.text.genius.token", TOKEN,
                "songspace.text.genius.api-base", genius.baseUrl(),
                "songspace.text.genius.requests-per-second", "50"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (running != null) {
            running.close();
        }
        if (genius != null) {
            genius.stop();
        }
    }

    @Test
    void mediumRunTakesLyricsFromGeniusForTheTracksItKnows() throws Exception {
        ApiClient api = running.api();
        String run = api.submit(MEDIUM_SPEC);
        JsonNode view = running.await(run);
        assertEquals("COMPLETED", view.path("state").asText(), () -> "run failed: " + view + running.logTails());
        view.path("stages").forEach(s -> assertEquals("COMPLETED", s.path("status").asText(), s::toString));

        Map<String, Integer> sources = sourceCounts(api, run);
        assertEquals(datasetLyrics() + KNOWN, sources.get("lyrics"), sources::toString);
        assertEquals(TRACKS - datasetLyrics() - KNOWN, sources.get("metadata"), sources::toString);
        for (DemoText.TrackText t : knownTracks()) {
            genius.verify(getRequestedFor(urlPathEqualTo("/" + (t.artist() + " " + t.title())
                    .replaceAll("[^A-Za-z0-9]+", "-") + "-lyrics")));
        }
        String texts = new String(api.artifact(run, "text/texts.json"), StandardCharsets.UTF_8);
        assertTrue(texts.contains("neon rain on " + knownTracks().getFirst().title()), "Genius's lyrics are the text");
        assertFalse(texts.contains(TOKEN), "the token is never written");
        assertNoSecretInTheLogs();

        assertMediumRows(api, run);
        JsonNode history = JSON.readTree(api.artifact(run, "models/multimodal_vae_history.json"));
        assertEquals(3, history.path("epochs").size());
        String html = new String(api.artifact(run, "report/index.html"), StandardCharsets.UTF_8);
        assertTrue(html.contains((datasetLyrics() + KNOWN) + " from lyrics"), "the text sources in the report");
    }

    /** Neither the Genius token, nor the API key, nor the S3 secret key appears in any service's log or command line. */
    private static void assertNoSecretInTheLogs() throws IOException {
        String apiKey = running.stack().apiKey();
        for (LocalStack.Member m : running.stack().state().members()) {
            if (!m.name().endsWith("-service") && !m.name().matches(".*-service-\\d+")) {
                continue; // Kafka and the S3 server are not ours (the S3 server holds the secret key by design)
            }
            String log = Files.readString(Path.of(m.log()));
            for (String secret : List.of(TOKEN, apiKey, S3Server.SECRET_KEY)) {
                assertFalse(log.contains(secret), m.name() + "'s log shows a secret");
            }
            String commandLine = ProcessHandle.of(m.pid()).flatMap(h -> h.info().commandLine()).orElse("");
            assertFalse(commandLine.contains(TOKEN) || commandLine.contains(S3Server.SECRET_KEY),
                    m.name() + "'s command line shows a secret");
        }
    }

    /** The medium level's 7 feature sets × 3 algorithms in the index and the CSV, and the multimodal benefit. */
    static void assertMediumRows(ApiClient api, String run) throws IOException {
        JsonNode index = JSON.readTree(api.artifact(run, "clustering/index.json"));
        List<String> sets = new ArrayList<>();
        index.path("featureSets").forEach(f -> sets.add(f.path("id").asText()));
        assertEquals(List.of("raw", "pca", "text", "audio_text", "vae", "conv_vae", "multimodal_vae"), sets);
        String csv = new String(api.artifact(run, "report/clustering_metrics_all.csv"), StandardCharsets.UTF_8);
        List<String> methods = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords().stream().map(r -> r.get("method")).toList();
        assertEquals(21, methods.size(), csv);
        for (String method : List.of("Text_only+K-Means", "Audio+Text_concat+Agglomerative", "VAE_multimodal+DBSCAN")) {
            assertTrue(methods.contains(method), method + " in " + methods);
        }
        String benefit = new String(api.artifact(run, "report/multimodal_benefit.csv"), StandardCharsets.UTF_8);
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(benefit)).getRecords();
        assertEquals(3 * 6, rows.size(), "three algorithms × six metrics: " + benefit);
    }

    /** Clustered tracks per text source, from the run's {@code features/text_sources.json}. */
    static Map<String, Integer> sourceCounts(ApiClient api, String run) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        JSON.readTree(api.artifact(run, "features/text_sources.json"))
                .forEach(s -> counts.merge(s.asText(), 1, Integer::sum));
        return counts;
    }

    /** Tracks of the run whose demo text has lyrics of its own. */
    static int datasetLyrics() {
        return (int) demoTexts().stream().filter(t -> t.lyrics() != null).count();
    }

    private static List<DemoText.TrackText> demoTexts() {
        List<DemoText.TrackText> texts = new ArrayList<>();
        for (DemoGenre genre : DemoGenre.values()) {
            for (int i = 0; i < PER_GENRE; i++) {
                texts.add(DemoText.of(SEED, genre, i));
            }
        }
        return texts;
    }

    /** The first {@link #KNOWN} tracks without lyrics of their own. */
    private static List<DemoText.TrackText> knownTracks() {
        return demoTexts().stream().filter(t -> t.lyrics() == null).limit(KNOWN).toList();
    }

    private static ObjectNode hit(int id, String title, String artist, String url) {
        ObjectNode result = JSON.createObjectNode();
        result.put("annotation_count", 0).put("api_path", "/songs/" + id).put("full_title", title + " by " + artist)
                .put("id", id).put("lyrics_state", "complete").put("title", title).put("title_with_featured", title)
                .put("url", url);
        result.putObject("primary_artist").put("id", id * 7).put("name", artist)
                .put("url", "https://genius.com/artists/" + artist.replace(' ', '-'));
        ObjectNode hit = JSON.createObjectNode();
        hit.putArray("highlights");
        hit.put("index", "song").put("type", "song").set("result", result);
        return hit;
    }

    private static String searchAnswer(ArrayNode hits) {
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("meta").put("status", 200);
        answer.putObject("response").set("hits", hits);
        return answer.toString();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    /** A song page as Genius serves it, reduced to what matters: two lyrics containers with line breaks. */
    private static String songPage(String title, String artist) {
        return """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
                <title>%2$s – %1$s Lyrics | Genius Lyrics</title></head><body>
                <div id="lyrics-root" class="Lyrics__Root-sc-1ynbvzw-0">
                <div data-lyrics-container="true" class="Lyrics__Container-sc-1ynbvzw-1 kUgSbL">[Verse 1]<br/>neon rain on %1$s<br/>we drive until the morning</div>
                <div data-exclude-from-selection="true">You might also like</div>
                <div data-lyrics-container="true" class="Lyrics__Container-sc-1ynbvzw-1 kUgSbL">[Chorus]<br/><a href="/123">city lights</a> keep calling<br/>%2$s sings it all night</div>
                </div></body></html>
                """.formatted(title, artist);
    }
}
