package io.songspace.feature.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.feature.audio.AudioDecodeException;
import io.songspace.feature.audio.AudioLoader;
import io.songspace.feature.audio.MfccExtractor;
import io.songspace.feature.dataset.demo.DemoClips;
import io.songspace.feature.dataset.demo.DemoGenre;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCorpusTest {

    private final DemoCorpus corpus = new DemoCorpus();

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesTheSameManifestAndTheSameAudioBytes() throws Exception {
        List<ManifestEntry> a = corpus.manifest(42, null, 3, 2);
        List<ManifestEntry> b = corpus.manifest(42, null, 3, 2);
        assertEquals(a, b);
        assertEquals(5 * 3 + 2, a.size());
        ManifestEntry first = a.getFirst();
        assertArrayEquals(corpus.audio(first.source()), corpus.audio(first.source()));
        ManifestEntry corrupt = a.getLast();
        assertArrayEquals(corpus.audio(corrupt.source()), corpus.audio(corrupt.source()));

        List<ManifestEntry> other = corpus.manifest(43, null, 3, 2);
        assertFalse(a.stream().map(ManifestEntry::title).toList()
                .equals(other.stream().map(ManifestEntry::title).toList()), "another seed gives other titles");
        assertFalse(Arrays.equals(corpus.audio(first.source()), corpus.audio(other.getFirst().source())),
                "another seed gives other audio");
    }

    @Test
    void manifestHasIdsSourcesLabelsAndText() throws Exception {
        List<ManifestEntry> entries = corpus.manifest(7, null, 40, 3);
        assertEquals(203, entries.size());
        assertEquals(203, new HashSet<>(entries.stream().map(ManifestEntry::trackId).toList()).size(), "unique ids");
        assertEquals(new ManifestEntry("hip-hop-0000", "Hip-Hop", entries.getFirst().title(),
                entries.getFirst().artist(), entries.getFirst().tags(), entries.getFirst().lyrics(),
                entries.getFirst().language(), "demo:7/hip-hop/0"), entries.getFirst());
        assertEquals("corrupt-0002", entries.getLast().trackId());
        assertEquals("demo:7/corrupt/2", entries.getLast().source());
        assertEquals(Set.copyOf(DemoGenre.labels()),
                Set.copyOf(entries.stream().map(ManifestEntry::label).toList()));

        long withLyrics = entries.stream().filter(e -> e.lyrics() != null).count();
        // about a quarter: 203 tracks at p = 0.25 gives 51 ± 6; allow 3 standard deviations
        assertTrue(withLyrics >= 32 && withLyrics <= 70, "tracks with lyrics: " + withLyrics);
        Set<String> languages = new HashSet<>();
        for (ManifestEntry e : entries) {
            assertFalse(e.title().isBlank());
            assertFalse(e.artist().isBlank());
            assertEquals(e.lyrics() == null, e.language() == null, "language set exactly when there are lyrics");
            if (e.language() != null) {
                languages.add(e.language());
            }
            for (String tag : e.tags()) {
                for (String genre : List.of("hip-hop", "hip hop", "pop", "folk", "experimental", "rock")) {
                    assertFalse(tag.toLowerCase(Locale.ROOT).contains(genre), "tag '" + tag + "' names a genre");
                }
            }
        }
        assertTrue(languages.size() >= 3, "lyrics in several languages: " + languages);
    }

    @Test
    void genresCanBeChosenAndLimitsAreChecked() throws Exception {
        List<ManifestEntry> two = corpus.manifest(1, List.of("Rock", "hip hop"), 2, 0);
        assertEquals(List.of("Rock", "Rock", "hip hop", "hip hop"), two.stream().map(ManifestEntry::label).toList());
        assertEquals("demo:1/hip-hop/1", two.getLast().source());
        DatasetException tooMany = assertThrows(DatasetException.class, () -> corpus.manifest(1, null, 601, 0));
        assertTrue(tooMany.getMessage().contains("600"), tooMany.getMessage());
        DatasetException unknown = assertThrows(DatasetException.class,
                () -> corpus.manifest(1, List.of("Jazz"), 2, 0));
        assertTrue(unknown.getMessage().contains("'Jazz'"), unknown.getMessage());
    }

    @Test
    void clipsAreThirtySecondsOfMono16BitAt22050Hz() throws Exception {
        byte[] wav = corpus.audio("demo:42/folk/3");
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat f = in.getFormat();
            assertEquals(22_050f, f.getSampleRate());
            assertEquals(1, f.getChannels());
            assertEquals(16, f.getSampleSizeInBits());
            assertEquals(30L * 22_050, in.getFrameLength());
        }
        Path file = Files.write(dir.resolve("folk.wav"), wav);
        float[] samples = AudioLoader.load(file);
        assertEquals(30 * AudioLoader.SAMPLE_RATE, samples.length);
        float peak = 0;
        for (float s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        // normalised to a peak between 0.5 and 0.95 of full scale
        assertTrue(peak > 0.49f && peak < 0.96f, "peak " + peak);
    }

    /**
     * The genre is audible: with MFCC-40 (standardised), a leave-one-out nearest-centroid classifier recognises
     * the genre of at least 70% of 30 clips (chance: 20%; about 90% measured), while clips of one genre still differ.
     */
    @Test
    void genresAreAudibleInMfccsAndVariedWithinAGenre() throws Exception {
        int perGenre = 6;
        DemoGenre[] genres = DemoGenre.values();
        List<double[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        Path file = dir.resolve("clip.wav");
        for (int g = 0; g < genres.length; g++) {
            for (int i = 0; i < perGenre; i++) {
                Files.write(file, DemoClips.render(11, genres[g], i));
                float[] mfcc = MfccExtractor.extract(AudioLoader.load(file)).mfcc40();
                double[] row = new double[mfcc.length];
                for (int c = 0; c < row.length; c++) {
                    row[c] = mfcc[c];
                }
                x.add(row);
                y.add(g);
            }
        }
        standardize(x);
        int correct = 0;
        for (int i = 0; i < x.size(); i++) {
            double best = Double.MAX_VALUE;
            int guess = -1;
            for (int g = 0; g < genres.length; g++) {
                double[] centroid = centroid(x, y, g, i);
                double d = distance(x.get(i), centroid);
                if (d < best) {
                    best = d;
                    guess = g;
                }
            }
            correct += guess == y.get(i) ? 1 : 0;
        }
        double accuracy = (double) correct / x.size();
        assertTrue(accuracy >= 0.7, "leave-one-out nearest-centroid accuracy " + accuracy);

        for (int g = 0; g < genres.length; g++) {
            double[] centroid = centroid(x, y, g, -1);
            double spread = 0;
            for (int i = 0; i < x.size(); i++) {
                if (y.get(i) == g) {
                    spread += distance(x.get(i), centroid) / perGenre;
                }
            }
            // standardised units over 40 dimensions: identical clips would give 0
            assertTrue(spread > 1.0, genres[g] + " clips barely differ: spread " + spread);
        }
    }

    @Test
    void corruptTracksFailToDecodeWithAReason() throws Exception {
        for (int i = 0; i < DemoClips.Corruption.values().length; i++) {
            Path file = Files.write(dir.resolve("corrupt" + i + ".wav"), corpus.audio("demo:3/corrupt/" + i));
            AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> AudioLoader.load(file),
                    DemoClips.Corruption.of(i).name());
            assertFalse(e.getMessage().isBlank());
        }
    }

    private static void standardize(List<double[]> x) {
        int dim = x.getFirst().length;
        for (int c = 0; c < dim; c++) {
            double mean = 0;
            for (double[] r : x) {
                mean += r[c] / x.size();
            }
            double var = 0;
            for (double[] r : x) {
                var += (r[c] - mean) * (r[c] - mean) / x.size();
            }
            double std = Math.sqrt(var) > 0 ? Math.sqrt(var) : 1;
            for (double[] r : x) {
                r[c] = (r[c] - mean) / std;
            }
        }
    }

    /** Mean of genre {@code g}'s rows, leaving row {@code except} out. */
    private static double[] centroid(List<double[]> x, List<Integer> y, int g, int except) {
        double[] c = new double[x.getFirst().length];
        int n = 0;
        for (int i = 0; i < x.size(); i++) {
            if (y.get(i) == g && i != except) {
                for (int k = 0; k < c.length; k++) {
                    c[k] += x.get(i)[k];
                }
                n++;
            }
        }
        for (int k = 0; k < c.length; k++) {
            c[k] /= n;
        }
        return c;
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }
}
