package io.songspace.report.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loads a page in Debian's headless Chromium and reports what a reader would meet: console errors and uncaught
 * exceptions, images that did not decode, and a screenshot. Driven over the DevTools protocol (a WebSocket and a
 * few JSON commands through the JDK's own client), because the command line's {@code --screenshot} says nothing
 * about errors or images.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** What the page did: console errors and exceptions, images by source with whether they decoded. */
    record PageCheck(List<String> errors, Map<String, Boolean> imagesDecoded, byte[] screenshot) {
    }

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    /** The browser on PATH (Debian's package installs {@code chromium}), if any. */
    static Optional<String> executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name).toString());
                }
            }
        }
        return Optional.empty();
    }

    HeadlessChromium(String executable) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        profile = Files.createTempDirectory("songspace-chromium");
        process = new ProcessBuilder(executable, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--allow-file-access-from-files", "--remote-debugging-port=" + port,
                "--user-data-dir=" + profile, "about:blank").redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        String target = null;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (target == null && System.nanoTime() < deadline) {
            try {
                JsonNode pages = JSON.readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode page : pages) {
                    if (page.path("type").asText().equals("page")) {
                        target = page.path("webSocketDebuggerUrl").asText();
                    }
                }
            } catch (IOException starting) {
                Thread.sleep(200);
            }
        }
        if (target == null) {
            close();
            throw new IOException("Chromium did not open its DevTools port: see " + profile.resolve("chromium.log"));
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(target), new Listener())
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Opens {@code page} at {@code width} px, waits for it to load, then checks it and takes a full-page shot. */
    PageCheck check(Path page, int width) throws Exception {
        send("Runtime.enable", JSON.createObjectNode());
        send("Log.enable", JSON.createObjectNode());
        send("Page.enable", JSON.createObjectNode());
        ObjectNode metrics = JSON.createObjectNode().put("width", width).put("height", 900)
                .put("deviceScaleFactor", 1).put("mobile", false);
        send("Emulation.setDeviceMetricsOverride", metrics);
        send("Page.navigate", JSON.createObjectNode().put("url", page.toUri().toString()));
        String ready = "new Promise(r => { const done = () => Promise.all(Array.from(document.images, i => "
                + "i.complete ? null : new Promise(d => { i.onload = d; i.onerror = d; }))).then(() => r(true)); "
                + "document.readyState === 'complete' ? done() : window.addEventListener('load', done); })";
        evaluate(ready);
        JsonNode images = JSON.readTree(evaluate("JSON.stringify(Array.from(document.images, i => "
                + "[i.getAttribute('src'), i.complete && i.naturalWidth > 0]))").asText());
        Map<String, Boolean> decoded = new java.util.LinkedHashMap<>();
        images.forEach(i -> decoded.put(i.get(0).asText(), i.get(1).asBoolean()));
        int height = evaluate("document.documentElement.scrollHeight").asInt();
        metrics.put("height", Math.min(height, 16_000));
        send("Emulation.setDeviceMetricsOverride", metrics);
        JsonNode shot = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        return new PageCheck(List.copyOf(errors), decoded, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    private JsonNode evaluate(String expression) throws Exception {
        JsonNode result = send("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("awaitPromise", true).put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("evaluating in the page failed: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    private JsonNode send(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(message.toString(), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Collects replies by id, console errors and exceptions; a message may come in several fragments. */
    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                handle(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String text) {
            try {
                JsonNode message = JSON.readTree(text);
                if (message.has("id")) {
                    CompletableFuture<JsonNode> reply = pending.remove(message.path("id").asInt());
                    if (reply != null) {
                        reply.complete(message.path("result"));
                    }
                    return;
                }
                String method = message.path("method").asText();
                JsonNode params = message.path("params");
                if (method.equals("Runtime.exceptionThrown")) {
                    errors.add("exception: " + params.path("exceptionDetails").path("text").asText());
                } else if (method.equals("Runtime.consoleAPICalled") && params.path("type").asText().equals("error")) {
                    errors.add("console.error: " + params.path("args").toString());
                } else if (method.equals("Log.entryAdded")
                        && params.path("entry").path("level").asText().equals("error")) {
                    errors.add("log: " + params.path("entry").path("text").asText() + " "
                            + params.path("entry").path("url").asText());
                }
            } catch (IOException e) {
                errors.add("unreadable DevTools message: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
