package io.songspace.cluster.features;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.events.RunSpec;
import io.songspace.common.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The text stage's sets, when the run has text: the text vectors as they are ({@code Text_only}) and the z-scored
 * audio beside the z-scored text ({@code Audio+Text_concat}).
 */
@ApplicationScoped
public class TextFeatures implements FeatureSource {

    public static final String TEXT_ONLY = "text";
    public static final String AUDIO_TEXT = "audio_text";

    @Override
    public int order() {
        return 2;
    }

    @Override
    public List<FeatureSet> load(ObjectStore store, String runId, RunSpec spec) {
        if (!spec.textEnabled()) {
            return List.of();
        }
        double[][] text = store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.TEXT)).toMatrix();
        double[][] audioText = store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.AUDIO_TEXT)).toMatrix();
        return List.of(new FeatureSet(TEXT_ONLY, "Text_only", null, text, null, false),
                new FeatureSet(AUDIO_TEXT, "Audio+Text_concat", null, audioText, null, false));
    }
}
