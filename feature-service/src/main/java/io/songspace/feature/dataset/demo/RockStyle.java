package io.songspace.feature.dataset.demo;

import static io.songspace.feature.dataset.demo.GenreStyle.between;
import static io.songspace.feature.dataset.demo.GenreStyle.betweenF;
import static io.songspace.feature.dataset.demo.GenreStyle.chance;
import static io.songspace.feature.dataset.demo.GenreStyle.oneOf;

import java.util.Random;

/**
 * Rock: 120–150 BPM, distorted (soft-clipped) power-chord guitars in eighth-note chugs or held chords, a loud kit
 * (kick on 1 and 3, snare on 2 and 4 or half-time on 3, eighth hats or ride, crashes) and a bass following the
 * roots; some have a distorted lead line on top. Some tracks are slower and cleaner (closer to pop).
 */
final class RockStyle implements GenreStyle {

    /** Power-chord roots as semitones above the key's root. */
    private static final int[][] RIFFS = {{0, 0, 8, 10}, {0, 5, 7, 5}, {0, 10, 8, 7}, {0, 3, 5, 0}, {0, 7, 5, 3}};

    @Override
    public float[] render(Random rng) {
        int n = Dsp.CLIP_SAMPLES;
        boolean soft = chance(rng, 0.12);
        double bpm = soft ? between(rng, 100, 124) : between(rng, 120, 150);
        Grid grid = new Grid(bpm, 16, 0);
        Dsp.Noise noise = new Dsp.Noise(rng.nextInt());
        int root = 36 + rng.nextInt(12);

        float[] kick = Dsp.kick(between(rng, 110, 160), between(rng, 50, 65), between(rng, 30, 50),
                between(rng, 10, 16), 0.3);
        float[] snare = Dsp.noiseHit(noise, betweenF(rng, 0.5, 0.8), betweenF(rng, 0.1, 0.4), between(rng, 10, 16),
                0.35, between(rng, 180, 240), betweenF(rng, 0.2, 0.35));
        boolean ride = chance(rng, 0.3);
        float[] hat = ride ? Dsp.noiseHit(noise, 1f, 0.75f, 7, 0.5, 0, 0)
                : Dsp.noiseHit(noise, 1f, betweenF(rng, 0.85, 0.95), between(rng, 35, 60), 0.12, 0, 0);
        float[] crash = Dsp.noiseHit(noise, 0.95f, betweenF(rng, 0.7, 0.85), between(rng, 2, 3.5), 2.0, 0, 0);

        float[] drums = new float[n];
        boolean doubleKick = chance(rng, 0.4);
        boolean halfTime = chance(rng, 0.15);
        int crashEvery = 1 << (1 + rng.nextInt(3));
        for (int bar = 0; bar < grid.bars(); bar++) {
            Dsp.hit(drums, grid.at(bar, 0), kick, 1f);
            Dsp.hit(drums, grid.at(bar, halfTime ? 10 : 8), kick, 1f);
            if (doubleKick) {
                Dsp.hit(drums, grid.at(bar, halfTime ? 14 : 10), kick, 0.8f);
            }
            if (halfTime) {
                Dsp.hit(drums, grid.at(bar, 8), snare, 1f);
            } else {
                Dsp.hit(drums, grid.at(bar, 4), snare, 1f);
                Dsp.hit(drums, grid.at(bar, 12), snare, 1f);
            }
            for (int step = 0; step < 16; step += 2) {
                Dsp.hit(drums, grid.at(bar, step), hat, ride ? 0.2f : 0.3f);
            }
            if (bar % crashEvery == 0) {
                Dsp.hit(drums, grid.at(bar, 0), crash, betweenF(rng, 0.5, 0.8));
            }
        }
        float[] guitar = guitarLoop(rng, grid, root, noise, soft ? betweenF(rng, 1.2, 3) : betweenF(rng, 4, 20));
        float[] bass = new float[n];
        int[] riff = oneOf(rng, RIFFS);
        for (int bar = 0; bar < grid.bars(); bar++) {
            int note = root - 12 + riff[bar % riff.length];
            for (int step = 0; step < 16; step += 2) {
                Dsp.note(bass, grid.at(bar, step), grid.length(1.9), Dsp.hz(note), 0.7f, Dsp.Wave.SAW, 20, 3);
            }
        }
        Dsp.lowpass(bass, 0, n, betweenF(rng, 0.06, 0.15));

        float[] mix = new float[n];
        Dsp.mix(mix, drums, betweenF(rng, 0.7, 1.0));
        Dsp.mix(mix, guitar, betweenF(rng, 0.4, 1.0));
        Dsp.mix(mix, bass, betweenF(rng, 0.4, 0.9));
        if (chance(rng, 0.4)) {
            Dsp.mix(mix, lead(rng, grid, root + 24), betweenF(rng, 0.15, 0.35));
        }
        return mix;
    }

    /** A distorted single-note lead in the minor pentatonic, eighths and quarters, in some bars only. */
    private static float[] lead(Random rng, Grid grid, int root) {
        int[] pentatonic = {0, 3, 5, 7, 10, 12, 15};
        float[] lead = new float[Dsp.CLIP_SAMPLES];
        for (int bar = 0; bar < grid.bars(); bar++) {
            if (chance(rng, 0.4)) {
                continue;
            }
            for (int step = 0; step < 16; step += rng.nextBoolean() ? 2 : 4) {
                int note = root + pentatonic[rng.nextInt(pentatonic.length)];
                Dsp.note(lead, grid.at(bar, step), grid.length(2), Dsp.hz(note), 0.5f, Dsp.Wave.SAW, 20, 2);
            }
        }
        Dsp.distort(lead, betweenF(rng, 3, 10));
        Dsp.lowpass(lead, 0, lead.length, betweenF(rng, 0.3, 0.5));
        return lead;
    }

    /**
     * Distorted power chords (root, fifth, octave as slightly detuned saws), chugged in eighths or held a bar,
     * through a soft clipper driven by {@code drive} and a one-pole "cabinet" low-pass.
     */
    static float[] guitarLoop(Random rng, Grid grid, int root, Dsp.Noise noise, float drive) {
        float[] guitar = new float[Dsp.CLIP_SAMPLES];
        int[] riff = oneOf(rng, RIFFS);
        boolean chug = chance(rng, 0.65);
        for (int bar = 0; bar < grid.bars(); bar++) {
            int note = root + riff[bar % riff.length];
            int[] chord = {note, note + 7, note + 12};
            int hits = chug ? 8 : 1;
            int length = chug ? grid.length(1.8) : grid.length(16);
            for (int h = 0; h < hits; h++) {
                int at = grid.at(bar, h * 2);
                for (int tone : chord) {
                    Dsp.note(guitar, at, length, Dsp.hz(tone) * (1 + 0.003 * noise.next()), 0.3f, Dsp.Wave.SAW, 30,
                            chug ? 4 : 1);
                }
            }
        }
        Dsp.distort(guitar, drive);
        Dsp.lowpass(guitar, 0, guitar.length, betweenF(rng, 0.2, 0.45));
        return guitar;
    }
}
