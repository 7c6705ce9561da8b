package io.songspace.feature.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * librosa parity on the real clips and reference numbers of the fixtures folder named by {@code songspace.fixtures} (see its README): MFCC-40,
 * decoded length, frame count and the 20×128 patch for every clip, and every intermediate stage for one clip.
 * Skipped, with a message, where the fixtures are absent. The observed differences are printed.
 */
class MfccParityTest {

    private static final Path FIXTURES = Path.of(System.getProperty("songspace.fixtures", "../shared/fixtures"));
    private static final Path MFCC = FIXTURES.resolve("mfcc");
    private static final Path STAGES = MFCC.resolve("wav22k__admiralbob77_choice_drumbass.stages.npz");

    @TestFactory
    Stream<DynamicTest> matchesLibrosaOnEveryReferenceClip() throws IOException {
        assumeFixtures();
        List<DynamicTest> tests = new ArrayList<>();
        for (CSVRecord row : referenceRows()) {
            String file = row.get("file");
            tests.add(dynamicTest(file, () -> checkClip(row)));
        }
        return tests.stream();
    }

    private static void checkClip(CSVRecord row) throws Exception {
        String file = row.get("file");
        double tolerance = tolerance(file);
        float[] y = AudioLoader.load(FIXTURES.resolve(file));
        assertEquals(Integer.parseInt(row.get("samples_22050")), y.length, file + ": samples after load/resample");

        MfccFeatures features = MfccExtractor.extract(y);
        assertEquals(Integer.parseInt(row.get("frames")), features.frames(), file + ": frames");

        float[] expected = new float[2 * MfccExtractor.N_MFCC];
        for (int c = 0; c < MfccExtractor.N_MFCC; c++) {
            expected[c] = Float.parseFloat(row.get("mean_c" + c));
            expected[MfccExtractor.N_MFCC + c] = Float.parseFloat(row.get("std_c" + c));
        }
        double vectorDiff = maxAbsDiff(expected, features.mfcc40());

        // fixture name: <set>__<clip>.patch.npy, e.g. audio/wav22k/x.wav -> wav22k__x.patch.npy
        Path clip = Path.of(file);
        String set = clip.getParent().getFileName().toString();
        String stem = clip.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        NpyArray patch = Npy.read(Files.readAllBytes(MFCC.resolve(set + "__" + stem + ".patch.npy")));
        assertArrayEquals(new int[] {MfccExtractor.N_MFCC, MfccExtractor.PATCH_FRAMES}, patch.shape());
        double patchDiff = maxAbsDiff(patch.floats(), features.patch());
        // the MP3's patch is judged relative to its largest value; the WAV patches absolutely, like the vectors
        double patchScale = set.equals("fma") ? maxAbs(patch.floats()) : 1.0;

        System.out.printf(Locale.ROOT, "parity %-52s mfcc40 max|diff| %.3g, patch max|diff| %.3g%s (bound %s)%n",
                file, vectorDiff, patchDiff,
                patchScale == 1.0 ? "" : String.format(Locale.ROOT, " = %.3g of max|patch|", patchDiff / patchScale),
                tolerance);
        assertTrue(vectorDiff <= tolerance, file + ": MFCC-40 max abs diff " + vectorDiff + " > " + tolerance);
        assertTrue(patchDiff / patchScale <= tolerance,
                file + ": patch max abs diff " + patchDiff + " (scale " + patchScale + ") > " + tolerance);
    }

    /** Per the fixtures README: 22,050 Hz input is exact to float32 noise; 44.1 kHz depends on the resampler. */
    private static double tolerance(String file) {
        if (file.contains("/wav22k/")) {
            return 1e-3;
        }
        if (file.contains("/wav44k/")) {
            return 0.1;
        }
        return 0.5;
    }

    @Test
    void everyStageMatchesLibrosaOnOneClip() throws Exception {
        assumeFixtures();
        Assumptions.assumeTrue(Files.isRegularFile(STAGES), STAGES + " absent: skipping");
        Map<String, NpyArray> stages = readStages("y", "window", "mel_fb", "db", "mfcc");

        float[] y = AudioLoader.load(FIXTURES.resolve("audio/wav22k/admiralbob77_choice_drumbass.wav"));
        assertArrayEquals(stages.get("y").floats(), y, "16-bit PCM read as float must be exact");

        double[] window = MfccExtractor.hannWindow();
        double[] expectedWindow = stages.get("window").doubles();
        double windowDiff = 0;
        for (int i = 0; i < window.length; i++) {
            windowDiff = Math.max(windowDiff, Math.abs(window[i] - expectedWindow[i]));
        }
        assertTrue(windowDiff <= 1e-15, "window max abs diff " + windowDiff);

        NpyArray melFb = stages.get("mel_fb");
        assertArrayEquals(new int[] {MfccExtractor.N_MELS, MfccExtractor.N_BINS}, melFb.shape());
        float[][] fb = MfccExtractor.melFilterbank();
        float[] flat = new float[MfccExtractor.N_MELS * MfccExtractor.N_BINS];
        for (int m = 0; m < fb.length; m++) {
            System.arraycopy(fb[m], 0, flat, m * MfccExtractor.N_BINS, MfccExtractor.N_BINS);
        }
        double fbDiff = maxAbsDiff(melFb.floats(), flat);
        assertTrue(fbDiff <= 1e-6, "mel filterbank max abs diff " + fbDiff);

        int frames = 1 + y.length / MfccExtractor.HOP;
        NpyArray db = stages.get("db");
        assertArrayEquals(new int[] {MfccExtractor.N_MELS, frames}, db.shape());
        float[] ourDb = MfccExtractor.melDb(y, frames);
        double dbDiff = maxAbsDiff(db.floats(), ourDb);
        // the DCT alone, fed librosa's own dB values, isolates it from the spectrogram
        double dctDiff = maxAbsDiff(stages.get("mfcc").floats(), MfccExtractor.dct(db.floats(), frames));
        double mfccDiff = maxAbsDiff(stages.get("mfcc").floats(), MfccExtractor.dct(ourDb, frames));
        System.out.printf(Locale.ROOT, "stages: window %.3g, mel_fb %.3g, db %.3g dB, dct %.3g, mfcc %.3g (max abs)%n",
                windowDiff, fbDiff, dbDiff, dctDiff, mfccDiff);
        assertTrue(dbDiff <= 1e-3, "log-mel max abs diff " + dbDiff + " dB");
        assertTrue(dctDiff <= 1e-3, "DCT max abs diff " + dctDiff);
        assertTrue(mfccDiff <= 1e-3, "per-frame MFCC max abs diff " + mfccDiff);
    }

    private static void assumeFixtures() {
        Assumptions.assumeTrue(Files.isRegularFile(MFCC.resolve("mfcc40_reference.csv")),
                "fixtures " + FIXTURES.toAbsolutePath().normalize() + " absent: skipping");
    }

    /**
     * The named entries of the stages .npz. Not {@code Npy.readNpz}: the file's {@code power} entry is stored in
     * Fortran order, which the codec rejects, and it is not needed here.
     */
    private static Map<String, NpyArray> readStages(String... names) throws IOException {
        Set<String> wanted = Set.of(names);
        Map<String, NpyArray> arrays = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(STAGES))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName().replaceFirst("\\.npy$", "");
                if (wanted.contains(name)) {
                    arrays.put(name, Npy.read(zip.readAllBytes()));
                }
            }
        }
        assertEquals(wanted, arrays.keySet(), "entries of " + STAGES.getFileName());
        return arrays;
    }

    private static List<CSVRecord> referenceRows() throws IOException {
        try (Reader in = Files.newBufferedReader(MFCC.resolve("mfcc40_reference.csv"))) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    private static double maxAbsDiff(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs((double) expected[i] - actual[i]));
        }
        return max;
    }

    private static double maxAbs(float[] values) {
        double max = 0;
        for (float v : values) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
