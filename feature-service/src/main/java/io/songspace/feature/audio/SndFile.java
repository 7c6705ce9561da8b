package io.songspace.feature.audio;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import io.songspace.common.natives.NativeLibrary;

/**
 * An open libsndfile handle ({@code SNDFILE*}), through hand-written FFM bindings of the system's
 * {@code libsndfile.so.1} (Debian libsndfile1; see {@link NativeLibs} for why hand-written). libsndfile reads
 * WAV/AIFF/FLAC/OGG and, since 1.1, MP3 through mpg123; it is the library librosa reads through (python-soundfile).
 * One instance belongs to one thread; closing it is mandatory (try-with-resources).
 */
final class SndFile implements AutoCloseable {

    static final int SFM_READ = 0x10;
    static final int SFM_WRITE = 0x20;

    static final int SF_FORMAT_WAV = 0x010000;
    static final int SF_FORMAT_FLAC = 0x170000;
    static final int SF_FORMAT_OGG = 0x200000;
    static final int SF_FORMAT_MPEG = 0x230000;
    static final int SF_FORMAT_PCM_16 = 0x0002;
    static final int SF_FORMAT_FLOAT = 0x0006;
    static final int SF_FORMAT_DOUBLE = 0x0007;
    static final int SF_FORMAT_VORBIS = 0x0060;
    static final int SF_FORMAT_OPUS = 0x0064;
    static final int SF_FORMAT_MPEG_LAYER_III = 0x0082;
    private static final int SF_FORMAT_SUBMASK = 0x0000FFFF;

    /** {@code sf_error} codes that libsndfile documents as public (others are internal and only have a text). */
    static final int SF_ERR_UNRECOGNISED_FORMAT = 1;
    static final int SF_ERR_SYSTEM = 2;
    static final int SF_ERR_MALFORMED_FILE = 3;
    static final int SF_ERR_UNSUPPORTED_ENCODING = 4;
    /**
     * libsndfile's internal SFE_BAD_FILE (its enum has kept this value since 1.0): "File does not exist or is not a
     * regular file". On a file known to be a readable regular file it comes from a decoder that found nothing to
     * decode, e.g. mpg123 on a ".mp3" holding no MPEG frame.
     */
    static final int SFE_BAD_FILE = 7;

    /** {@code SF_INFO}: sf_count_t frames; int samplerate, channels, format, sections, seekable (32 bytes). */
    private static final StructLayout SF_INFO = MemoryLayout.structLayout(
            JAVA_LONG.withName("frames"),
            JAVA_INT.withName("samplerate"),
            JAVA_INT.withName("channels"),
            JAVA_INT.withName("format"),
            JAVA_INT.withName("sections"),
            JAVA_INT.withName("seekable"),
            MemoryLayout.paddingLayout(4));
    private static final long FRAMES = SF_INFO.byteOffset(MemoryLayout.PathElement.groupElement("frames"));
    private static final long SAMPLERATE = SF_INFO.byteOffset(MemoryLayout.PathElement.groupElement("samplerate"));
    private static final long CHANNELS = SF_INFO.byteOffset(MemoryLayout.PathElement.groupElement("channels"));
    private static final long FORMAT = SF_INFO.byteOffset(MemoryLayout.PathElement.groupElement("format"));

    private static final NativeLibs LIB = NativeLibs.open(NativeLibrary.SNDFILE);
    private static final MethodHandle SF_OPEN = LIB.downcall("sf_open",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle SF_READF_FLOAT = LIB.downcall("sf_readf_float",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle SF_WRITEF_FLOAT = LIB.downcall("sf_writef_float",
            FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle SF_CLOSE = LIB.downcall("sf_close",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle SF_ERROR = LIB.downcall("sf_error",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle SF_STRERROR = LIB.downcall("sf_strerror",
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle SF_FORMAT_CHECK = LIB.downcall("sf_format_check",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));

    private final MemorySegment handle;
    private final long frames;
    private final int sampleRate;
    private final int channels;
    private final int format;
    private boolean closed;

    private SndFile(MemorySegment handle, MemorySegment info) {
        this.handle = handle;
        this.frames = info.get(JAVA_LONG, FRAMES);
        this.sampleRate = info.get(JAVA_INT, SAMPLERATE);
        this.channels = info.get(JAVA_INT, CHANNELS);
        this.format = info.get(JAVA_INT, FORMAT);
    }

    /**
     * Opens {@code path} for reading. On failure returns nothing and leaves the reason in {@link #lastOpenError()}
     * / {@link #lastOpenErrorCode()}; the caller turns it into the exception it needs.
     */
    static SndFile openRead(Path path, Arena arena) {
        MemorySegment info = arena.allocate(SF_INFO);
        MemorySegment h = open(arena.allocateFrom(path.toString()), SFM_READ, info);
        return h.equals(MemorySegment.NULL) ? null : new SndFile(h, info);
    }

    /** Creates (or truncates) {@code path} for writing with an {@code SF_FORMAT_*} major|subtype code. */
    static SndFile openWrite(Path path, int format, int sampleRate, int channels, Arena arena) throws IOException {
        MemorySegment info = info(format, sampleRate, channels, arena);
        MemorySegment h = open(arena.allocateFrom(path.toString()), SFM_WRITE, info);
        if (h.equals(MemorySegment.NULL)) {
            throw new IOException("libsndfile cannot create " + path + ": " + lastOpenError());
        }
        return new SndFile(h, info);
    }

    /** Whether this libsndfile build can write the given format (e.g. MP3 needs a build with LAME). */
    static boolean canWrite(int format, int sampleRate, int channels) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) SF_FORMAT_CHECK.invokeExact(info(format, sampleRate, channels, arena)) != 0;
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /**
     * Text of the error of the last failed {@code sf_open} (libsndfile keeps it in a process-wide variable, so
     * with concurrent failing opens the text may belong to another thread's file; the failure itself is ours).
     */
    static String lastOpenError() {
        return strerror(MemorySegment.NULL);
    }

    static int lastOpenErrorCode() {
        return error(MemorySegment.NULL);
    }

    /** Declared length in frames; may exceed what can actually be read (e.g. a file cut short after its header). */
    long frames() {
        return frames;
    }

    int sampleRate() {
        return sampleRate;
    }

    int channels() {
        return channels;
    }

    /** Whether samples are stored as IEEE floats, the only encodings that can hold NaN or infinity. */
    boolean isFloatingPoint() {
        int subtype = format & SF_FORMAT_SUBMASK;
        return subtype == SF_FORMAT_FLOAT || subtype == SF_FORMAT_DOUBLE;
    }

    /** Reads up to {@code count} interleaved frames as float (integer PCM normalised to [-1, 1)); 0 at the end. */
    long readFrames(MemorySegment buffer, long count) {
        try {
            return (long) SF_READF_FLOAT.invokeExact(handle, buffer, count);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    long writeFrames(MemorySegment buffer, long count) {
        try {
            return (long) SF_WRITEF_FLOAT.invokeExact(handle, buffer, count);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    /** This handle's error state: 0 when none. */
    int errorCode() {
        return error(handle);
    }

    String errorText() {
        return strerror(handle);
    }

    /** Closes a written file, which completes its header (and flushes an encoder): the result matters. */
    void finish(Path path) throws IOException {
        int rc = closeHandle();
        if (rc != 0) {
            throw new IOException("libsndfile could not finish " + path + " (sf_close returned " + rc + ")");
        }
    }

    /** Releases the handle; a no-op after {@link #finish}. Errors are moot here: the file was read, or abandoned. */
    @Override
    public void close() {
        closeHandle();
    }

    private int closeHandle() {
        if (closed) {
            return 0;
        }
        closed = true;
        try {
            return (int) SF_CLOSE.invokeExact(handle);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    private static MemorySegment info(int format, int sampleRate, int channels, Arena arena) {
        MemorySegment info = arena.allocate(SF_INFO);
        info.set(JAVA_INT, SAMPLERATE, sampleRate);
        info.set(JAVA_INT, CHANNELS, channels);
        info.set(JAVA_INT, FORMAT, format);
        return info;
    }

    private static MemorySegment open(MemorySegment path, int mode, MemorySegment info) {
        try {
            return (MemorySegment) SF_OPEN.invokeExact(path, mode, info);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    private static int error(MemorySegment sndfile) {
        try {
            return (int) SF_ERROR.invokeExact(sndfile);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }

    private static String strerror(MemorySegment sndfile) {
        try {
            return NativeLibs.string((MemorySegment) SF_STRERROR.invokeExact(sndfile));
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }
}
