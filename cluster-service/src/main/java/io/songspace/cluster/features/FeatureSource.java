package io.songspace.cluster.features;

import io.songspace.common.events.RunSpec;
import io.songspace.common.store.ObjectStore;
import java.util.List;

/**
 * Where feature sets come from: the standardized audio features, the PCA baseline, the text stage's sets (when the
 * run has text) and each model's latents. One class per source, a CDI bean; the workflow takes the sets of every
 * source in {@link #order}.
 */
public interface FeatureSource {

    /** Position of this source's sets in the run's rows (the study's order: raw, pca, text, then the models). */
    int order();

    /** This source's feature sets for the run (none when the run has nothing for it). */
    List<FeatureSet> load(ObjectStore store, String runId, RunSpec spec);
}
