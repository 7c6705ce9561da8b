package io.songspace.feature.audio;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

import io.songspace.common.natives.NativeLibrary;

/**
 * A streaming mono float32 resampler on the system's libsoxr ({@code libsoxr.so.0}, Debian libsoxr0), through
 * hand-written FFM bindings (see {@link NativeLibs}). It is configured as {@code librosa.resample(y,
 * res_type="soxr_hq")} configures python-soxr: {@code soxr_create} with {@code soxr_quality_spec(SOXR_HQ, 0)} and
 * float32 in and out; here with one thread. Input goes in chunks, then {@link #flush} drains the filter's tail;
 * the output does not depend on how the input is chunked. One instance per stream and thread; close it.
 */
final class Soxr implements AutoCloseable {

    private static final int SOXR_FLOAT32_I = 0;
    /** {@code SOXR_HQ} = {@code SOXR_20_BITQ}: 20-bit precision, linear phase, rolloff "small". */
    private static final long SOXR_HQ = 4;

    /** {@code soxr_io_spec_t}: itype, otype, double scale, void *e, unsigned long flags. */
    private static final StructLayout IO_SPEC = MemoryLayout.structLayout(
            JAVA_INT.withName("itype"), JAVA_INT.withName("otype"), JAVA_DOUBLE.withName("scale"),
            ADDRESS.withName("e"), JAVA_LONG.withName("flags"));
    /** {@code soxr_quality_spec_t}: precision, phase_response, passband_end, stopband_begin, e, flags. */
    private static final StructLayout QUALITY_SPEC = MemoryLayout.structLayout(
            JAVA_DOUBLE.withName("precision"), JAVA_DOUBLE.withName("phase_response"),
            JAVA_DOUBLE.withName("passband_end"), JAVA_DOUBLE.withName("stopband_begin"),
            ADDRESS.withName("e"), JAVA_LONG.withName("flags"));
    /** {@code soxr_runtime_spec_t}: four unsigned (DFT sizes, coef size, num_threads), e, flags. */
    private static final StructLayout RUNTIME_SPEC = MemoryLayout.structLayout(
            JAVA_INT.withName("log2_min_dft_size"), JAVA_INT.withName("log2_large_dft_size"),
            JAVA_INT.withName("coef_size_kbytes"), JAVA_INT.withName("num_threads"),
            ADDRESS.withName("e"), JAVA_LONG.withName("flags"));

    private static final NativeLibs LIB = NativeLibs.open(NativeLibrary.SOXR);
    // the *_spec constructors return their struct by value: the FFM linker then takes a SegmentAllocator first
    private static final MethodHandle SOXR_IO_SPEC = LIB.downcall("soxr_io_spec",
            FunctionDescriptor.of(IO_SPEC, JAVA_INT, JAVA_INT));
    private static final MethodHandle SOXR_QUALITY_SPEC = LIB.downcall("soxr_quality_spec",
            FunctionDescriptor.of(QUALITY_SPEC, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle SOXR_RUNTIME_SPEC = LIB.downcall("soxr_runtime_spec",
            FunctionDescriptor.of(RUNTIME_SPEC, JAVA_INT));
    // soxr_t soxr_create(double irate, double orate, unsigned channels, soxr_error_t *, io *, quality *, runtime *)
    private static final MethodHandle SOXR_CREATE = LIB.downcall("soxr_create",
            FunctionDescriptor.of(ADDRESS, JAVA_DOUBLE, JAVA_DOUBLE, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    // soxr_error_t soxr_process(soxr_t, in, size_t ilen, size_t *idone, out, size_t olen, size_t *odone)
    private static final MethodHandle SOXR_PROCESS = LIB.downcall("soxr_process",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle SOXR_DELETE = LIB.downcall("soxr_delete",
            FunctionDescriptor.ofVoid(ADDRESS));

    private final MemorySegment soxr;
    private final MemorySegment odone;
    private boolean closed;

    private Soxr(MemorySegment soxr, MemorySegment odone) {
        this.soxr = soxr;
        this.odone = odone;
    }

    /**
     * A resampler from {@code inRate} to {@code outRate} Hz whose small native state lives in {@code arena}.
     *
     * @throws IllegalArgumentException when libsoxr refuses the rates (its message is kept)
     */
    static Soxr open(int inRate, int outRate, Arena arena) {
        return new Soxr(create(inRate, outRate, arena, arena.allocate(ADDRESS)), arena.allocate(JAVA_LONG));
    }

    /**
     * The number of output samples librosa keeps for {@code inputLength} input samples: its {@code fix_length}
     * to {@code ceil(n * (outRate / inRate))}, computed in double precision as librosa does.
     */
    static int outputLength(long inputLength, int inRate, int outRate) {
        return (int) Math.ceil(inputLength * ((double) outRate / inRate));
    }

    /**
     * Consumes all {@code count} samples of {@code in} and writes at most {@code capacity} samples to {@code out};
     * what does not fit stays buffered for the next call.
     *
     * @return the number of samples written
     */
    long process(MemorySegment in, long count, MemorySegment out, long capacity) {
        return run(in, count, out, capacity, "soxr_process");
    }

    /** Drains the tail after the last input; call until it returns 0. */
    long flush(MemorySegment out, long capacity) {
        return run(MemorySegment.NULL, 0, out, capacity, "soxr_process (flush)");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                SOXR_DELETE.invokeExact(soxr);
            } catch (Throwable t) {
                throw NativeLibs.rethrow(t);
            }
        }
    }

    private long run(MemorySegment in, long count, MemorySegment out, long capacity, String call) {
        MemorySegment error;
        try {
            // idone NULL: soxr takes all the input, buffering what the output cannot hold yet
            error = (MemorySegment) SOXR_PROCESS.invokeExact(soxr, in, count, MemorySegment.NULL, out, capacity, odone);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
        String message = NativeLibs.string(error);
        if (message != null) {
            throw new IllegalStateException(call + " failed: " + message);
        }
        return odone.get(JAVA_LONG, 0);
    }

    private static MemorySegment create(int inRate, int outRate, Arena arena, MemorySegment error) {
        try {
            MemorySegment io = (MemorySegment) SOXR_IO_SPEC.invokeExact((SegmentAllocator) arena,
                    SOXR_FLOAT32_I, SOXR_FLOAT32_I);
            MemorySegment quality = (MemorySegment) SOXR_QUALITY_SPEC.invokeExact(
                    (SegmentAllocator) arena, SOXR_HQ, 0L);
            // 1 thread: the caller parallelises across tracks, and Debian's libsoxr is built with OpenMP
            MemorySegment runtime = (MemorySegment) SOXR_RUNTIME_SPEC.invokeExact(
                    (SegmentAllocator) arena, 1);
            MemorySegment soxr = (MemorySegment) SOXR_CREATE.invokeExact((double) inRate, (double) outRate, 1,
                    error, io, quality, runtime);
            String message = NativeLibs.string(error.get(ADDRESS, 0));
            if (message != null || soxr.equals(MemorySegment.NULL)) {
                throw new IllegalArgumentException("libsoxr cannot resample " + inRate + " Hz to " + outRate
                        + " Hz: " + (message == null ? "soxr_create failed" : message));
            }
            return soxr;
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
    }
}
