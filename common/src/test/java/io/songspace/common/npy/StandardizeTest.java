package io.songspace.common.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class StandardizeTest {

    @Test
    void standardizesColumnsToPopulationStdAndOnlyCentresConstantOnes() {
        // 3 rows × 2 columns: column 0 = 1, 2, 3 (mean 2, population std sqrt(2/3)); column 1 constant 5
        float[] out = Standardize.columns(new float[] {1, 5, 2, 5, 3, 5}, 3, 2);
        float s = (float) (1 / Math.sqrt(2.0 / 3));
        assertArrayEquals(new float[] {-s, 0, 0, 0, s, 0}, out, 1e-6f);
    }
}
