package io.songspace.feature.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.songspace.common.natives.NativeLibraryAudit;
import io.songspace.common.natives.NativeLibraryAudit.Opened;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audio path opens only the native libraries that the list names (and opens those by their listed names). */
class NativeLibrariesTest {

    @Test
    void audioPathOpensOnlyListedLibraries() throws Exception {
        List<Opened> opened = NativeLibraryAudit.opened(Exercise.class);
        List<String> found = opened.stream().filter(Opened::found).map(Opened::name).toList();
        assertTrue(found.containsAll(List.of("libsndfile.so.1", "libsoxr.so.0")), "traced: " + opened);
        assertEquals(List.of(), NativeLibraryAudit.unlisted(Exercise.class), "opened but not in the list");
    }

    /** Writes a 44.1 kHz stereo FLAC and a WAV, decodes and resamples them, and computes MFCCs. */
    public static final class Exercise {
        public static void main(String[] args) throws Exception {
            Path dir = Files.createTempDirectory("native-audit");
            float[] stereo = new float[2 * 44_100];
            for (int i = 0; i < stereo.length; i++) {
                stereo[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * (i / 2) / 44_100.0));
            }
            for (AudioWriter.Format format : List.of(AudioWriter.Format.WAV_PCM16, AudioWriter.Format.FLAC)) {
                Path file = dir.resolve("tone." + format.name().toLowerCase());
                AudioWriter.write(file, stereo, 2, 44_100, format);
                MfccExtractor.extract(AudioLoader.load(file));
                Files.delete(file);
            }
            Files.delete(dir);
        }
    }
}
