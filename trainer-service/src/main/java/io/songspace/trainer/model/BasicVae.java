package io.songspace.trainer.model;

import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.events.ModelSpec;
import io.songspace.common.npy.NpyArray;
import io.songspace.trainer.vae.VaeBlock;
import io.songspace.trainer.vae.VaeNetwork;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The study's Basic VAE on the standardized MFCC-40; with β ≠ 1 (the model's {@code beta}) it is the β-VAE of the
 * hard level: the loss weighs KL by β, the network is the same.
 */
@ApplicationScoped
public class BasicVae implements Architecture {

    @Override
    public String name() {
        return ModelSpec.VAE;
    }

    @Override
    public List<String> inputs() {
        return List.of(FeatureFiles.STANDARDIZED);
    }

    @Override
    public NpyArray input(Map<String, NpyArray> features) {
        return features.get(FeatureFiles.STANDARDIZED);
    }

    @Override
    public VaeNetwork network(Map<String, NpyArray> features, ModelSpec model) {
        return new VaeBlock(features.get(FeatureFiles.STANDARDIZED).shape()[1], model.latentDim());
    }
}
