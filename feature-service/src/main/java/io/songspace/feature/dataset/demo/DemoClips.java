package io.songspace.feature.dataset.demo;

import io.songspace.feature.dataset.Seeds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * The demo corpus's audio: one 30 s clip per (seed, genre, index), rendered as 22,050 Hz mono 16-bit WAV, and
 * deliberately broken files for the corrupt tracks. The same arguments always give the same bytes.
 */
public final class DemoClips {

    /** How corrupt track {@code index} is broken; cycles through the kinds. */
    public enum Corruption {
        /** Random bytes: no audio format recognises them. */
        GARBAGE,
        /** A real clip cut inside its WAV header. */
        TRUNCATED_HEADER,
        /** Zero bytes. */
        EMPTY,
        /** A WAV header declaring a sample format that does not exist. */
        UNKNOWN_ENCODING;

        public static Corruption of(int index) {
            return values()[Math.floorMod(index, values().length)];
        }
    }

    /** Random streams of a track: its audio and its corruption never share draws with each other or its text. */
    private static final long AUDIO_STREAM = 1;
    private static final long CORRUPT_STREAM = 3;

    private DemoClips() {
    }

    /** Renders clip {@code index} of {@code genre} for {@code seed}. */
    public static byte[] render(long seed, DemoGenre genre, int index) {
        Random rng = new Random(Seeds.mix(seed, AUDIO_STREAM, genre.ordinal(), index));
        float[] mix = genre.style().render(rng);
        // loudness varies between tracks like between real masters
        float target = (float) GenreStyle.between(rng, 0.5, 0.95);
        float peak = Dsp.peak(mix);
        return wav(mix, peak > 0 ? target / peak : 0f);
    }

    /** The bytes of corrupt track {@code index} for {@code seed}. */
    public static byte[] corrupt(long seed, int index) {
        Random rng = new Random(Seeds.mix(seed, CORRUPT_STREAM, index));
        return switch (Corruption.of(index)) {
            case GARBAGE -> {
                byte[] b = new byte[4096 + rng.nextInt(60_000)];
                rng.nextBytes(b);
                // never start like a known container by accident
                b[0] = 'x';
                yield b;
            }
            case TRUNCATED_HEADER -> {
                byte[] clip = wav(new float[Dsp.RATE], 0f);
                yield java.util.Arrays.copyOf(clip, 12 + rng.nextInt(20));
            }
            case EMPTY -> new byte[0];
            case UNKNOWN_ENCODING -> {
                byte[] clip = wav(new float[Dsp.RATE], 0f);
                // WAVE fmt chunk: the 16-bit format tag sits at byte 20
                clip[20] = 0x77;
                clip[21] = 0x77;
                yield clip;
            }
        };
    }

    /** 16-bit PCM WAV of {@code samples}·{@code gain}, clipped to full scale. */
    static byte[] wav(float[] samples, float gain) {
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            float v = Math.max(-1f, Math.min(1f, samples[i] * gain));
            int s = Math.round(v * 32767f);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        AudioFormat format = new AudioFormat(Dsp.RATE, 16, 1, true, false);
        ByteArrayOutputStream out = new ByteArrayOutputStream(pcm.length + 64);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
