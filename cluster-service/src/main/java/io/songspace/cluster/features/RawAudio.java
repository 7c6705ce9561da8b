package io.songspace.cluster.features;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.events.RunSpec;
import io.songspace.common.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The standardized MFCC-40 as they are: the study's {@code Raw_audio} rows. */
@ApplicationScoped
public class RawAudio implements FeatureSource {

    public static final String ID = "raw";

    @Override
    public int order() {
        return 0;
    }

    @Override
    public List<FeatureSet> load(ObjectStore store, String runId, RunSpec spec) {
        double[][] x = store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.STANDARDIZED)).toMatrix();
        return List.of(new FeatureSet(ID, "Raw_audio", null, x, null, false));
    }
}
