package io.songspace.feature.audio;

import io.songspace.common.natives.NativeLibrary;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * Opens the system's shared libraries for the FFM bindings in this package ({@link SndFile}, {@link Soxr},
 * {@link RealFft}). The bindings are hand-written with {@code java.lang.foreign} because no maintained Java binding
 * of libsndfile, libsoxr or FFTW exists on Maven Central; they cover only the handful of functions songspace calls.
 */
final class NativeLibs {

    private static final Linker LINKER = Linker.nativeLinker();

    private final SymbolLookup lookup;

    private NativeLibs(SymbolLookup lookup) {
        this.lookup = lookup;
    }

    /** Loads a library of the list for the life of the JVM (libraries are never unloaded: handles are static). */
    static NativeLibs open(NativeLibrary library) {
        return new NativeLibs(library.open());
    }

    MethodHandle downcall(String function, FunctionDescriptor descriptor, Linker.Option... options) {
        return LINKER.downcallHandle(lookup.findOrThrow(function), descriptor, options);
    }

    /**
     * For the {@code catch (Throwable)} that {@code invokeExact} forces on every downcall: the C functions bound
     * here do not throw, so what arrives is a JVM error (rethrown as is) or a binding bug.
     */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }

    /** A NUL-terminated C string returned by a library (never freed by the caller), or {@code null}. */
    static String string(MemorySegment cString) {
        return cString.equals(MemorySegment.NULL) ? null : cString.reinterpret(Integer.MAX_VALUE).getString(0);
    }
}
