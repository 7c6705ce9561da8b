package io.songspace.trainer.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.songspace.common.npy.NpyArray;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PatchScalingTest {

    @Test
    void usesTheGlobalMeanAndPopulationStd() {
        NpyArray patches = NpyArray.ofFloats(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
        PatchScaling scaling = PatchScaling.fit(patches);
        assertEquals(4.5, scaling.mean(), 1e-12);
        assertEquals(Math.sqrt(42.0 / 8), scaling.std(), 1e-12); // Σ (x − 4.5)² = 42, divided by n (ddof 0)
        NpyArray scaled = PatchScaling.standardize(patches);
        assertArrayEquals(new int[] {2, 2, 2}, scaled.shape());
        for (int i = 0; i < 8; i++) {
            assertEquals((i + 1 - 4.5) / (Math.sqrt(42.0 / 8) + 1e-8), scaled.floats()[i], 1e-6);
        }
    }

    @Test
    void scaledPatchesHaveZeroMeanAndUnitStd() {
        Random random = new Random(17);
        int n = 40 * 20 * 128;
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (-7 + 3 * random.nextGaussian() + (i % 128) * 0.01);
        }
        NpyArray scaled = PatchScaling.standardize(NpyArray.ofFloats(values, 40, 20, 128));
        PatchScaling after = PatchScaling.fit(scaled);
        assertEquals(0, after.mean(), 1e-6);
        assertEquals(1, after.std(), 1e-6);
    }

    @Test
    void appliesStoredStatisticsToOtherPatchesAndAcceptsFloat64() {
        PatchScaling scaling = new PatchScaling(2, 4);
        NpyArray scaled = scaling.apply(NpyArray.ofDoubles(new double[] {2, 6, -2}, 1, 3));
        assertArrayEquals(new float[] {0f, (float) (4 / (4 + 1e-8)), (float) (-4 / (4 + 1e-8))}, scaled.floats());
    }

    @Test
    void constantPatchesBecomeZeros() {
        NpyArray scaled = PatchScaling.standardize(NpyArray.ofFloats(new float[] {3, 3, 3, 3}, 1, 2, 2));
        assertArrayEquals(new float[4], scaled.floats());
    }
}
