package io.songspace.feature.dataset.demo;

import static io.songspace.feature.dataset.demo.GenreStyle.between;
import static io.songspace.feature.dataset.demo.GenreStyle.betweenF;
import static io.songspace.feature.dataset.demo.GenreStyle.chance;
import static io.songspace.feature.dataset.demo.GenreStyle.oneOf;

import java.util.Random;

/**
 * Boom-bap: 80–100 BPM with swing, a deep kick on syncopated steps, a heavy snare on 2 and 4, soft hats, a sine
 * sub bass under the kicks, sparse minor-seventh electric-piano chords, sometimes vinyl crackle. Some tracks borrow
 * a distorted guitar loop (rock) or bright pads (pop).
 */
final class HipHopStyle implements GenreStyle {

    private static final int[][] KICKS = {{0, 7, 10}, {0, 3, 10}, {0, 8, 11}, {0, 6, 10, 14}, {0, 10, 11}};
    private static final int[][] PROGRESSIONS = {{0, 0, 5, 4}, {0, 3, 0, 4}, {0, 5, 3, 6}, {0, 0, 3, 3}};

    @Override
    public float[] render(Random rng) {
        int n = Dsp.CLIP_SAMPLES;
        double bpm = chance(rng, 0.1) ? between(rng, 72, 108) : between(rng, 80, 100);
        Grid grid = new Grid(bpm, 16, between(rng, 0.05, 0.3));
        Dsp.Noise noise = new Dsp.Noise(rng.nextInt());
        int[] scale = chance(rng, 0.8) ? Harmony.MINOR : Harmony.DORIAN;
        int root = 28 + rng.nextInt(12);
        int[] progression = oneOf(rng, PROGRESSIONS);

        float[] kick = Dsp.kick(between(rng, 100, 150), between(rng, 40, 52), between(rng, 20, 35),
                between(rng, 6, 11), 0.5);
        float[] snare = Dsp.noiseHit(noise, betweenF(rng, 0.3, 0.6), betweenF(rng, 0, 0.5), between(rng, 14, 24),
                0.4, between(rng, 170, 220), betweenF(rng, 0.2, 0.45));
        float[] hat = Dsp.noiseHit(noise, 1f, betweenF(rng, 0.8, 0.95), between(rng, 45, 90), 0.12, 0, 0);
        int[] kickSteps = oneOf(rng, KICKS);
        boolean sixteenthHats = chance(rng, 0.4);
        float hatLevel = betweenF(rng, 0.1, 0.3);

        float[] drums = new float[n];
        float[] bass = new float[n];
        float[] keys = new float[n];
        for (int bar = 0; bar < grid.bars(); bar++) {
            int chordDegree = progression[bar % progression.length];
            int bassNote = Harmony.degree(scale, root, chordDegree);
            for (int i = 0; i < kickSteps.length; i++) {
                int step = kickSteps[i];
                Dsp.hit(drums, grid.at(bar, step), kick, betweenF(rng, 0.85, 1.0));
                int next = i + 1 < kickSteps.length ? kickSteps[i + 1] : 16;
                Dsp.note(bass, grid.at(bar, step), grid.length(next - step), Dsp.hz(bassNote), 1f, Dsp.Wave.SINE,
                        40, 1.5);
            }
            Dsp.hit(drums, grid.at(bar, 4), snare, 1f);
            Dsp.hit(drums, grid.at(bar, 12), snare, 1f);
            if (chance(rng, 0.3)) {
                Dsp.hit(drums, grid.at(bar, chance(rng, 0.5) ? 7 : 15), snare, 0.25f);
            }
            for (int step = 0; step < 16; step += sixteenthHats ? 1 : 2) {
                Dsp.hit(drums, grid.at(bar, step), hat, hatLevel * betweenF(rng, 0.5, 1.0));
            }
            // sparse keys: a seventh chord on some bars, an octave above middle C's neighbourhood
            if (chance(rng, 0.6)) {
                int[] chord = Harmony.chord(scale, root + 24, chordDegree, 4);
                int at = grid.at(bar, chance(rng, 0.5) ? 0 : 2);
                for (int note : chord) {
                    Dsp.note(keys, at, grid.length(12), Dsp.hz(note), 0.25f, Dsp.Wave.SINE, 30, between(rng, 1.5, 3.5));
                    Dsp.note(keys, at, grid.length(6), Dsp.hz(note + 12), 0.06f, Dsp.Wave.SINE, 10, 6);
                }
            }
        }

        float[] mix = new float[n];
        Dsp.mix(mix, drums, 1f);
        Dsp.mix(mix, bass, betweenF(rng, 0.45, 0.8));
        Dsp.mix(mix, keys, betweenF(rng, 0.25, 0.6));
        if (chance(rng, 0.5)) {
            crackle(mix, rng, noise);
        }
        if (chance(rng, 0.1)) {
            Dsp.mix(mix, RockStyle.guitarLoop(rng, grid, root + 12, noise, betweenF(rng, 3, 10)), betweenF(rng, 0.1, 0.25));
        } else if (chance(rng, 0.08)) {
            Dsp.mix(mix, PopStyle.pad(rng, grid, Harmony.MINOR, root + 36, progression), betweenF(rng, 0.1, 0.25));
        }
        return mix;
    }

    /** Vinyl crackle: sparse tiny clicks at random times. */
    private static void crackle(float[] mix, Random rng, Dsp.Noise noise) {
        int clicks = 200 + rng.nextInt(400);
        float level = betweenF(rng, 0.02, 0.08);
        for (int i = 0; i < clicks; i++) {
            int at = rng.nextInt(mix.length - 8);
            for (int k = 0; k < 4; k++) {
                mix[at + k] += level * noise.next();
            }
        }
    }
}
