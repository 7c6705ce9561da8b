package io.songspace.feature.dataset.demo;

import static io.songspace.feature.dataset.demo.GenreStyle.between;
import static io.songspace.feature.dataset.demo.GenreStyle.betweenF;
import static io.songspace.feature.dataset.demo.GenreStyle.chance;
import static io.songspace.feature.dataset.demo.GenreStyle.oneOf;

import java.util.Random;

/**
 * Dance pop: 110–128 BPM four-on-the-floor kick, claps on 2 and 4, off-beat open hats, bright detuned-saw chords in
 * a major key (I–V–vi–IV and friends) pumping with the kick, an eighth-note bass and a square-wave arpeggio. Some
 * tracks are half-time (hip-hop tempo) or carry plucked acoustic chords (folk).
 */
final class PopStyle implements GenreStyle {

    private static final int[][] PROGRESSIONS = {{0, 4, 5, 3}, {5, 3, 0, 4}, {0, 5, 3, 4}, {3, 4, 0, 5}};

    @Override
    public float[] render(Random rng) {
        int n = Dsp.CLIP_SAMPLES;
        boolean halfTime = chance(rng, 0.1);
        double bpm = halfTime ? between(rng, 88, 100) : chance(rng, 0.1) ? between(rng, 100, 134) : between(rng, 110, 128);
        Grid grid = new Grid(bpm, 16, 0);
        Dsp.Noise noise = new Dsp.Noise(rng.nextInt());
        int[] scale = chance(rng, 0.9) ? Harmony.MAJOR : Harmony.MINOR;
        int root = 55 + rng.nextInt(12);
        int[] progression = oneOf(rng, PROGRESSIONS);

        float[] kick = Dsp.kick(between(rng, 140, 190), between(rng, 45, 60), between(rng, 35, 55),
                between(rng, 8, 13), 0.35);
        float[] clap = Dsp.noiseHit(noise, betweenF(rng, 0.5, 0.8), betweenF(rng, 0.4, 0.7), between(rng, 20, 30),
                0.25, 0, 0);
        float[] openHat = Dsp.noiseHit(noise, 1f, betweenF(rng, 0.85, 0.95), between(rng, 10, 18), 0.3, 0, 0);
        float[] closedHat = Dsp.noiseHit(noise, 1f, betweenF(rng, 0.9, 0.97), between(rng, 60, 100), 0.08, 0, 0);

        float[] drums = new float[n];
        float[] bass = new float[n];
        float[] arp = new float[n];
        boolean arpeggio = chance(rng, 0.75);
        boolean acoustic = chance(rng, 0.1);
        for (int bar = 0; bar < grid.bars(); bar++) {
            int degree = progression[bar % progression.length];
            for (int beat = 0; beat < 4; beat++) {
                if (!halfTime || beat % 2 == 0) {
                    Dsp.hit(drums, grid.at(bar, beat * 4), kick, 1f);
                }
                Dsp.hit(drums, grid.at(bar, beat * 4 + 2), openHat, 0.25f);
            }
            int clapStep = halfTime ? 8 : 4;
            for (int step = clapStep; step < 16; step += halfTime ? 16 : 8) {
                int at = grid.at(bar, step);
                // a clap is a few hits a hair apart
                Dsp.hit(drums, at, clap, 0.5f);
                Dsp.hit(drums, at + Dsp.samples(0.011), clap, 0.4f);
                Dsp.hit(drums, at + Dsp.samples(0.023), clap, 0.7f);
            }
            for (int step = 1; step < 16; step += 2) {
                Dsp.hit(drums, grid.at(bar, step), closedHat, 0.12f);
            }
            int bassNote = Harmony.degree(scale, root - 24, degree);
            for (int step = 0; step < 16; step += 2) {
                Dsp.note(bass, grid.at(bar, step), grid.length(1.8), Dsp.hz(bassNote + (step % 4 == 2 ? 12 : 0)),
                        0.6f, Dsp.Wave.SAW, 20, 5);
            }
            int[] chord = Harmony.chord(scale, root + 12, degree, 3);
            if (arpeggio) {
                for (int step = 0; step < 16; step++) {
                    int note = chord[step % chord.length] + (step >= 8 ? 12 : 0);
                    if (acoustic) {
                        Dsp.pluck(arp, grid.at(bar, step), grid.length(3), Dsp.hz(note - 12), 0.5f, 0.6f, 0.996f, noise);
                    } else {
                        Dsp.note(arp, grid.at(bar, step), grid.length(0.9), Dsp.hz(note), 0.25f, Dsp.Wave.SQUARE, 15, 12);
                    }
                }
            }
        }
        Dsp.lowpass(bass, 0, n, betweenF(rng, 0.08, 0.2));
        float[] chords = pad(rng, grid, scale, root, progression);
        pump(chords, grid, betweenF(rng, 0.3, 0.7));

        float[] mix = new float[n];
        Dsp.mix(mix, drums, 1f);
        Dsp.mix(mix, bass, betweenF(rng, 0.5, 0.9));
        Dsp.mix(mix, chords, betweenF(rng, 0.35, 0.7));
        Dsp.mix(mix, arp, betweenF(rng, 0.2, 0.5));
        return mix;
    }

    /** Sustained detuned-saw triads, one chord a bar, bright (lightly low-passed). */
    static float[] pad(Random rng, Grid grid, int[] scale, int root, int[] progression) {
        float[] pad = new float[Dsp.CLIP_SAMPLES];
        double detune = between(rng, 0.002, 0.008);
        for (int bar = 0; bar < grid.bars(); bar++) {
            int[] chord = Harmony.chord(scale, root, progression[bar % progression.length], 3);
            int at = grid.at(bar, 0);
            int len = grid.length(grid.stepsPerBar());
            for (int note : chord) {
                double hz = Dsp.hz(note);
                Dsp.note(pad, at, len, hz * (1 - detune), 0.2f, Dsp.Wave.SAW, Dsp.samples(0.02), 0.3);
                Dsp.note(pad, at, len, hz * (1 + detune), 0.2f, Dsp.Wave.SAW, Dsp.samples(0.02), 0.3);
            }
        }
        Dsp.lowpass(pad, 0, pad.length, betweenF(rng, 0.35, 0.75));
        return pad;
    }

    /** Side-chain pumping: the layer ducks on every beat and swells back over the beat. */
    private static void pump(float[] layer, Grid grid, float depth) {
        int beat = grid.length(4);
        for (int i = 0; i < layer.length; i++) {
            float t = (float) (i % beat) / beat;
            layer[i] *= 1f - depth * Math.max(0f, 1f - 3f * t);
        }
    }
}
