package io.songspace.common.npy;

/** Column standardization as scikit-learn's StandardScaler does it, for the pipeline's float32 matrices. */
public final class Standardize {

    private Standardize() {
    }

    /**
     * Each column of a row-major n×dim matrix to mean 0 and population standard deviation 1 (computed in double);
     * a constant column is only centred, as StandardScaler does.
     */
    public static float[] columns(float[] raw, int n, int dim) {
        float[] out = new float[raw.length];
        for (int c = 0; c < dim; c++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += raw[i * dim + c];
            }
            double mean = sum / n;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double d = raw[i * dim + c] - mean;
                squares += d * d;
            }
            double std = Math.sqrt(squares / n);
            double scale = std > 0 ? std : 1;
            for (int i = 0; i < n; i++) {
                out[i * dim + c] = (float) ((raw[i * dim + c] - mean) / scale);
            }
        }
        return out;
    }
}
