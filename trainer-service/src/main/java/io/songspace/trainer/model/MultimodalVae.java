package io.songspace.trainer.model;

import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.events.ModelSpec;
import io.songspace.common.npy.NpyArray;
import io.songspace.trainer.vae.MultimodalVaeBlock;
import io.songspace.trainer.vae.VaeNetwork;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The study's multimodal VAE on the standardized MFCC-40 and the standardized text vectors of the same tracks: the
 * training input is one float32 N×(A+T) matrix [audio | text], which {@link MultimodalVaeBlock} splits again.
 */
@ApplicationScoped
public class MultimodalVae implements Architecture {

    @Override
    public String name() {
        return ModelSpec.MULTIMODAL_VAE;
    }

    @Override
    public List<String> inputs() {
        return List.of(FeatureFiles.STANDARDIZED, FeatureFiles.TEXT_STANDARDIZED);
    }

    /** Each track's audio row followed by its text row. */
    @Override
    public NpyArray input(Map<String, NpyArray> features) {
        NpyArray audio = matrix(features, FeatureFiles.STANDARDIZED);
        NpyArray text = matrix(features, FeatureFiles.TEXT_STANDARDIZED);
        int rows = audio.shape()[0];
        if (text.shape()[0] != rows) {
            throw new IllegalArgumentException(FeatureFiles.STANDARDIZED + " has " + rows + " rows but "
                    + FeatureFiles.TEXT_STANDARDIZED + " has " + text.shape()[0]
                    + ": the multimodal VAE needs one audio and one text row per track");
        }
        int audioDim = audio.shape()[1];
        int textDim = text.shape()[1];
        int width = audioDim + textDim;
        float[] rowsSideBySide = new float[rows * width];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(audio.floats(), i * audioDim, rowsSideBySide, i * width, audioDim);
            System.arraycopy(text.floats(), i * textDim, rowsSideBySide, i * width + audioDim, textDim);
        }
        return NpyArray.ofFloats(rowsSideBySide, rows, width);
    }

    @Override
    public VaeNetwork network(Map<String, NpyArray> features, ModelSpec model) {
        return new MultimodalVaeBlock(matrix(features, FeatureFiles.STANDARDIZED).shape()[1],
                matrix(features, FeatureFiles.TEXT_STANDARDIZED).shape()[1], model.latentDim());
    }

    /** The float32 N×D matrix {@code file}, or why it is not one. */
    private static NpyArray matrix(Map<String, NpyArray> features, String file) {
        NpyArray array = features.get(file);
        if (array == null) {
            throw new IllegalArgumentException("the multimodal VAE reads " + file + ", which is missing");
        }
        if (array.floats() == null || array.shape().length != 2) {
            throw new IllegalArgumentException(file + " must be a float32 N×D matrix, got shape "
                    + Arrays.toString(array.shape()) + (array.floats() == null ? " (not float32)" : ""));
        }
        return array;
    }
}
