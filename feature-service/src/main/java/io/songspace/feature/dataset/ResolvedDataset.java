package io.songspace.feature.dataset;

import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.artifacts.SkippedTrack;
import java.util.List;

/**
 * A run's collection: its manifest; for a table dataset, the precomputed features (null when the tracks' audio is
 * to be decoded and featurised); and the manifest tracks already known to be unusable, with the reason (they are
 * recorded as skipped before any audio is read).
 */
public record ResolvedDataset(List<ManifestEntry> manifest, FeatureTable table, List<SkippedTrack> unusable) {

    public boolean needsAudio() {
        return table == null;
    }
}
