package io.songspace.feature.dataset;

import io.songspace.common.artifacts.ManifestEntry;
import java.util.List;

/**
 * A run's collection: its manifest and, for a table dataset, the precomputed features (null when the tracks'
 * audio is to be decoded and featurised).
 */
public record ResolvedDataset(List<ManifestEntry> manifest, FeatureTable table) {

    public boolean needsAudio() {
        return table == null;
    }
}
