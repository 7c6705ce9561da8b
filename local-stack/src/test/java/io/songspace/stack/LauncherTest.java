package io.songspace.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void demoOptionsBecomeARunSpec() throws Exception {
        Map<String, String> opts = Launcher.options(new String[] {"demo", "--tracks-per-genre", "12", "--corrupt", "2", "--seed", "9"});
        JsonNode spec = JSON.readTree(Launcher.demoSpec(opts));
        assertEquals("demo", spec.path("dataset").path("type").asText());
        assertEquals(12, spec.path("dataset").path("tracksPerGenre").asInt());
        assertEquals(2, spec.path("dataset").path("corruptTracks").asInt());
        assertEquals(50, spec.path("training").path("epochs").asInt());
        assertEquals(9, spec.path("seed").asLong());
    }

    @Test
    void positionalArgumentsAndMissingValues() {
        assertEquals("spec.json", Launcher.options(new String[] {"run", "spec.json"}).get("_1"));
        assertThrows(IllegalArgumentException.class, () -> Launcher.options(new String[] {"demo", "--epochs"}));
    }

    @Test
    void progressLinesFollowTheRunningStage() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), false);
        bar.show(JSON.readTree("""
                {"state":"RUNNING","progress":0.25,"stages":[{"stage":"MANIFEST","status":"COMPLETED"},
                 {"stage":"FEATURES","status":"RUNNING","done":12,"total":40,"message":null}]}"""));
        bar.show(JSON.readTree("""
                {"state":"COMPLETED","progress":1.0,"stages":[{"stage":"REPORT","status":"COMPLETED"}]}"""));
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, buf::toString);
        assertTrue(lines[0].startsWith("[########------") && lines[0].contains(" 25% RUNNING   FEATURES 12/40"), lines[0]);
        assertTrue(lines[1].contains("100% COMPLETED"), lines[1]);
    }
}
