package io.songspace.common.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingHistoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEpochWithoutPartsWritesNoPartsAndReadsBackEqual() throws Exception {
        TrainingHistory history = new TrainingHistory("vae", 1.0, "cpu",
                List.of(new TrainingHistory.Epoch(1, 3.0, 2.0, 1.0, 12.5, 0)), 0.1);
        String written = JSON.writeValueAsString(history);
        assertFalse(written.contains("parts"), written);
        assertEquals(history, JSON.readValue(written, TrainingHistory.class));
    }

    @Test
    void partsKeepTheirOrderThroughJson() throws Exception {
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("text", 4.0);
        parts.put("audio", 2.0);
        TrainingHistory.Epoch epoch = new TrainingHistory.Epoch(2, 4.5, 3.0, 1.5, 10, 1, parts);
        String written = JSON.writeValueAsString(epoch);
        assertTrue(written.contains("\"parts\":{\"text\":4.0,\"audio\":2.0}"), written);
        TrainingHistory.Epoch read = JSON.readValue(written, TrainingHistory.Epoch.class);
        assertEquals(epoch, read);
        assertEquals(List.of("text", "audio"), List.copyOf(read.parts().keySet()));
    }

    @Test
    void historiesWrittenBeforePartsExistedReadWithNoParts() throws Exception {
        TrainingHistory.Epoch read = JSON.readValue("""
                {"epoch":1,"total":3.0,"reconstruction":2.0,"kl":1.0,"millis":5.0,"skippedBatches":0}""",
                TrainingHistory.Epoch.class);
        assertEquals(Map.of(), read.parts());
    }
}
