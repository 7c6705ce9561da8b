package io.songspace.trainer.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import io.songspace.common.natives.NativeLibraryAudit;
import io.songspace.common.npy.NpyArray;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Training opens no system library that the list lacks: PyTorch's natives come from Maven Central and DJL unpacks
 * them under the user's home; what they open by name (GPU probes) is either absent or listed.
 */
class NativeLibrariesTest {

    @Test
    void trainingOpensOnlyListedLibraries() throws Exception {
        assertEquals(List.of(), NativeLibraryAudit.unlisted(Exercise.class), "opened but not in the list");
    }

    /**
     * Two epochs of the VAE on 64 random 40-d rows and one of the ConvVAE on 8 random 20×128 patches (convolutions
     * and upsampling), on the CPU with one thread.
     */
    public static final class Exercise {
        public static void main(String[] args) {
            TorchRuntime.start(1);
            SplittableRandom random = new SplittableRandom(3);
            float[] data = new float[64 * 40];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextGaussian();
            }
            new VaeTrainer(Device.cpu()).train("vae", NpyArray.ofFloats(data, 64, 40),
                    new VaeSettings(8, 2, 32, 1e-3f, 1f, 3), (epoch, total) -> { });
            float[] patches = new float[8 * 20 * 128];
            for (int i = 0; i < patches.length; i++) {
                patches[i] = (float) random.nextGaussian();
            }
            new VaeTrainer(Device.cpu()).train("conv_vae", new ConvVaeBlock(8), NpyArray.ofFloats(patches, 8, 20, 128),
                    new VaeSettings(8, 1, 4, 1e-3f, 1f, 3), (epoch, total) -> { });
        }
    }
}
