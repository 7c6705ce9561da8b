package io.songspace.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.AudioJob;
import io.songspace.common.events.DatasetSpec;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.Manifests;
import io.songspace.common.store.ObjectStore;
import io.songspace.feature.audio.AudioLoader;
import io.songspace.feature.audio.AudioWriter;
import io.songspace.feature.dataset.DatasetFiles;
import io.songspace.feature.dataset.DatasetLocation;
import io.songspace.feature.dataset.FmaCatalog;
import io.songspace.feature.service.FeatureAssemblyService;
import io.songspace.feature.service.ManifestService;
import io.songspace.feature.service.ChunkFeatureService;
import io.songspace.stack.S3TestResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad inputs, one table row per kind, each with the outcome a run records for it: featurised, skipped with the
 * reason, or the dataset refused with a message naming the file and line or column. Audio files go through the
 * worker, as a chunk of one track ({@link ChunkFeatureService}); datasets through {@link ManifestService#plan}, the
 * worker for every planned chunk and the assembler, so the outcomes are the ones a run's view lists. Inputs are generated in a temporary folder; the few
 * that libsndfile cannot write here are skipped with a message.
 */
@QuarkusTest
@QuarkusTestResource(S3TestResource.class)
class BadInputTest {

    private static final int RATE = AudioLoader.SAMPLE_RATE;
    private static final IntToDoubleFunction TONE = tone(440, RATE);
    private static final String FEATURISED = "featurised";
    private static final String SKIPPED = "skipped: ";
    /** libsndfile picks mpg123 for a ".mp3" it recognises nothing in; mpg123 then finds no MPEG frame. */
    private static final String NO_STREAM = "not a recognised audio file: no audio stream found in it";
    private static final String NON_FINITE = "non-finite value (NaN, infinite or beyond float range)";
    private static final Path FIXTURES = Path.of(System.getProperty("songspace.fixtures", "../shared/fixtures"));
    /** A file that is no dataset; no message may quote it. */
    private static final String PASSWD = "root:x:0:0:root:/root:/bin/bash\n"
            + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";

    @Inject
    ObjectStore store;

    @Inject
    ObjectMapper json;

    @Inject
    ChunkFeatureService chunks;

    @Inject
    ManifestService manifests;

    @Inject
    FeatureAssemblyService assembler;

    @BeforeEach
    void setUp() {
        store.ensureBucket();
    }

    // ---------------------------------------------------------------------------------------------- audio files

    /** What a worker records for one file: {@link #FEATURISED}, {@code "skipped: " + reason}. */
    record AudioCase(String name, Maker<Path> make, Function<Path, Expected> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The expected outcome; {@code reasonPrefix} when the rest of the reason is libsndfile's own text. */
    record Expected(String outcome, boolean reasonPrefix) {
        static Expected featurised() {
            return new Expected(FEATURISED, false);
        }

        static Expected skipped(String reason) {
            return new Expected(SKIPPED + reason, false);
        }

        /** Skipped with our reason code, then ": " and the decoder's explanation. */
        static Expected skippedAs(String code) {
            return new Expected(SKIPPED + code + ": ", true);
        }
    }

    @FunctionalInterface
    interface Maker<T> {
        T make(Path dir) throws Exception;
    }

    static Stream<AudioCase> audioCases() {
        return Stream.of(
                new AudioCase("empty file", dir -> Files.createFile(dir.resolve("empty.wav")),
                        f -> Expected.skipped("empty file (0 bytes)")),
                new AudioCase("truncated WAV header", dir -> Files.write(dir.resolve("cut.wav"),
                        Arrays.copyOf(wav(1, RATE, 16, RATE, TONE), 20)),
                        f -> Expected.skippedAs("cannot decode the file")),
                new AudioCase("truncated FLAC header", dir -> truncated(dir, AudioWriter.Format.FLAC, "cut.flac", 30),
                        f -> Expected.skippedAs("cannot decode the file")),
                new AudioCase("truncated MP3 header", dir -> truncated(dir, AudioWriter.Format.MP3, "cut.mp3", 100),
                        f -> Expected.skipped(NO_STREAM)),
                new AudioCase("MP3 cut in the middle of its frames", dir -> {
                    Path mp3 = encoded(dir, AudioWriter.Format.MP3, "whole.mp3");
                    byte[] bytes = Files.readAllBytes(mp3);
                    return Files.write(dir.resolve("half.mp3"), Arrays.copyOf(bytes, bytes.length / 2));
                }, f -> Expected.featurised()),
                new AudioCase("real FMA MP3 (fixture) cut in half", dir -> {
                    Path mp3 = FIXTURES.resolve("audio/fma/000002.mp3");
                    Assumptions.assumeTrue(Files.isRegularFile(mp3), "fixture " + mp3.toAbsolutePath().normalize()
                            + " absent: skipping");
                    byte[] bytes = Files.readAllBytes(mp3);
                    return Files.write(dir.resolve("000002.mp3"), Arrays.copyOf(bytes, bytes.length / 2));
                }, f -> Expected.featurised()),
                new AudioCase("random bytes", dir -> Files.write(dir.resolve("noise.wav"), randomBytes(50_000)),
                        f -> Expected.skippedAs("not a recognised audio file")),
                new AudioCase("text with an audio extension", dir -> Files.writeString(dir.resolve("notes.mp3"),
                        "these are my notes, not a song\n".repeat(200)), f -> Expected.skipped(NO_STREAM)),
                new AudioCase("PNG with an audio extension", dir -> Files.write(dir.resolve("cover.flac"), png()),
                        f -> Expected.skippedAs("not a recognised audio file")),
                new AudioCase("ID3 tag only", dir -> Files.write(dir.resolve("tag.mp3"), id3Only()),
                        f -> Expected.skipped(NO_STREAM)),
                new AudioCase("NaN float samples", dir -> Files.write(dir.resolve("nan.wav"),
                        wav(1, RATE, 32, RATE, i -> i == RATE / 2 ? Double.NaN : TONE.applyAsDouble(i))),
                        f -> Expected.skipped("the file contains NaN or infinite samples")),
                new AudioCase("WAV header declaring 10 s over 1 s of data", dir -> {
                    byte[] bytes = wav(1, RATE, 16, RATE, TONE);
                    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 10 * RATE * 2);
                    return Files.write(dir.resolve("liar.wav"), bytes);
                }, f -> Expected.featurised()),
                new AudioCase("zero channels", dir -> Files.write(dir.resolve("nochannels.wav"),
                        wav(0, RATE, 16, RATE, TONE)), f -> Expected.skippedAs("cannot decode the file")),
                new AudioCase("1 sample", dir -> Files.write(dir.resolve("one.wav"), wav(1, RATE, 16, 1, TONE)),
                        f -> Expected.featurised()),
                new AudioCase("10 ms", dir -> Files.write(dir.resolve("short.wav"),
                        wav(1, RATE, 16, RATE / 100, TONE)), f -> Expected.featurised()),
                new AudioCase("silence", dir -> Files.write(dir.resolve("silence.wav"),
                        wav(1, RATE, 16, 2 * RATE, i -> 0)), f -> Expected.featurised()),
                new AudioCase("8-bit PCM", dir -> Files.write(dir.resolve("u8.wav"), wav(1, RATE, 8, RATE, TONE)),
                        f -> Expected.featurised()),
                new AudioCase("24-bit PCM", dir -> Files.write(dir.resolve("s24.wav"), wav(2, 44_100, 24, 44_100,
                        tone(440, 44_100))), f -> Expected.featurised()),
                new AudioCase("32-bit float", dir -> Files.write(dir.resolve("f32.wav"),
                        wav(1, RATE, 32, RATE, TONE)), f -> Expected.featurised()),
                new AudioCase("8 kHz", dir -> Files.write(dir.resolve("8k.wav"), wav(1, 8_000, 16, 8_000,
                        tone(440, 8_000))), f -> Expected.featurised()),
                new AudioCase("96 kHz 6 channels", dir -> Files.write(dir.resolve("96k6ch.wav"),
                        wav(6, 96_000, 16, 96_000, tone(440, 96_000))), f -> Expected.featurised()),
                new AudioCase("Opus in Ogg", dir -> encoded(dir, AudioWriter.Format.OGG_OPUS, "tone.opus"),
                        f -> Expected.featurised()),
                new AudioCase("one hour, NaN after the first 30 s", BadInputTest::hourLong, f -> Expected.featurised()),
                new AudioCase("missing file", dir -> dir.resolve("gone.wav"),
                        f -> Expected.skipped("audio file not found: " + f)),
                new AudioCase("symbolic link loop", dir -> Files.createSymbolicLink(dir.resolve("loop.wav"),
                        Path.of("loop.wav")), f -> Expected.skipped("symbolic link loop: " + f)),
                new AudioCase("symbolic link loop of two", dir -> {
                    Files.createSymbolicLink(dir.resolve("b.wav"), Path.of("a.wav"));
                    return Files.createSymbolicLink(dir.resolve("a.wav"), Path.of("b.wav"));
                }, f -> Expected.skipped("symbolic link loop: " + f)),
                new AudioCase("dangling symbolic link", dir -> Files.createSymbolicLink(dir.resolve("dangling.wav"),
                        Path.of("nowhere.wav")), f -> Expected.skipped("dangling symbolic link: " + f)),
                new AudioCase("symbolic link to a WAV", dir -> Files.createSymbolicLink(dir.resolve("link.wav"),
                        Files.write(dir.resolve("real.wav"), wav(1, RATE, 16, RATE, TONE)).getFileName()),
                        f -> Expected.featurised()),
                new AudioCase("folder named like a file", dir -> Files.createDirectory(dir.resolve("dir.wav")),
                        f -> Expected.skipped("a folder, not an audio file: " + f)),
                new AudioCase("unreadable file (chmod 000)", BadInputTest::unreadable,
                        f -> Files.isReadable(f) ? Expected.featurised() // root reads it all the same
                                : Expected.skipped("not readable (permission denied): " + f)),
                new AudioCase("name with spaces, quotes and non-ASCII", dir -> Files.write(
                        dir.resolve("Sigur Rós – \"Hoppípolla\" 'live' #1 %20.wav"), wav(1, RATE, 16, RATE, TONE)),
                        f -> Expected.featurised()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("audioCases")
    void audioFile(AudioCase c, @TempDir Path dir) throws Exception {
        Path file = c.make().make(dir);
        Expected expected = c.expected().apply(file);
        String runId = "bad-" + UUID.randomUUID();
        String source = DatasetFiles.source(new DatasetLocation.Local(file));

        AudioDone done = chunks.process(new AudioJob(runId, 0, List.of(new AudioJob.Track("t", source)),
                Instant.now())).orElseThrow().outcome();

        assertEquals(1, done.tracks().size());
        AudioDone.Outcome track = done.tracks().getFirst();
        assertEquals("t", track.trackId());
        String outcome = outcome(track);
        if (expected.reasonPrefix()) {
            assertTrue(outcome.startsWith(expected.outcome()) && outcome.length() > expected.outcome().length(),
                    "expected " + expected.outcome() + "<the decoder's reason>, got " + outcome);
        } else {
            assertEquals(expected.outcome(), outcome);
        }
        assertEquals(done, store.getJson(ArtifactKeys.chunkOutcome(runId, 0), AudioDone.class));
        if (track.status() == AudioDone.Status.DONE) {
            Map<String, NpyArray> npz = Npy.readNpz(store.require(ArtifactKeys.chunkFeatures(runId, 0)));
            assertArrayEquals(new int[] {1, 40}, npz.get("mfcc40").shape());
            assertArrayEquals(new int[] {1, 20, 128}, npz.get("patch").shape());
            assertAllFinite(npz.get("mfcc40").floats());
            assertAllFinite(npz.get("patch").floats());
        } else {
            assertFalse(store.exists(ArtifactKeys.chunkFeatures(runId, 0)), "no features for a skipped track");
        }
    }

    @Test
    void anHourLongFileIsReadOnlyAsFarAsItsFirstThirtySeconds(@TempDir Path dir) throws Exception {
        Path file = hourLong(dir);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AudioLoader.load(file); // classes loaded and code compiled before measuring
        long before = threads.getCurrentThreadAllocatedBytes();

        float[] y = AudioLoader.load(file);

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        int expected = AudioLoader.DURATION_SECONDS * RATE;
        assertEquals(expected, y.length);
        assertAllFinite(y); // the NaN seconds right after the first 30 were never read
        long resultBytes = (long) expected * Float.BYTES;
        assertTrue(Files.size(file) > 100 * resultBytes, "the file is far larger than what is read");
        assertTrue(allocated < 2 * resultBytes, "allocated " + allocated + " bytes for a " + resultBytes
                + "-byte result of a " + Files.size(file) + "-byte file");
    }

    // ---------------------------------------------------------------------------------------------- datasets

    /**
     * A dataset and what its run records: {@code "dataset error: " + message}, or per track (in manifest order)
     * {@code "id [label]"} → {@link #FEATURISED} or {@code "skipped: " + reason}.
     */
    record DatasetCase(String name, Maker<DatasetSpec> make, Function<Path, Object> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<DatasetCase> datasetCases() {
        return Stream.of(
                new DatasetCase("FMA tracks.csv without (track, genre_top)", dir -> fma(dir, List.of(
                        List.of("2", "Food", "AWOL", "small", "[]")), false),
                        dir -> "dataset error: " + tracksCsv(dir) + " has no column (track, genre_top) (4 two-level "
                                + "column names in its header rows)"),
                new DatasetCase("FMA tracks.csv with a broken quote", dir -> {
                    DatasetSpec spec = fma(dir, List.of(List.of("2", "Food", "AWOL", "small", "[]", "Hip-Hop")), true);
                    Files.writeString(tracksCsv(dir), "3,\"Unclosed,AWOL,small,[],Hip-Hop\n",
                            StandardOpenOption.APPEND);
                    return spec;
                }, dir -> "dataset error: " + tracksCsv(dir) + ": (startline 5) EOF reached before encapsulated "
                        + "token finished"),
                new DatasetCase("FMA genre not in the file", dir -> withGenres(fma(dir, List.of(
                        List.of("2", "Food", "AWOL", "small", "[]", "Hip-Hop")), true), List.of("Hip-Hop", "Polka")),
                        dir -> "dataset error: FMA subset small (" + tracksCsv(dir) + ") has no tracks of genre "
                                + "'Polka'"),
                new DatasetCase("FMA with a missing audio file", dir -> {
                    DatasetSpec spec = withGenres(fma(dir, List.of(
                            List.of("2", "Food", "AWOL", "small", "[]", "Hip-Hop"),
                            List.of("3", "Electric Ave", "AWOL", "small", "[]", "Hip-Hop")), true), List.of("Hip-Hop"));
                    writeClip(dir.resolve("fma_small/000/000002.mp3"));
                    return spec;
                }, dir -> tracks("000002 [Hip-Hop]", FEATURISED, "000003 [Hip-Hop]", SKIPPED
                        + "audio file not found: " + dir.resolve("fma_small/000/000003.mp3"))),
                new DatasetCase("FMA track_id that is not a number", dir -> fma(dir, List.of(
                        List.of("2", "Food", "AWOL", "small", "[]", "Hip-Hop"),
                        List.of("secret-value", "Food", "AWOL", "small", "[]", "Hip-Hop")), true),
                        dir -> "dataset error: " + tracksCsv(dir) + " line 5: track_id is not a number"),
                new DatasetCase("FMA tags cell that is no list literal", dir -> fma(dir, List.of(
                        List.of("2", "Food", "AWOL", "small", "secret-value", "Hip-Hop")), true),
                        dir -> "dataset error: " + tracksCsv(dir) + " line 4 (track 2): column (track, tags) is not a "
                                + "list literal"),
                new DatasetCase("FMA metadataPath naming a file that is no tracks.csv", dir -> {
                    Files.writeString(dir.resolve("passwd"), PASSWD);
                    return new DatasetSpec.Fma(dir.toString(), null, null, null, dir.resolve("passwd").toString());
                }, dir -> "dataset error: " + dir.resolve("passwd") + " is not FMA's tracks.csv: it has fewer than "
                        + "three header rows"),
                new DatasetCase("table with a non-numeric cell", dir -> table(dir, """
                        track_id,label,f1,f2
                        a,rock,1,2
                        b,rock,1,secret-value
                        """), dir -> tracks("a [rock]", FEATURISED,
                        "b [rock]", SKIPPED + "non-numeric value in column 'f2' (line 3)")),
                new DatasetCase("table with NaN", dir -> table(dir, """
                        track_id,label,f1,f2
                        a,rock,1,2
                        b,rock,NaN,2
                        c,rock,1,-Infinity
                        d,rock,1e39,2
                        """), dir -> tracks("a [rock]", FEATURISED,
                        "b [rock]", SKIPPED + NON_FINITE + " in column 'f1' (line 3)",
                        "c [rock]", SKIPPED + NON_FINITE + " in column 'f2' (line 4)",
                        "d [rock]", SKIPPED + NON_FINITE + " in column 'f1' (line 5)")),
                new DatasetCase("table with a duplicate id", dir -> table(dir, """
                        track_id,label,f1
                        a,rock,1
                        b,rock,2
                        a,pop,3
                        """), dir -> "dataset error: feature table " + dir.resolve("table.csv")
                        + ": lines 2 and 4 have the same track_id"),
                new DatasetCase("table with a missing label", dir -> table(dir, """
                        track_id,label,f1
                        a,rock,1
                        b,,2
                        """), dir -> tracks("a [rock]", FEATURISED, "b", FEATURISED)),
                new DatasetCase("table without its label column but genres asked for", dir -> withGenres(table(dir, """
                        track_id,f1
                        a,1
                        """), List.of("rock")), dir -> "dataset error: feature table " + dir.resolve("table.csv")
                        + " has no label column 'label', so genres and tracksPerGenre cannot be applied"),
                new DatasetCase("table with one row", dir -> table(dir, """
                        track_id,label,f1,f2
                        a,rock,1,2
                        """), dir -> tracks("a [rock]", FEATURISED)),
                new DatasetCase("table with ragged rows", dir -> table(dir, """
                        track_id,label,f1,f2
                        a,rock,1,2
                        b,rock,1,2,3
                        c,rock,1
                        """), dir -> tracks("a [rock]", FEATURISED,
                        "b [rock]", SKIPPED + "5 values where the header has 4 columns (line 3)",
                        "c [rock]", SKIPPED + "3 values where the header has 4 columns (line 4)")),
                new DatasetCase("table with two columns of the same name", dir -> table(dir, """
                        track_id,f1,f1
                        a,1,2
                        """), dir -> "dataset error: feature table " + dir.resolve("table.csv")
                        + ": columns 2 and 3 have the same name"),
                new DatasetCase("table with a column without a name", dir -> table(dir, """
                        track_id,,f1
                        a,1,2
                        """), dir -> "dataset error: feature table " + dir.resolve("table.csv")
                        + " has a column without a name (column 2 of 3)"),
                new DatasetCase("table path naming a file that is no table", dir -> {
                    Files.writeString(dir.resolve("passwd"), PASSWD);
                    return new DatasetSpec.Table(dir.resolve("passwd").toString(), null, null, null, null);
                }, dir -> "dataset error: feature table " + dir.resolve("passwd") + " has no id column 'track_id' "
                        + "(1 column in its header row)"),
                new DatasetCase("folder with one genre", dir -> {
                    writeClip(dir.resolve("rock/a.wav"));
                    writeClip(dir.resolve("rock/b.wav"));
                    return new DatasetSpec.Folder(dir.toString(), null, null);
                }, dir -> tracks("rock-a [rock]", FEATURISED, "rock-b [rock]", FEATURISED)),
                new DatasetCase("empty folder", dir -> new DatasetSpec.Folder(dir.toString(), null, null),
                        dir -> "dataset error: dataset folder " + dir + " has no tracks (expected one subfolder per "
                                + "genre holding the audio files)"),
                new DatasetCase("folder entries that are no readable files", dir -> {
                    Path rock = dir.resolve("rock");
                    writeClip(rock.resolve("good.wav"));
                    Files.createSymbolicLink(rock.resolve("alias.wav"), Path.of("good.wav"));
                    Files.createSymbolicLink(rock.resolve("good.json"), Path.of("gone.json")); // a sidecar: no track
                    Files.createSymbolicLink(rock.resolve("loop.wav"), Path.of("loop.wav"));
                    Files.createSymbolicLink(rock.resolve("dangling.wav"), Path.of("gone.wav"));
                    Files.createSymbolicLink(rock.resolve("albums"), dir.resolve("elsewhere"));
                    Files.createDirectories(dir.resolve("elsewhere"));
                    Files.createDirectories(rock.resolve("dir.wav"));
                    unreadable(rock);
                    return new DatasetSpec.Folder(dir.toString(), null, null);
                }, dir -> {
                    Path rock = dir.resolve("rock");
                    return tracks(
                            "rock-albums [rock]", SKIPPED + "a folder, not an audio file: " + rock.resolve("albums"),
                            "rock-alias [rock]", FEATURISED,
                            "rock-dangling [rock]", SKIPPED + "dangling symbolic link: " + rock.resolve("dangling.wav"),
                            "rock-dir [rock]", SKIPPED + "a folder, not an audio file: " + rock.resolve("dir.wav"),
                            "rock-good [rock]", FEATURISED,
                            "rock-locked [rock]", Files.isReadable(rock.resolve("locked.wav")) ? FEATURISED
                                    : SKIPPED + "not readable (permission denied): " + rock.resolve("locked.wav"),
                            "rock-loop [rock]", SKIPPED + "symbolic link loop: " + rock.resolve("loop.wav"));
                }),
                new DatasetCase("folder with an unreadable subfolder", dir -> {
                    writeClip(dir.resolve("jazz/a.wav"));
                    writeClip(dir.resolve("jazz/live/b.wav"));
                    Files.setPosixFilePermissions(dir.resolve("jazz/live"),
                            PosixFilePermissions.fromString("---------"));
                    return new DatasetSpec.Folder(dir.toString(), null, null);
                }, dir -> Files.isReadable(dir.resolve("jazz/live"))
                        ? tracks("jazz-a [jazz]", FEATURISED, "jazz-live_b [jazz]", FEATURISED)
                        : tracks("jazz-a [jazz]", FEATURISED, "jazz-live [jazz]", SKIPPED
                                + "not readable (permission denied): " + dir.resolve("jazz/live"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasetCases")
    void dataset(DatasetCase c, @TempDir Path dir) throws Exception {
        DatasetSpec spec = c.make().make(dir);
        try {
            assertEquals(c.expected().apply(dir), run(spec));
        } finally {
            // a test running as a user other than root must be able to delete what it locked
            try (Stream<Path> all = Files.walk(dir)) {
                all.filter(p -> !Files.isSymbolicLink(p)).forEach(BadInputTest::unlock);
            }
        }
    }

    /**
     * The dataset's outcome as a run's view shows it: the manifest failure, or every manifest track as featurised
     * ({@code track_ids.json}) or skipped with its reason ({@code skipped.json}) once the features are assembled.
     */
    private Object run(DatasetSpec dataset) throws Exception {
        String runId = "bad-" + UUID.randomUUID();
        store.putJson(ArtifactKeys.spec(runId), new RunSpec(dataset, null, null, 7L).withDefaults());
        ManifestService.RunPlan plan = manifests.plan(runId);
        PipelineEvent first = plan.events().getFirst();
        if (first.stage() == Stage.MANIFEST && first.status() == PipelineEvent.Status.FAILED) {
            return "dataset error: " + first.message();
        }
        List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
        if (dataset instanceof DatasetSpec.Table) {
            assertEquals(List.of(), plan.jobs(), "a table needs no audio job");
            assertEquals(List.of(), plan.known());
        }
        // every manifest track in exactly one chunk: a job's, or the last one, of the tracks known to be unusable
        List<String> planned = new ArrayList<>();
        plan.jobs().forEach(job -> job.tracks().forEach(t -> planned.add(t.trackId())));
        assertTrue(plan.known().size() <= 1, "at most one known outcome: " + plan.known());
        for (AudioDone known : plan.known()) {
            assertEquals(plan.jobs().size(), known.chunk(), "the unusable tracks' chunk comes after the jobs'");
            assertEquals(known, store.getJson(ArtifactKeys.chunkOutcome(runId, known.chunk()), AudioDone.class));
            known.tracks().forEach(t -> {
                assertEquals(AudioDone.Status.SKIPPED, t.status(), t.trackId());
                planned.add(t.trackId());
            });
        }
        if (!plan.jobs().isEmpty() || !plan.known().isEmpty()) {
            assertEquals(manifest.stream().map(ManifestEntry::trackId).sorted().toList(),
                    planned.stream().sorted().toList(), "every manifest track in exactly one chunk");
        }
        // a table's features are written with the manifest; audio is featurised chunk by chunk (the jobs, then the
        // known outcome, as they are published), then assembled
        List<CompletableFuture<PipelineEvent>> assemblies = new ArrayList<>();
        for (AudioJob job : plan.jobs()) {
            assembler.onChunkDone(chunks.process(job).orElseThrow().outcome()).assembly().ifPresent(assemblies::add);
        }
        for (AudioDone known : plan.known()) {
            assembler.onChunkDone(known).assembly().ifPresent(assemblies::add);
        }
        assertEquals(plan.jobs().isEmpty() && plan.known().isEmpty() ? 0 : 1, assemblies.size(),
                "the last chunk completes the run");
        for (CompletableFuture<PipelineEvent> assembly : assemblies) {
            assembly.get(60, TimeUnit.SECONDS);
        }
        String idsKey = ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS);
        List<?> ids = store.exists(idsKey) ? store.getJson(idsKey, List.class) : List.of();
        SkippedTrack[] skipped = store.getJson(ArtifactKeys.feature(runId, FeatureFiles.SKIPPED),
                SkippedTrack[].class);
        Map<String, String> results = new LinkedHashMap<>();
        for (ManifestEntry e : manifest) {
            String reason = Stream.of(skipped).filter(s -> s.trackId().equals(e.trackId()))
                    .map(SkippedTrack::reason).findFirst().orElse(null);
            assertTrue(reason != null ^ ids.contains(e.trackId()), e.trackId() + " is either featurised or skipped");
            results.put(key(e), reason == null ? FEATURISED : SKIPPED + reason);
        }
        return results;
    }

    private static String key(ManifestEntry e) {
        return e.trackId() + (e.label() == null ? "" : " [" + e.label() + "]");
    }

    private static String outcome(AudioDone.Outcome track) {
        return track.status() == AudioDone.Status.DONE ? FEATURISED : SKIPPED + track.reason();
    }

    private static Map<String, String> tracks(String... keysAndOutcomes) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndOutcomes.length; i += 2) {
            m.put(keysAndOutcomes[i], keysAndOutcomes[i + 1]);
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------------- inputs

    private static Path tracksCsv(Path dir) {
        return dir.resolve(FmaCatalog.METADATA);
    }

    /**
     * An FMA root with a tracks.csv as pandas writes it (two header rows, the index row) holding {@code rows} of
     * (track_id, title, artist name, subset, tags[, genre_top]).
     */
    private static DatasetSpec fma(Path dir, List<List<String>> rows, boolean withGenreTop) throws IOException {
        List<String> level0 = new ArrayList<>(List.of("", "track", "artist", "set", "track"));
        List<String> level1 = new ArrayList<>(List.of("", "title", "name", "subset", "tags"));
        if (withGenreTop) {
            level0.add("track");
            level1.add("genre_top");
        }
        Files.createDirectories(tracksCsv(dir).getParent());
        try (Writer w = Files.newBufferedWriter(tracksCsv(dir));
                CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180)) {
            csv.printRecord(level0);
            csv.printRecord(level1);
            csv.printRecord("track_id");
            for (List<String> r : rows) {
                csv.printRecord(r);
            }
        }
        return new DatasetSpec.Fma(dir.toString(), null, null, null, null);
    }

    private static DatasetSpec withGenres(DatasetSpec spec, List<String> genres) {
        return switch (spec) {
            case DatasetSpec.Fma f -> new DatasetSpec.Fma(f.path(), f.subset(), genres, null, f.metadataPath());
            case DatasetSpec.Table t -> new DatasetSpec.Table(t.path(), t.idColumn(), t.labelColumn(), genres, null);
            default -> throw new IllegalArgumentException(spec.toString());
        };
    }

    private static DatasetSpec table(Path dir, String csv) throws IOException {
        return new DatasetSpec.Table(Files.writeString(dir.resolve("table.csv"), csv).toString(), null, null, null,
                null);
    }

    private static void writeClip(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, wav(1, RATE, 16, RATE / 2, TONE));
    }

    /** A readable clip next to the returned one, {@code locked.wav}, that nobody but root may read. */
    private static Path unreadable(Path dir) throws IOException {
        Path file = dir.resolve("locked.wav");
        writeClip(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        return file;
    }

    private static void unlock(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwx------"
                    : "rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One hour of mono float at 22,050 Hz (about 318 MB, sparse on disk): a tone for 30 s, then NaN for a second,
     * then zeros. Reading one frame past the first 30 s would meet the NaN.
     */
    private static Path hourLong(Path dir) throws IOException {
        int seconds = 3600;
        long dataBytes = (long) seconds * RATE * Float.BYTES;
        Path file = dir.resolve("hour.wav");
        int head = AudioLoader.DURATION_SECONDS * RATE;
        byte[] start = wav(1, RATE, 32, head + RATE, i -> i < head ? TONE.applyAsDouble(i) : Double.NaN);
        ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN).putInt(4, (int) (36 + dataBytes)).putInt(40,
                (int) dataBytes);
        Files.write(file, start);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(44 + dataBytes);
        }
        return file;
    }

    /** A file in {@code format} written by libsndfile; the case is skipped where this libsndfile cannot write it. */
    private static Path encoded(Path dir, AudioWriter.Format format, String name) throws IOException {
        int rate = format == AudioWriter.Format.OGG_OPUS ? 48_000 : 44_100;
        Assumptions.assumeTrue(AudioWriter.canWrite(format, rate, 1), "this libsndfile cannot write " + format);
        float[] samples = new float[rate];
        IntToDoubleFunction t = tone(440, rate);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) t.applyAsDouble(i);
        }
        Path file = dir.resolve(name);
        AudioWriter.write(file, samples, 1, rate, format);
        return file;
    }

    private static Path truncated(Path dir, AudioWriter.Format format, String name, int bytes) throws IOException {
        Path whole = encoded(dir, format, "whole-" + name);
        return Files.write(dir.resolve(name), Arrays.copyOf(Files.readAllBytes(whole), bytes));
    }

    private static IntToDoubleFunction tone(double hz, int rate) {
        return i -> 0.5 * Math.sin(2 * Math.PI * hz * i / rate);
    }

    /**
     * A WAV written by hand (independent of libsndfile): PCM of 8 (unsigned), 16 or 24 bits, or 32-bit IEEE float;
     * every channel carries {@code sample(frame)}.
     */
    static byte[] wav(int channels, int rate, int bits, int frames, IntToDoubleFunction sample) {
        int bytesPerSample = bits / 8;
        int blockAlign = channels * bytesPerSample;
        int data = frames * blockAlign;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) (bits == 32 ? 3 : 1))
                .putShort((short) channels).putInt(rate).putInt(rate * blockAlign).putShort((short) blockAlign)
                .putShort((short) bits);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
        for (int i = 0; i < frames; i++) {
            double v = sample.applyAsDouble(i);
            for (int c = 0; c < channels; c++) {
                switch (bits) {
                    case 8 -> b.put((byte) (Math.round(v * 127) + 128));
                    case 16 -> b.putShort((short) Math.round(v * 32767));
                    case 24 -> {
                        int s = (int) Math.round(v * 8_388_607);
                        b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                    }
                    case 32 -> b.putFloat((float) v);
                    default -> throw new IllegalArgumentException(bits + " bits");
                }
            }
        }
        return b.array();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(1).nextBytes(bytes);
        return bytes;
    }

    /** The PNG signature and a 1×1 image's IHDR chunk, then filler: what a cover image starts with. */
    private static byte[] png() {
        ByteBuffer b = ByteBuffer.allocate(4096);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        b.putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(1)
                .put(new byte[] {8, 6, 0, 0, 0}).putInt(0x1f15c489);
        return b.array();
    }

    /** An ID3v2.3 tag with one title frame and no audio after it. */
    private static byte[] id3Only() {
        byte[] title = "\0Only a tag".getBytes(StandardCharsets.ISO_8859_1);
        int frame = 10 + title.length;
        ByteBuffer b = ByteBuffer.allocate(10 + frame);
        b.put("ID3".getBytes(StandardCharsets.US_ASCII)).put((byte) 3).put((byte) 0).put((byte) 0);
        b.put(new byte[] {0, 0, (byte) (frame >> 7), (byte) (frame & 0x7f)}); // syncsafe size
        b.put("TIT2".getBytes(StandardCharsets.US_ASCII)).putInt(title.length).putShort((short) 0).put(title);
        return b.array();
    }

    private static void assertAllFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            assertTrue(Float.isFinite(values[i]), "value " + i + " is " + values[i]);
        }
    }
}
