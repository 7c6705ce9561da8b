package io.songspace.feature.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.songspace.common.artifacts.ManifestEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureMatrixWriterTest {

    @Test
    void labelNamesFollowTheSpecElseAlphabeticalOrder() {
        List<ManifestEntry> m = List.of(entry("1", "Rock"), entry("2", "Folk"), entry("3", null), entry("4", "Rock"));
        assertEquals(List.of("Folk", "Rock"), FeatureMatrixWriter.labelNames(null, m));
        assertEquals(List.of("Rock", "Folk", "Pop"), FeatureMatrixWriter.labelNames(List.of("Rock", "Folk", "Pop"), m));
        assertEquals(40, FeatureMatrixWriter.MFCC_COLUMNS.size());
        assertEquals("std_c19", FeatureMatrixWriter.MFCC_COLUMNS.getLast());
    }

    private static ManifestEntry entry(String id, String label) {
        return new ManifestEntry(id, label, null, null, List.of(), null, null, null);
    }
}
