package io.songspace.text.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.songspace.common.npy.NpyArray;
import io.songspace.text.document.TextSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HybridSetsTest {

    /** Two audio rows (a third track was skipped by the audio stage and has text only). */
    private static final NpyArray AUDIO = NpyArray.ofFloats(new float[] {1, -1, -1, 1}, 2, 2);

    @Test
    void textRowsFollowTheAudioRowsAndAreZScoredBesideTheAudio() {
        Map<String, float[]> vectors = Map.of("a", new float[] {1, 5, 0}, "b", new float[] {3, 5, 1},
                "skipped", new float[] {100, 100, 100});
        HybridSets sets = HybridSets.assemble(List.of("b", "a"), AUDIO, vectors,
                Map.of("a", TextSource.LYRICS, "b", TextSource.METADATA, "skipped", TextSource.LYRICS));
        assertArrayEquals(new int[] {2, 3}, sets.text().shape());
        assertArrayEquals(new float[] {3, 5, 1, 1, 5, 0}, sets.text().floats());
        // column 0: 3, 1 → +1, −1; column 1 constant → 0; column 2: 1, 0 → +1, −1
        assertArrayEquals(new float[] {1, 0, 1, -1, 0, -1}, sets.textStandardized().floats(), 1e-6f);
        assertArrayEquals(new int[] {2, 5}, sets.audioText().shape());
        assertArrayEquals(new float[] {1, -1, 1, 0, 1, -1, 1, -1, 0, -1}, sets.audioText().floats(), 1e-6f);
        assertEquals(List.of(TextSource.METADATA, TextSource.LYRICS), sets.sources());
        assertEquals(Map.of(TextSource.LYRICS, 1, TextSource.METADATA, 1, TextSource.FILENAME, 0, TextSource.NONE, 0),
                sets.sourceCounts());
    }

    @Test
    void anAudioRowWithoutTextIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HybridSets.assemble(
                List.of("a", "b"), AUDIO, Map.of("a", new float[] {1}), Map.of()));
        assertEquals("track b has audio features but no text vector", e.getMessage());
    }
}
