package io.songspace.cluster.features;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.ModelSpec;
import io.songspace.common.events.RunSpec;
import io.songspace.common.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Each model's latent means ({@code latents/{id}.npy}), with their log-variances for the disentanglement table. */
@ApplicationScoped
public class ModelLatents implements FeatureSource {

    @Override
    public int order() {
        return 3;
    }

    @Override
    public List<FeatureSet> load(ObjectStore store, String runId, RunSpec spec) {
        List<FeatureSet> sets = new ArrayList<>();
        for (ModelSpec model : spec.models()) {
            double[][] mu = store.getNpy(ArtifactKeys.latents(runId, model.id())).toMatrix();
            String logVarKey = ArtifactKeys.latentLogVars(runId, model.id());
            double[][] logVar = store.exists(logVarKey) ? store.getNpy(logVarKey).toMatrix() : null;
            sets.add(new FeatureSet(model.id(), model.methodName(), model.id(), mu, logVar, false));
        }
        return sets;
    }
}
