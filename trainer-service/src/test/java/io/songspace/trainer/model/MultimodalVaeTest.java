package io.songspace.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.events.ModelSpec;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.registry.Registry;
import io.songspace.trainer.vae.MultimodalVaeBlock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultimodalVaeTest {

    private static final ModelSpec MODEL = new ModelSpec("multimodal_vae", ModelSpec.MULTIMODAL_VAE, 1.0, 8, 1, 4,
            1e-3);

    private final MultimodalVae architecture = new MultimodalVae();

    @Test
    void readsTheStandardizedAudioAndTextFiles() {
        assertEquals(List.of(FeatureFiles.STANDARDIZED, FeatureFiles.TEXT_STANDARDIZED), architecture.inputs());
    }

    @Test
    void theInputIsEachTracksAudioRowThenItsTextRow() {
        Map<String, NpyArray> features = Map.of(
                FeatureFiles.STANDARDIZED, NpyArray.ofFloats(new float[] {1, 2, 3, 4}, 2, 2),
                FeatureFiles.TEXT_STANDARDIZED, NpyArray.ofFloats(new float[] {5, 6, 7, 8, 9, 10}, 2, 3));
        NpyArray input = architecture.input(features);
        assertArrayEquals(new int[] {2, 5}, input.shape());
        assertArrayEquals(new float[] {1, 2, 5, 6, 7, 3, 4, 8, 9, 10}, input.floats());
        MultimodalVaeBlock network = assertInstanceOf(MultimodalVaeBlock.class, architecture.network(features, MODEL));
        assertEquals(2, network.audioDim());
        assertEquals(3, network.textDim());
        assertEquals(8, network.latentDim());
    }

    @Test
    void rejectsFilesOfDifferentRowCountsNamingBoth() {
        Map<String, NpyArray> features = Map.of(
                FeatureFiles.STANDARDIZED, NpyArray.ofFloats(new float[6], 3, 2),
                FeatureFiles.TEXT_STANDARDIZED, NpyArray.ofFloats(new float[6], 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> architecture.input(features));
        assertEquals("mfcc40_std.npy has 3 rows but text_std.npy has 2: the multimodal VAE needs one audio and one "
                + "text row per track", e.getMessage());
    }

    @Test
    void rejectsTextThatIsNotAFloatMatrix() {
        Map<String, NpyArray> features = Map.of(
                FeatureFiles.STANDARDIZED, NpyArray.ofFloats(new float[4], 2, 2),
                FeatureFiles.TEXT_STANDARDIZED, NpyArray.ofDoubles(new double[6], 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> architecture.input(features));
        assertTrue(e.getMessage().startsWith("text_std.npy must be a float32 N×D matrix"), e.getMessage());
    }

    /** The registry is complete only with it: every name a spec may use has its class. */
    @Test
    void completesTheArchitectureRegistry() {
        Registry<Architecture> registry = Registry.of("architecture",
                List.of(new BasicVae(), new ConvVae(), architecture), ModelSpec.ARCHITECTURES);
        assertInstanceOf(MultimodalVae.class, registry.named(ModelSpec.MULTIMODAL_VAE));
        assertThrows(IllegalStateException.class, () -> Registry.of("architecture",
                List.<Architecture>of(new BasicVae(), new ConvVae()), ModelSpec.ARCHITECTURES));
    }
}
