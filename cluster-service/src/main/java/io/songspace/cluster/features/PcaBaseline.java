package io.songspace.cluster.features;

import io.songspace.cluster.analysis.PcaFeatures;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.events.RunSpec;
import io.songspace.common.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The standardized MFCC-40 projected on as many principal components as the latent size: {@code PCA_baseline}. */
@ApplicationScoped
public class PcaBaseline implements FeatureSource {

    public static final String ID = "pca";

    @Override
    public int order() {
        return 1;
    }

    @Override
    public List<FeatureSet> load(ObjectStore store, String runId, RunSpec spec) {
        double[][] x = store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.STANDARDIZED)).toMatrix();
        PcaFeatures pca = PcaFeatures.fit(x, spec.training().latentDim());
        return List.of(new FeatureSet(ID, "PCA_baseline", null, pca.features(), null, true));
    }
}
