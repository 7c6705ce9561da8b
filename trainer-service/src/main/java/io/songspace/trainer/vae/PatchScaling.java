package io.songspace.trainer.vae;

import io.songspace.common.npy.NpyArray;

/**
 * The study's scaling of MFCC patches for the ConvVAE: one global mean and one global (population) standard
 * deviation over every value of every patch, x' = (x − mean) / (std + 1e-8). Statistics are computed in double
 * precision from input of any dtype; the result is float32 with the input's shape.
 */
public record PatchScaling(double mean, double std) {

    /** Added to the standard deviation, as in the study, so constant input does not divide by zero. */
    public static final double EPSILON = 1e-8;

    public PatchScaling {
        if (!Double.isFinite(mean) || !(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("mean " + mean + ", std " + std);
        }
    }

    /** The global mean and population standard deviation of all values of an array of any shape and dtype. */
    public static PatchScaling fit(NpyArray patches) {
        int n = patches.size();
        if (n == 0) {
            throw new IllegalArgumentException("no patch values");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += patches.get(i);
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = patches.get(i) - mean;
            squares += d * d;
        }
        return new PatchScaling(mean, Math.sqrt(squares / n));
    }

    /** {@link #fit} then {@link #apply}: patches z-scored by their own global mean and std. */
    public static NpyArray standardize(NpyArray patches) {
        return fit(patches).apply(patches);
    }

    /** (x − mean) / (std + 1e-8) for every value, as float32; the shape is kept. */
    public NpyArray apply(NpyArray patches) {
        int n = patches.size();
        float[] scaled = new float[n];
        double divisor = std + EPSILON;
        for (int i = 0; i < n; i++) {
            scaled[i] = (float) ((patches.get(i) - mean) / divisor);
        }
        return NpyArray.ofFloats(scaled, patches.shape());
    }
}
