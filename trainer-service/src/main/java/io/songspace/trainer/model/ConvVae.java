package io.songspace.trainer.model;

import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.events.ModelSpec;
import io.songspace.common.npy.NpyArray;
import io.songspace.trainer.vae.ConvVaeBlock;
import io.songspace.trainer.vae.PatchScaling;
import io.songspace.trainer.vae.VaeNetwork;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** The convolutional VAE on the 20×128 MFCC patches, z-scored by the global mean and std of all patches. */
@ApplicationScoped
public class ConvVae implements Architecture {

    @Override
    public String name() {
        return ModelSpec.CONV_VAE;
    }

    @Override
    public List<String> inputs() {
        return List.of(FeatureFiles.PATCHES);
    }

    @Override
    public NpyArray input(Map<String, NpyArray> features) {
        return PatchScaling.standardize(features.get(FeatureFiles.PATCHES));
    }

    @Override
    public VaeNetwork network(Map<String, NpyArray> features, ModelSpec model) {
        return new ConvVaeBlock(model.latentDim());
    }
}
