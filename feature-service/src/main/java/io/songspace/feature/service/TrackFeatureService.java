package io.songspace.feature.service;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.AudioJob;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.ObjectStore;
import io.songspace.feature.audio.AudioDecodeException;
import io.songspace.feature.audio.AudioLoader;
import io.songspace.feature.audio.MfccExtractor;
import io.songspace.feature.audio.MfccFeatures;
import io.songspace.feature.dataset.DatasetFiles;
import io.songspace.feature.dataset.DemoCorpus;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One track of a run: fetch its audio, decode, MFCC-40 and the 20×128 patch, stored as
 * {@code tracks/{trackId}.npz}; or, when the track cannot be used, {@code tracks/{trackId}.skipped.json} with the
 * reason. Idempotent: a track whose result is already stored is not processed again, its outcome is just reported.
 * Object-store failures are not track failures: they propagate, so the job is retried or dead-lettered.
 */
@ApplicationScoped
public class TrackFeatureService {

    private static final Logger LOG = Logger.getLogger(TrackFeatureService.class);

    private final ObjectStore store;
    private final DatasetFiles files;
    private final DemoCorpus demo;

    public TrackFeatureService(ObjectStore store, DatasetFiles files, DemoCorpus demo) {
        this.store = store;
        this.files = files;
        this.demo = demo;
    }

    public AudioDone featurise(AudioJob job) {
        String featuresKey = ArtifactKeys.trackFeatures(job.runId(), job.trackId());
        String skippedKey = ArtifactKeys.trackSkipped(job.runId(), job.trackId());
        if (store.exists(featuresKey)) {
            return new AudioDone(job.runId(), job.trackId(), AudioDone.Status.DONE, null);
        }
        if (store.exists(skippedKey)) {
            return new AudioDone(job.runId(), job.trackId(), AudioDone.Status.SKIPPED,
                    store.getJson(skippedKey, SkippedTrack.class).reason());
        }
        Path file = null;
        try {
            file = fetch(job.source());
            MfccFeatures features = MfccExtractor.extract(AudioLoader.load(file));
            Map<String, NpyArray> npz = new LinkedHashMap<>();
            npz.put("mfcc40", NpyArray.ofFloats(features.mfcc40(), features.mfcc40().length));
            npz.put("patch", NpyArray.ofFloats(features.patch(), MfccExtractor.N_MFCC, MfccExtractor.PATCH_FRAMES));
            store.put(featuresKey, Npy.writeNpz(npz), "application/octet-stream");
            return new AudioDone(job.runId(), job.trackId(), AudioDone.Status.DONE, null);
        } catch (AudioDecodeException | TrackUnavailableException e) {
            LOG.debugf("run %s track %s skipped: %s", job.runId(), job.trackId(), e.getMessage());
            store.putJson(skippedKey, new SkippedTrack(job.trackId(), e.getMessage()));
            return new AudioDone(job.runId(), job.trackId(), AudioDone.Status.SKIPPED, e.getMessage());
        } finally {
            if (file != null && !job.source().startsWith("file:")) {
                deleteQuietly(file);
            }
        }
    }

    /** A local file with the track's audio: the file itself, or a temporary copy the caller deletes. */
    private Path fetch(String source) throws TrackUnavailableException {
        if (source == null) {
            throw new TrackUnavailableException("the track has no audio source");
        }
        if (source.startsWith("file:")) {
            Path path;
            try {
                path = Path.of(URI.create(source));
            } catch (IllegalArgumentException e) {
                throw new TrackUnavailableException("bad audio source " + source + ": " + e.getMessage());
            }
            if (!Files.isRegularFile(path)) {
                throw new TrackUnavailableException("audio file not found: " + path);
            }
            return path;
        }
        if (source.startsWith("s3://")) {
            String rest = source.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String key = slash < 0 ? "" : rest.substring(slash + 1);
            if (!bucket.equals(store.bucket())) {
                throw new TrackUnavailableException("audio in bucket '" + bucket + "' is not reachable (only '"
                        + store.bucket() + "' is): " + source);
            }
            if (key.isEmpty() || !store.exists(key)) {
                throw new TrackUnavailableException("audio file not found: " + source);
            }
            return files.download(key, key.substring(key.lastIndexOf('/') + 1));
        }
        if (source.startsWith(DemoCorpus.SCHEME)) {
            byte[] audio;
            try {
                audio = demo.audio(source);
            } catch (IllegalArgumentException e) {
                throw new TrackUnavailableException(e.getMessage());
            }
            Path file = files.tempFile("clip.wav");
            try {
                Files.write(file, audio);
            } catch (IOException e) {
                deleteQuietly(file);
                throw new UncheckedIOException("cannot write a demo clip to " + file, e);
            }
            return file;
        }
        throw new TrackUnavailableException("unsupported audio source: " + source);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debugf("could not delete temporary file %s: %s", file, e);
        }
    }

    /** The track's audio cannot be had (missing file, unreachable bucket, unknown source). */
    static final class TrackUnavailableException extends Exception {
        TrackUnavailableException(String message) {
            super(message);
        }
    }
}
