package io.songspace.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A client of the report-service's public API, for the launcher and the end-to-end test. */
public final class ApiClient {

    /** An answer that was not 2xx. */
    public static final class ApiException extends RuntimeException {
        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param apiKey sent as {@code Authorization: Bearer} with every call */
    public ApiClient(String base, String apiKey) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.authorization = "Bearer " + apiKey;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization);
    }

    /** POSTs a run spec (JSON text) and returns the new run's id. */
    public String submit(String specJson) {
        HttpRequest req = request("/api/runs")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(specJson)).build();
        return json(send(req)).path("id").asText();
    }

    /** Cancels the run; returns its view after the cancel. */
    public JsonNode cancel(String runId) {
        return json(send(request("/api/runs/" + runId + "/cancel").POST(HttpRequest.BodyPublishers.noBody()).build()));
    }

    /** The run's current view (state, stages, progress, skipped tracks). */
    public JsonNode run(String runId) {
        return json(send(request("/api/runs/" + runId).GET().build()));
    }

    /** Follows the run's Server-Sent Events, handing each run view to {@code onUpdate}, until the stream ends. */
    public void follow(String runId, Consumer<JsonNode> onUpdate) {
        HttpRequest req = request("/api/runs/" + runId + "/events")
                .header("Accept", "text/event-stream").GET().build();
        try {
            HttpResponse<Stream<String>> r = http.send(req, HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() != 200) {
                throw new ApiException(r.statusCode(), "events of " + runId + ": HTTP " + r.statusCode());
            }
            try (Stream<String> lines = r.body()) {
                lines.filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim()).filter(l -> !l.isEmpty())
                        .forEach(l -> onUpdate.accept(parse(l)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("events of " + runId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Keys of the run's artifacts, relative to the run's folder. */
    public List<String> artifacts(String runId) {
        List<String> keys = new ArrayList<>();
        json(send(request("/api/runs/" + runId + "/artifacts").GET().build()))
                .forEach(n -> keys.add(n.asText()));
        return keys;
    }

    /** One artifact's bytes. */
    public byte[] artifact(String runId, String path) {
        HttpRequest req = request("/api/runs/" + runId + "/artifacts/" + path).GET().build();
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() / 100 != 2) {
                throw new ApiException(r.statusCode(), "artifact " + path + " of " + runId + ": HTTP " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Copies every artifact under {@code prefix} (e.g. {@code report/}) into {@code target}, keeping relative paths. */
    public List<Path> download(String runId, String prefix, Path target) {
        List<Path> files = new ArrayList<>();
        for (String key : artifacts(runId)) {
            if (key.startsWith(prefix)) {
                Path file = target.resolve(key.substring(prefix.length()));
                try {
                    Files.createDirectories(file.getParent());
                    Files.write(file, artifact(runId, key));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                files.add(file);
            }
        }
        return files;
    }

    /** Sends a request and returns the body; a non-2xx answer becomes an {@link ApiException} with the body. */
    public HttpResponse<String> send(HttpRequest req) {
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new ApiException(r.statusCode(), req.method() + " " + req.uri().getPath() + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(req.method() + " " + req.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        return parse(r.body());
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
