package io.songspace.feature.audio;

/**
 * The MFCC features of one track.
 *
 * @param mfcc40 the 20 per-coefficient means over frames, then the 20 population standard deviations
 * @param patch  the first {@link MfccExtractor#PATCH_FRAMES} frames of the 20 coefficients, row-major
 *               (coefficient × frame, 20×128), zero-padded when the track has fewer frames
 * @param frames the number of STFT frames of the track ({@code 1 + samples / 512})
 */
public record MfccFeatures(float[] mfcc40, float[] patch, int frames) {

    public MfccFeatures {
        if (mfcc40.length != 2 * MfccExtractor.N_MFCC) {
            throw new IllegalArgumentException("mfcc40 has " + mfcc40.length + " values");
        }
        if (patch.length != MfccExtractor.N_MFCC * MfccExtractor.PATCH_FRAMES) {
            throw new IllegalArgumentException("patch has " + patch.length + " values");
        }
    }
}
