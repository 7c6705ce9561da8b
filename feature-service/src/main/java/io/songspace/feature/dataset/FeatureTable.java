package io.songspace.feature.dataset;

import io.songspace.common.artifacts.SkippedTrack;
import java.util.List;

/**
 * Precomputed features read from a table: the feature column names, one row of values per usable track (in
 * manifest order) and the tracks whose row could not be used, with the reason.
 */
public record FeatureTable(List<String> columns, List<Row> rows, List<SkippedTrack> skipped) {

    public record Row(String trackId, float[] values) {
    }
}
