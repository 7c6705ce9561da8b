package io.songspace.feature.audio;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Loads a track the way {@code librosa.load(path, sr=22050, mono=True, duration=30)} does (librosa 0.10):
 * libsndfile decodes at most {@code 30 * native_rate} frames as float32 (integer PCM scaled by 1/2^(bits-1),
 * like python-soundfile), the channels are averaged in float32 like {@code np.mean(y, axis=0)}, and libsoxr
 * resamples to 22,050 Hz with the HQ recipe unless the file is already at that rate (see {@link Soxr}).
 *
 * <p>MP3 encoder delay: libsndfile decodes MP3 through mpg123 in gapless mode, which drops the decoder delay and
 * the encoder delay and padding that LAME records in its Xing/LAME tag. librosa reads through the same
 * libsndfile, so no offset is applied here. (For MP3s without that tag, mpg123 cannot know the delay, and
 * librosa keeps it too: they still agree.) Verified: the FMA fixture decodes to librosa's length (660,984 samples
 * at 22,050 Hz) with the MFCC-40 vector within 1e-5 ({@code MfccParityTest}), and a LAME-encoded tone decodes
 * to exactly its original length ({@code AudioLoaderTest}). A pure-Java decoder that keeps the delay would shift
 * the vector by up to ~0.3 (fixtures README).
 *
 * <p>A file whose data stops short of what its header declares yields the frames that are there, as in librosa;
 * libsndfile reports an error only when it cannot parse the header or a read fails. mpg123 may print notes
 * ("Illegal Audio-MPEG-Header", "Xing stream size off") to stderr for damaged MP3s: libsndfile does not silence it.
 *
 * <p>Thread-safe: every call has its own native handles and memory.
 */
public final class AudioLoader {

    /** The rate every track is resampled to (librosa's default). */
    public static final int SAMPLE_RATE = 22_050;
    /** At most this many seconds are read from the start of a track. */
    public static final int DURATION_SECONDS = 30;

    /** Frames per read: 64 KB of stereo float, small enough for malloc to recycle rather than mmap afresh. */
    private static final int CHUNK_FRAMES = 8_192;
    private static final long MAX_SAMPLES = Integer.MAX_VALUE - 16;

    private AudioLoader() {
    }

    /**
     * The first 30 s of {@code file} as mono float32 samples at {@link #SAMPLE_RATE}.
     *
     * @throws AudioDecodeException when the file cannot be decoded; the message says why
     */
    public static float[] load(Path file) throws AudioDecodeException {
        return load(file, new DecodeTimes());
    }

    /** As {@link #load(Path)}, adding the time spent decoding (and mixing) and resampling to {@code times}. */
    public static float[] load(Path file, DecodeTimes times) throws AudioDecodeException {
        checkReadable(file);
        try (Arena arena = Arena.ofConfined()) {
            SndFile in = SndFile.openRead(file, arena);
            if (in == null) {
                throw openFailure();
            }
            try (in) {
                return decode(in, arena, times);
            }
        }
    }

    private static void checkReadable(Path file) throws AudioDecodeException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new AudioDecodeException("no such file: " + file, e);
        } catch (IOException e) {
            throw new AudioDecodeException("cannot read the file: " + e, e);
        }
        if (!Files.isRegularFile(file)) {
            throw new AudioDecodeException("not a regular file: " + file);
        }
        if (size == 0) {
            throw new AudioDecodeException("empty file (0 bytes)");
        }
    }

    private static AudioDecodeException openFailure() {
        int code = SndFile.lastOpenErrorCode();
        if (code == SndFile.SFE_BAD_FILE) {
            // libsndfile's text says the file does not exist; checkReadable knows better: no decoder found a stream
            return new AudioDecodeException("not a recognised audio file: no audio stream found in it");
        }
        String text = SndFile.lastOpenError();
        String what = switch (code) {
            case SndFile.SF_ERR_UNRECOGNISED_FORMAT -> "not a recognised audio file";
            case SndFile.SF_ERR_SYSTEM -> "cannot read the file";
            case SndFile.SF_ERR_MALFORMED_FILE -> "malformed or truncated audio file";
            case SndFile.SF_ERR_UNSUPPORTED_ENCODING -> "unsupported audio encoding";
            default -> "cannot decode the file";
        };
        return new AudioDecodeException(what + ": " + text);
    }

    /**
     * Reads, mixes and (unless already at 22,050 Hz) resamples in chunks of {@link #CHUNK_FRAMES}, so that
     * no buffer but the result is as long as the track.
     */
    private static float[] decode(SndFile in, Arena arena, DecodeTimes times) throws AudioDecodeException {
        long started = System.nanoTime();
        long resampling = 0;
        int rate = in.sampleRate();
        int channels = in.channels();
        if (rate <= 0 || channels <= 0) {
            throw new AudioDecodeException("invalid header: " + rate + " Hz, " + channels + " channels");
        }
        // librosa reads int(duration * sr_native) frames, or to the end when the file is shorter
        long limit = DURATION_SECONDS * (long) rate;
        if (in.frames() >= 0 && in.frames() < limit) {
            limit = in.frames();
        }
        if (limit == 0) {
            throw new AudioDecodeException("the file contains no audio frames");
        }
        boolean resample = rate != SAMPLE_RATE;
        long capacity = resample ? Soxr.outputLength(limit, rate, SAMPLE_RATE) : limit;
        if (capacity > MAX_SAMPLES) {
            throw new AudioDecodeException("implausible length: " + limit + " frames at " + rate + " Hz");
        }
        float[] out = new float[(int) capacity];
        MemorySegment decoded = arena.allocate(JAVA_FLOAT, (long) CHUNK_FRAMES * channels);
        float[] interleaved = channels == 1 ? null : new float[CHUNK_FRAMES * channels];
        float[] mono = resample ? new float[CHUNK_FRAMES] : null;
        // mono input handed to soxr: the decoded buffer itself when the file is mono
        MemorySegment monoNative = channels == 1 ? decoded : arena.allocate(JAVA_FLOAT, CHUNK_FRAMES);
        long resampledCapacity = Soxr.outputLength(CHUNK_FRAMES, rate, SAMPLE_RATE) + 16L;
        MemorySegment resampled = resample ? arena.allocate(JAVA_FLOAT, resampledCapacity) : null;
        boolean checkFinite = in.isFloatingPoint();
        long read = 0;
        int written = 0;
        try (Soxr soxr = resample ? openResampler(rate, arena) : null) {
            while (read < limit) {
                int got = (int) in.readFrames(decoded, Math.min(CHUNK_FRAMES, limit - read));
                if (got <= 0) {
                    break;
                }
                // mono samples go straight to the result, or to a chunk for the resampler
                float[] target = resample ? mono : out;
                int offset = resample ? 0 : written;
                if (channels == 1) {
                    MemorySegment.copy(decoded, JAVA_FLOAT, 0, target, offset, got);
                } else {
                    MemorySegment.copy(decoded, JAVA_FLOAT, 0, interleaved, 0, got * channels);
                    mix(interleaved, got, channels, target, offset);
                }
                if (checkFinite) {
                    requireFinite(target, offset, got);
                }
                if (resample) {
                    if (channels != 1) {
                        MemorySegment.copy(mono, 0, monoNative, JAVA_FLOAT, 0, got);
                    }
                    long t = System.nanoTime();
                    written = drain(resampled, soxr.process(monoNative, got, resampled, resampledCapacity), out, written);
                    resampling += System.nanoTime() - t;
                } else {
                    written += got;
                }
                read += got;
            }
            // python-soundfile raises when libsndfile flags an error during the read; so do we
            if (in.errorCode() != 0) {
                throw new AudioDecodeException("decoding failed after " + read + " frames: " + in.errorText());
            }
            if (read == 0) {
                throw new AudioDecodeException("no audio frames could be decoded (the file may be truncated)");
            }
            if (resample) {
                long t = System.nanoTime();
                for (long n; (n = soxr.flush(resampled, resampledCapacity)) > 0; ) {
                    written = drain(resampled, n, out, written);
                }
                resampling += System.nanoTime() - t;
            }
        }
        times.add(System.nanoTime() - started - resampling, resampling);
        // a file shorter than its header said yields what it has, as in librosa; soxr's output gets librosa's length
        int length = resample ? Soxr.outputLength(read, rate, SAMPLE_RATE) : (int) read;
        return length == out.length ? out : Arrays.copyOf(out, length);
    }

    private static Soxr openResampler(int rate, Arena arena) throws AudioDecodeException {
        try {
            return Soxr.open(rate, SAMPLE_RATE, arena);
        } catch (IllegalArgumentException e) {
            throw new AudioDecodeException("cannot resample from " + rate + " Hz: " + e.getMessage(), e);
        }
    }

    /** Appends {@code count} resampled samples to {@code out}, dropping any beyond librosa's length. */
    private static int drain(MemorySegment resampled, long count, float[] out, int written) {
        int n = (int) Math.min(count, out.length - written);
        MemorySegment.copy(resampled, JAVA_FLOAT, 0, out, written, n);
        return written + n;
    }

    /** Only float-encoded files can hold NaN or infinity; they would poison every feature downstream. */
    private static void requireFinite(float[] samples, int offset, int count) throws AudioDecodeException {
        for (int i = offset; i < offset + count; i++) {
            if (!Float.isFinite(samples[i])) {
                throw new AudioDecodeException("the file contains NaN or infinite samples");
            }
        }
    }

    /** {@code np.mean(y, axis=0)} on float32: channels summed in order in float32, then divided in float32. */
    private static void mix(float[] interleaved, int frames, int channels, float[] mono, int offset) {
        if (channels == 2) {
            for (int i = 0; i < frames; i++) {
                mono[offset + i] = (interleaved[2 * i] + interleaved[2 * i + 1]) / 2f;
            }
            return;
        }
        for (int i = 0, k = 0; i < frames; i++) {
            float sum = interleaved[k++];
            for (int c = 1; c < channels; c++) {
                sum += interleaved[k++];
            }
            mono[offset + i] = sum / channels;
        }
    }
}
