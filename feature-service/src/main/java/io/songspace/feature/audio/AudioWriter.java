package io.songspace.feature.audio;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Writes audio files with libsndfile (encoder settings are libsndfile's defaults). The service never writes audio:
 * this exists for the tests and the feature benchmark, which build clips in the formats tracks arrive in (MP3,
 * FLAC, Ogg, WAV) to decode them again. It lives in main, not test, because the bench module needs it on its
 * classpath.
 */
public final class AudioWriter {

    /** The formats songspace writes; whether this system's libsndfile can write one is {@link #canWrite}. */
    public enum Format {
        WAV_PCM16(SndFile.SF_FORMAT_WAV | SndFile.SF_FORMAT_PCM_16),
        FLAC(SndFile.SF_FORMAT_FLAC | SndFile.SF_FORMAT_PCM_16),
        OGG_VORBIS(SndFile.SF_FORMAT_OGG | SndFile.SF_FORMAT_VORBIS),
        /** Needs libsndfile 1.0.29+ built with libopus; Opus takes 8, 12, 16, 24 or 48 kHz. */
        OGG_OPUS(SndFile.SF_FORMAT_OGG | SndFile.SF_FORMAT_OPUS),
        /** Needs libsndfile 1.1+ built with LAME (Debian's is). */
        MP3(SndFile.SF_FORMAT_MPEG | SndFile.SF_FORMAT_MPEG_LAYER_III);

        private final int code;

        Format(int code) {
            this.code = code;
        }
    }

    private AudioWriter() {
    }

    public static boolean canWrite(Format format, int sampleRate, int channels) {
        return SndFile.canWrite(format.code, sampleRate, channels);
    }

    /**
     * Writes {@code samples} (interleaved frames of {@code channels} floats in [-1, 1]) to {@code file}.
     *
     * @throws IOException when libsndfile cannot create, write or finish the file
     */
    public static void write(Path file, float[] samples, int channels, int sampleRate, Format format)
            throws IOException {
        if (channels <= 0 || samples.length % channels != 0) {
            throw new IllegalArgumentException(samples.length + " samples do not make frames of " + channels);
        }
        long frames = samples.length / channels;
        try (Arena arena = Arena.ofConfined();
             SndFile out = SndFile.openWrite(file, format.code, sampleRate, channels, arena)) {
            MemorySegment buffer = arena.allocate(JAVA_FLOAT, Math.max(1, samples.length));
            MemorySegment.copy(samples, 0, buffer, JAVA_FLOAT, 0, samples.length);
            long written = out.writeFrames(buffer, frames);
            if (written != frames) {
                throw new IOException("libsndfile wrote " + written + " of " + frames + " frames to " + file + ": "
                        + out.errorText());
            }
            out.finish(file);
        }
    }
}
