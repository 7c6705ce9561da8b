package io.songspace.trainer.model;

import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.events.ModelSpec;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.registry.Named;
import io.songspace.trainer.vae.VaeNetwork;
import java.util.List;
import java.util.Map;

/**
 * An architecture the trainer builds by name ({@link ModelSpec#architecture()}), in the manner of DJL's
 * {@code BlockFactory}: the feature files it reads, how it turns them into its training input, and its network.
 * One class per architecture, a CDI bean: {@link Architectures} finds every one, so a new architecture is one new
 * class.
 */
public interface Architecture extends Named {

    /** The name a model spec uses ({@code vae}, {@code conv_vae}, {@code multimodal_vae}). */
    @Override
    String name();

    /** The files under {@code features/} it reads ({@code FeatureFiles} names), in the order {@link #input} takes. */
    List<String> inputs();

    /** Whether it reads a file of the text stage: it can train only once the run's text sets exist. */
    default boolean readsText() {
        return inputs().stream().anyMatch(FeatureFiles.TEXT_STAGE::contains);
    }

    /** The training input (float32, one row or sample per track) made of the files of {@link #inputs}. */
    NpyArray input(Map<String, NpyArray> features);

    /**
     * A fresh, uninitialised network for the files of {@link #inputs} (their widths size it: the training input
     * alone may not say where one file's columns end) and the model's latent size.
     */
    VaeNetwork network(Map<String, NpyArray> features, ModelSpec model);
}
