package io.songspace.common.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NativeLibraryListTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void listNamesEveryLibraryTheBindingsUse() {
        assertEquals("libsndfile1", NativeLibrary.SNDFILE.debianPackage());
        assertEquals("libsoxr0", NativeLibrary.SOXR.debianPackage());
        assertEquals("libfftw3-double3", NativeLibrary.FFTW.debianPackage());
        assertEquals("libopenblas-dev", NativeLibrary.OPENBLAS.debianPackage(), "Smile opens the unversioned name");
        assertTrue(NativeLibrary.all().stream().anyMatch(NativeLibrary::isFile), "the figures' font is listed");
    }

    @Test
    void launcherChecksTheSameList() throws Exception {
        String launcher = Files.readString(ROOT.resolve("songspace"));
        Matcher m = Pattern.compile("NATIVE_LIST=(\\S+)").matcher(launcher);
        assertTrue(m.find(), "songspace defines NATIVE_LIST");
        Path list = ROOT.resolve(m.group(1));
        assertTrue(Files.isRegularFile(list), list + " exists");
        assertEquals(Files.readString(list),
                new String(NativeLibrary.class.getResourceAsStream("native-libraries.tsv").readAllBytes()),
                "the launcher reads the list the code reads");
    }

    @Test
    void ciInstallsEveryRequiredPackageOfTheList() throws Exception {
        Matcher m = Pattern.compile("packages=\"([^\"]+)\"").matcher(Files.readString(ROOT.resolve(".ci/run")));
        assertTrue(m.find(), ".ci/run names its packages");
        var installed = new TreeSet<>(Arrays.asList(m.group(1).split(" ")));
        var listed = new TreeSet<String>();
        NativeLibrary.all().stream().filter(l -> !l.optional()).forEach(l -> listed.add(l.debianPackage()));
        assertEquals(listed, installed);
    }

    @Test
    void missingLibraryNamesThePackageAndTheDoctor() {
        var absent = new NativeLibrary("libsongspace-absent.so.9", "songspace-absent", false, "nobody");
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, absent::open);
        assertTrue(e.getMessage().contains("apt-get install -y songspace-absent"), e.getMessage());
        assertTrue(e.getMessage().contains("./songspace doctor"), e.getMessage());
    }

    @Test
    void auditReportsALibraryOpenedByNameThatTheListLacks() throws Exception {
        // libz.so.1 is on every Debian machine and is not in the list: opening it must be reported
        List<NativeLibraryAudit.Opened> unlisted = NativeLibraryAudit.unlisted(OpensByName.class, "libz.so.1",
                NativeLibrary.all().getFirst().name());
        assertEquals(List.of("libz.so.1"), unlisted.stream().map(NativeLibraryAudit.Opened::name).toList());
        assertTrue(unlisted.getFirst().found());
    }

    @Test
    void auditSeesAFailedOpenAsNotFound() throws Exception {
        var opened = NativeLibraryAudit.opened(OpensByName.class, "libsongspace-absent.so.9");
        var absent = opened.stream().filter(o -> o.name().equals("libsongspace-absent.so.9")).findFirst();
        assertTrue(absent.isPresent(), "the attempt is traced: " + opened);
        assertFalse(absent.get().found());
    }

    /** The audited program: opens each named library, ignoring the ones that are absent. */
    public static final class OpensByName {
        public static void main(String[] names) {
            for (String name : names) {
                try {
                    SymbolLookup.libraryLookup(name, Arena.global());
                } catch (IllegalArgumentException absent) {
                    System.out.println("absent: " + name);
                }
            }
        }
    }
}
