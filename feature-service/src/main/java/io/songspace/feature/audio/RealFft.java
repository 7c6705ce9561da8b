package io.songspace.feature.audio;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.songspace.common.natives.NativeLibrary;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.HashMap;
import java.util.Map;

/**
 * The forward FFT of a real signal in double precision, {@code numpy.fft.rfft}, on the system's FFTW 3
 * ({@code libfftw3.so.3}, Debian libfftw3-double3) through hand-written FFM bindings (see {@link NativeLibs}). The
 * STFT is most of an MFCC's arithmetic, and FFTW's SIMD transform of 2,048 points takes well under half the time of
 * the best pure-Java FFT measured here (JTransforms, even with two real frames packed into one complex transform).
 *
 * <p>Plans are made once per length with {@code FFTW_ESTIMATE}, which picks the algorithm from the length alone, so
 * a track's features do not depend on which worker or run computed them ({@code FFTW_MEASURE} would time
 * candidates and could pick differently, changing the last bits). FFTW's planner is not thread-safe, so planning
 * is serialised; executing a plan on other arrays ({@code fftw_execute_dft_r2c}) is, and each instance has its own
 * 64-byte-aligned native buffers, the alignment the plan was made with. One instance per thread; close it.
 */
final class RealFft implements AutoCloseable {

    private static final int FFTW_DESTROY_INPUT = 1;
    private static final int FFTW_ESTIMATE = 1 << 6;
    /** Native buffers are aligned for AVX-512, so every plan may use FFTW's widest SIMD codelets. */
    private static final long ALIGNMENT = 64;

    private static final NativeLibs LIB = NativeLibs.open(NativeLibrary.FFTW);
    // fftw_plan fftw_plan_dft_r2c_1d(int n, double *in, fftw_complex *out, unsigned flags)
    private static final MethodHandle PLAN_R2C = LIB.downcall("fftw_plan_dft_r2c_1d",
            FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    // void fftw_execute_dft_r2c(const fftw_plan, double *in, fftw_complex *out): microseconds, never calls back
    // into Java, so it may skip the thread-state transition of an ordinary downcall
    private static final MethodHandle EXECUTE_R2C = LIB.downcall("fftw_execute_dft_r2c",
            FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS), Linker.Option.critical(false));
    /** Plans by length, kept for the life of the JVM like the library itself. */
    private static final Map<Integer, MemorySegment> PLANS = new HashMap<>();

    private final int n;
    private final MemorySegment plan;
    private final Arena arena;
    private final MemorySegment in;
    private final MemorySegment out;

    private RealFft(int n, MemorySegment plan) {
        this.n = n;
        this.plan = plan;
        this.arena = Arena.ofConfined();
        this.in = arena.allocate(JAVA_DOUBLE.byteSize() * n, ALIGNMENT);
        this.out = arena.allocate(JAVA_DOUBLE.byteSize() * 2 * bins(n), ALIGNMENT);
    }

    /** A transform of {@code n} real points, for use on the calling thread. */
    static RealFft of(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length " + n);
        }
        return new RealFft(n, plan(n));
    }

    /** Output bins of an {@code n}-point real transform: {@code n / 2 + 1}. */
    static int bins(int n) {
        return n / 2 + 1;
    }

    /**
     * The first {@code n / 2 + 1} bins of the DFT of {@code signal} (its first {@code n} values) into
     * {@code spectrum} as interleaved real and imaginary parts ({@code 2 * (n / 2 + 1)} values).
     */
    void forward(double[] signal, double[] spectrum) {
        MemorySegment.copy(signal, 0, in, JAVA_DOUBLE, 0, n);
        try {
            EXECUTE_R2C.invokeExact(plan, in, out);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
        MemorySegment.copy(out, JAVA_DOUBLE, 0, spectrum, 0, 2 * bins(n));
    }

    @Override
    public void close() {
        arena.close();
    }

    private static synchronized MemorySegment plan(int n) {
        MemorySegment plan = PLANS.get(n);
        if (plan != null) {
            return plan;
        }
        // FFTW_ESTIMATE does not touch the arrays: they only tell the planner the alignment to expect
        try (Arena planning = Arena.ofConfined()) {
            MemorySegment in = planning.allocate(JAVA_DOUBLE.byteSize() * n, ALIGNMENT);
            MemorySegment out = planning.allocate(JAVA_DOUBLE.byteSize() * 2 * bins(n), ALIGNMENT);
            plan = (MemorySegment) PLAN_R2C.invokeExact(n, in, out, FFTW_ESTIMATE | FFTW_DESTROY_INPUT);
        } catch (Throwable t) {
            throw NativeLibs.rethrow(t);
        }
        if (plan.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("FFTW could not plan a real transform of " + n + " points");
        }
        PLANS.put(n, plan);
        return plan;
    }
}
