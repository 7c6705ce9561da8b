package io.songspace.feature.dataset.demo;

import static io.songspace.feature.dataset.demo.GenreStyle.between;
import static io.songspace.feature.dataset.demo.GenreStyle.betweenF;
import static io.songspace.feature.dataset.demo.GenreStyle.chance;

import java.util.Random;

/**
 * Experimental: no tempo grid. Drones (slow FM tones), sweeping filtered-noise textures, clicks at random (Poisson)
 * times, metallic FM events with inharmonic ratios, stuttered glitches; some tracks carry an irregular kick
 * (the nearest any of them gets to a beat) or plucked fragments.
 */
final class ExperimentalStyle implements GenreStyle {

    @Override
    public float[] render(Random rng) {
        int n = Dsp.CLIP_SAMPLES;
        Dsp.Noise noise = new Dsp.Noise(rng.nextInt());
        float[] mix = new float[n];
        boolean drone = chance(rng, 0.7);
        boolean texture = chance(rng, 0.7) || !drone;
        if (drone) {
            int voices = 1 + rng.nextInt(3);
            for (int v = 0; v < voices; v++) {
                Dsp.fm(mix, 0, n, between(rng, 40, 220), between(rng, 0.5, 3.7), betweenF(rng, 0.5, 4),
                        betweenF(rng, 0.2, 0.4), Dsp.samples(between(rng, 2, 6)), between(rng, 0.0, 0.05));
            }
        }
        if (texture) {
            int at = 0;
            while (at < n) {
                int len = Dsp.samples(between(rng, 1, 6));
                if (!chance(rng, 0.2)) {
                    Dsp.noiseSweep(mix, at, len, betweenF(rng, 0.2, 0.8), betweenF(rng, 0.02, 0.9),
                            betweenF(rng, 0.02, 0.9), Dsp.samples(0.3), noise);
                }
                at += len;
            }
        }
        if (chance(rng, 0.75)) {
            clicks(mix, rng, noise);
        }
        if (chance(rng, 0.6)) {
            int events = 5 + rng.nextInt(20);
            for (int e = 0; e < events; e++) {
                Dsp.fm(mix, rng.nextInt(n), Dsp.samples(between(rng, 0.1, 3)), between(rng, 100, 2000),
                        between(rng, 1.1, 7.3), betweenF(rng, 1, 8), betweenF(rng, 0.1, 0.4), Dsp.samples(0.005),
                        between(rng, 1, 10));
            }
        }
        if (chance(rng, 0.15)) {
            float[] kick = Dsp.kick(between(rng, 80, 160), 45, 25, 8, 0.4);
            for (int at = rng.nextInt(Dsp.RATE); at < n; at += Dsp.samples(between(rng, 0.2, 1.1))) {
                Dsp.hit(mix, at, kick, betweenF(rng, 0.4, 0.9));
            }
        }
        if (chance(rng, 0.1)) {
            for (int k = 0; k < 20; k++) {
                Dsp.pluck(mix, rng.nextInt(n), Dsp.samples(1.2), between(rng, 110, 660), 0.4f, 0.7f, 0.995f, noise);
            }
        }
        if (chance(rng, 0.35)) {
            stutter(mix, rng);
        }
        return mix;
    }

    /** Clicks at Poisson-distributed times: single-sample impulses or tiny noise bursts. */
    private static void clicks(float[] mix, Random rng, Dsp.Noise noise) {
        double rate = between(rng, 0.5, 10);
        double t = 0;
        while (true) {
            t += -StrictMath.log(1 - rng.nextDouble()) / rate;
            int at = Dsp.samples(t);
            int len = 1 + rng.nextInt(40);
            if (at + len >= mix.length) {
                return;
            }
            float amp = betweenF(rng, 0.2, 0.9) * (rng.nextBoolean() ? 1 : -1);
            for (int k = 0; k < len; k++) {
                mix[at + k] += len == 1 ? amp : amp * noise.next();
            }
        }
    }

    /** Glitches: short slices of the mix repeated several times somewhere else. */
    private static void stutter(float[] mix, Random rng) {
        int glitches = 2 + rng.nextInt(6);
        for (int g = 0; g < glitches; g++) {
            int len = Dsp.samples(between(rng, 0.02, 0.12));
            int from = rng.nextInt(mix.length - len);
            float[] slice = java.util.Arrays.copyOfRange(mix, from, from + len);
            int to = rng.nextInt(mix.length);
            int repeats = 3 + rng.nextInt(10);
            for (int r = 0; r < repeats && to + len < mix.length; r++, to += len) {
                System.arraycopy(slice, 0, mix, to, len);
            }
        }
    }
}
