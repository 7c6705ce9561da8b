package io.songspace.common.natives;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One native file that songspace or a dependency opens from the system: the exact name it is opened with, the
 * Debian package that provides it, whether songspace can work without it, and who opens it. The list is {@code native-libraries.tsv} beside this class,
 * the same file the launcher's {@code ./songspace doctor} checks, so the code and the check cannot disagree.
 */
public record NativeLibrary(String name, String debianPackage, boolean optional, String openedBy) {

    private static final String LIST = "native-libraries.tsv";
    private static final List<NativeLibrary> ALL = load();

    /** Sonames opened by the code and its dependencies; named here so that call sites share one spelling. */
    public static final NativeLibrary SNDFILE = named("libsndfile.so.1");
    public static final NativeLibrary SOXR = named("libsoxr.so.0");
    public static final NativeLibrary FFTW = named("libfftw3.so.3");
    public static final NativeLibrary OPENBLAS = named("libopenblas.so");

    public NativeLibrary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(debianPackage, "debianPackage");
    }

    /** Every entry of the list, in its order. */
    public static List<NativeLibrary> all() {
        return ALL;
    }

    /** The entry for {@code name}; a name the list lacks is a programming error, so it throws. */
    public static NativeLibrary named(String name) {
        return ALL.stream().filter(l -> l.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " is not in " + LIST));
    }

    /** Whether this entry is a plain file (a font) rather than a library the dynamic loader resolves. */
    public boolean isFile() {
        return name.startsWith("/");
    }

    /**
     * Opens the library for the life of the JVM (handles are static, libraries never unloaded). Also the check
     * before a dependency opens it (Smile's OpenBLAS), so that its absence is one clear message rather than an
     * {@code ExceptionInInitializerError} from inside the dependency.
     *
     * @throws IllegalStateException naming the library, the package to install and the doctor command
     */
    public SymbolLookup open() {
        try {
            return SymbolLookup.libraryLookup(name, Arena.global());
        } catch (IllegalArgumentException e) {
            throw missing(e);
        }
    }

    private IllegalStateException missing(Exception cause) {
        return new IllegalStateException("native library " + name + " cannot be opened (" + openedBy + "): install it"
                + " with `apt-get install -y " + debianPackage + "`; `./songspace doctor` checks every native library",
                cause);
    }

    private static List<NativeLibrary> load() {
        try (InputStream in = NativeLibrary.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the classpath");
            }
            List<NativeLibrary> list = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length != 4 || !fields[2].matches("required|optional")) {
                    throw new IllegalStateException(LIST + ": expected name, package, required|optional and user"
                            + " separated by tabs: " + line);
                }
                list.add(new NativeLibrary(fields[0], fields[1], fields[2].equals("optional"), fields[3]));
            }
            return List.copyOf(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
