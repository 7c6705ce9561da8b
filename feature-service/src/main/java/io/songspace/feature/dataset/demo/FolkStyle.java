package io.songspace.feature.dataset.demo;

import static io.songspace.feature.dataset.demo.GenreStyle.between;
import static io.songspace.feature.dataset.demo.GenreStyle.betweenF;
import static io.songspace.feature.dataset.demo.GenreStyle.chance;
import static io.songspace.feature.dataset.demo.GenreStyle.oneOf;

import java.util.Random;

/**
 * Acoustic folk: Karplus–Strong plucked strings, fingerpicked or gently strummed, often in 3/4, mostly major keys,
 * sometimes with a fiddle or flute line with vibrato; no drum kit, at most a shaker or a soft foot stomp. A few
 * tracks add a quiet synth pad (pop).
 */
final class FolkStyle implements GenreStyle {

    private static final int[][] MAJOR_PROGRESSIONS = {{0, 3, 4, 0}, {0, 5, 3, 4}, {0, 4, 5, 3}, {0, 3, 0, 4}};
    private static final int[][] MINOR_PROGRESSIONS = {{0, 5, 6, 4}, {0, 3, 6, 0}, {0, 6, 5, 4}};
    /** Which chord tone each eighth note picks (0 = bass), for 3/4 and 4/4. */
    private static final int[][] PICKING_3 = {{0, 2, 1, 2, 3, 2}, {0, 1, 2, 3, 2, 1}, {0, 3, 2, 3, 1, 3}};
    private static final int[][] PICKING_4 = {{0, 2, 1, 3, 0, 2, 1, 3}, {0, 3, 2, 3, 1, 3, 2, 3}, {0, 1, 2, 3, 0, 1, 2, 1}};

    @Override
    public float[] render(Random rng) {
        int n = Dsp.CLIP_SAMPLES;
        boolean waltz = chance(rng, 0.55);
        double bpm = waltz ? between(rng, 84, 120) : between(rng, 70, 105);
        Grid grid = new Grid(bpm, waltz ? 12 : 16, between(rng, 0, 0.15));
        Dsp.Noise noise = new Dsp.Noise(rng.nextInt());
        boolean major = chance(rng, 0.7);
        int[] scale = major ? Harmony.MAJOR : Harmony.MINOR;
        int root = 40 + rng.nextInt(10);
        int[] progression = oneOf(rng, major ? MAJOR_PROGRESSIONS : MINOR_PROGRESSIONS);
        int[] picking = oneOf(rng, waltz ? PICKING_3 : PICKING_4);
        boolean strum = chance(rng, 0.4);
        float brightness = betweenF(rng, 0.35, 0.9);
        float damping = betweenF(rng, 0.993, 0.998);

        float[] strings = new float[n];
        float[] extra = new float[n];
        int eighths = grid.stepsPerBar() / 2;
        for (int bar = 0; bar < grid.bars(); bar++) {
            int degree = progression[bar % progression.length];
            int bass = Harmony.degree(scale, root, degree);
            int[] chord = Harmony.chord(scale, root + 12, degree, 3);
            int[] tones = {bass, chord[0], chord[1], chord[2]};
            if (strum) {
                for (int beat = 0; beat < eighths / 2; beat++) {
                    boolean down = beat % 2 == 0;
                    int at = grid.at(bar, beat * 4);
                    int gap = Dsp.samples(between(rng, 0.012, 0.03));
                    for (int k = 0; k < tones.length; k++) {
                        int tone = tones[down ? k : tones.length - 1 - k];
                        Dsp.pluck(strings, at + k * gap, Dsp.samples(1.4), Dsp.hz(tone), down ? 0.45f : 0.3f,
                                brightness, damping, noise);
                    }
                }
            } else {
                for (int e = 0; e < eighths; e++) {
                    int tone = tones[picking[e % picking.length]];
                    Dsp.pluck(strings, grid.at(bar, e * 2), Dsp.samples(1.6), Dsp.hz(tone), 0.6f, brightness,
                            damping, noise);
                }
            }
        }

        if (chance(rng, 0.5)) {
            melody(extra, rng, grid, scale, root + 24);
        }
        if (chance(rng, 0.35)) {
            float[] shaker = Dsp.noiseHit(noise, 1f, 0.9f, 30, 0.1, 0, 0);
            for (int bar = 0; bar < grid.bars(); bar++) {
                for (int step = 0; step < grid.stepsPerBar(); step += 2) {
                    Dsp.hit(extra, grid.at(bar, step), shaker, step % 4 == 0 ? 0.06f : 0.1f);
                }
            }
        }
        if (chance(rng, 0.2)) {
            float[] stomp = Dsp.kick(90, 45, 20, 14, 0.3);
            for (int bar = 0; bar < grid.bars(); bar++) {
                Dsp.hit(extra, grid.at(bar, 0), stomp, 0.3f);
            }
        }
        float[] mix = new float[n];
        Dsp.mix(mix, strings, 1f);
        Dsp.mix(mix, extra, betweenF(rng, 0.5, 1.0));
        if (chance(rng, 0.08)) {
            Dsp.mix(mix, PopStyle.pad(rng, grid, scale, root + 24, progression), betweenF(rng, 0.1, 0.2));
        }
        return mix;
    }

    /** A fiddle or flute line: scale notes of one to four beats with vibrato, stepwise most of the time. */
    private static void melody(float[] out, Random rng, Grid grid, int[] scale, int root) {
        double vibratoHz = between(rng, 4.5, 6.5);
        double vibratoDepth = between(rng, 0.1, 0.35);
        float level = betweenF(rng, 0.15, 0.3);
        int degree = rng.nextInt(5);
        int totalSteps = grid.bars() * grid.stepsPerBar();
        int step = grid.stepsPerBar() * (1 + rng.nextInt(2));
        while (step < totalSteps) {
            int beats = 1 + rng.nextInt(4);
            int at = grid.at(step / grid.stepsPerBar(), step % grid.stepsPerBar());
            if (!chance(rng, 0.15)) {
                Dsp.sing(out, at, grid.length(beats * 4), Dsp.hz(Harmony.degree(scale, root, degree)), level,
                        Dsp.samples(0.08), vibratoHz, vibratoDepth);
            }
            degree = Math.max(0, Math.min(9, degree + rng.nextInt(5) - 2));
            step += beats * 4;
        }
    }
}
