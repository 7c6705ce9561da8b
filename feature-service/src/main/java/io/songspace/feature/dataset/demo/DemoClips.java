package io.songspace.feature.dataset.demo;

import io.songspace.feature.dataset.Seeds;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

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

    private static final int WAV_HEADER_BYTES = 44;
    private static final int BYTES_PER_SAMPLE = 2;
    private static final short WAVE_FORMAT_PCM = 1;
    private static final VarHandle PCM16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

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

    /**
     * 16-bit PCM WAV of {@code samples}·{@code gain}, clipped to full scale: the canonical 44-byte RIFF header, then
     * the samples. Written here rather than through {@code javax.sound}'s writer, which copies a clip twice on the
     * way and took a quarter of a clip's rendering time; {@code DemoClipsTest} reads the result back with it.
     */
    static byte[] wav(float[] samples, float gain) {
        int dataBytes = samples.length * BYTES_PER_SAMPLE;
        byte[] wav = new byte[WAV_HEADER_BYTES + dataBytes];
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN)
                .put(ascii("RIFF")).putInt(WAV_HEADER_BYTES - 8 + dataBytes).put(ascii("WAVE"))
                .put(ascii("fmt ")).putInt(16).putShort(WAVE_FORMAT_PCM).putShort((short) 1)
                .putInt(Dsp.RATE).putInt(Dsp.RATE * BYTES_PER_SAMPLE).putShort((short) BYTES_PER_SAMPLE)
                .putShort((short) (8 * BYTES_PER_SAMPLE))
                .put(ascii("data")).putInt(dataBytes);
        for (int i = 0; i < samples.length; i++) {
            float v = Math.max(-1f, Math.min(1f, samples[i] * gain));
            // Math.round(v * 32767f), exactly (floor(x + 1/2) is exact in double for |x| <= 32767), but faster
            PCM16.set(wav, WAV_HEADER_BYTES + i * BYTES_PER_SAMPLE, (short) Math.floor(v * 32767f + 0.5));
        }
        return wav;
    }

    private static byte[] ascii(String tag) {
        return tag.getBytes(StandardCharsets.US_ASCII);
    }
}
