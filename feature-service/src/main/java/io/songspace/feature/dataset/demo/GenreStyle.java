package io.songspace.feature.dataset.demo;

import java.util.Random;

/** How one demo genre sounds: renders a 30 s mono mix whose every choice (tempo, key, levels…) comes from rng. */
interface GenreStyle {

    /** An unnormalised mono mix of {@link Dsp#CLIP_SAMPLES} samples at {@link Dsp#RATE}. */
    float[] render(Random rng);

    static double between(Random rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    static float betweenF(Random rng, double lo, double hi) {
        return (float) between(rng, lo, hi);
    }

    static boolean chance(Random rng, double p) {
        return rng.nextDouble() < p;
    }

    static int[] oneOf(Random rng, int[][] options) {
        return options[rng.nextInt(options.length)];
    }
}
