package io.songspace.feature.service;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.AudioJob;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.store.ObjectStore;
import io.songspace.common.store.ObjectStoreException;
import io.songspace.feature.audio.AudioDecodeException;
import io.songspace.feature.audio.AudioLoader;
import io.songspace.feature.audio.MfccExtractor;
import io.songspace.feature.audio.MfccFeatures;
import io.songspace.feature.dataset.DatasetException;
import io.songspace.feature.dataset.DatasetFiles;
import io.songspace.feature.dataset.DatasetLocation;
import io.songspace.feature.dataset.DemoCorpus;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * One track of a run: fetch its audio, decode, MFCC-40 and the 20×128 patch, stored as
 * {@link ArtifactKeys#trackFeatures}; or, when the track cannot be used for any reason (unreadable audio, a failed
 * download, a bug), a {@link SkippedTrack} with the reason at {@link ArtifactKeys#trackSkipped}, so the run's
 * assembler always hears of every track. A store that cannot take the result is not the track's fault: the
 * {@link ObjectStore} waits out an outage, and a store still gone after that fails the job (it is dead-lettered,
 * and the run's assembler, hearing nothing more, fails the run at its stall deadline). Idempotent: a track whose
 * result is already stored is not processed again, its outcome is just reported.
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
        try {
            if (store.exists(featuresKey)) {
                return new AudioDone(job.runId(), job.trackId(), AudioDone.Status.DONE, null);
            }
            if (store.exists(skippedKey)) {
                return new AudioDone(job.runId(), job.trackId(), AudioDone.Status.SKIPPED,
                        store.getJson(skippedKey, SkippedTrack.class).reason());
            }
            try (DatasetFiles.LocalCopy audio = fetch(job.source())) {
                MfccFeatures features = MfccExtractor.extract(AudioLoader.load(audio.path()));
                Map<String, NpyArray> npz = new LinkedHashMap<>();
                npz.put("mfcc40", NpyArray.ofFloats(features.mfcc40(), features.mfcc40().length));
                npz.put("patch", NpyArray.ofFloats(features.patch(), MfccExtractor.N_MFCC,
                        MfccExtractor.PATCH_FRAMES));
                store.put(featuresKey, Npy.writeNpz(npz), "application/octet-stream");
            }
            return new AudioDone(job.runId(), job.trackId(), AudioDone.Status.DONE, null);
        } catch (AudioDecodeException | TrackUnavailableException e) {
            LOG.debugf("run %s track %s skipped: %s", job.runId(), job.trackId(), e.getMessage());
            return skip(job, skippedKey, e.getMessage());
        } catch (ObjectStoreException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            // anything else (a failed download, a native library error, a bug) skips just this track: a job left
            // to the dead-letter topic would leave the run waiting for it forever
            LOG.errorf(e, "run %s track %s: featurising failed", job.runId(), job.trackId());
            return skip(job, skippedKey, "internal error: " + e);
        }
    }

    /** Stores the skip marker and the SKIPPED outcome. */
    private AudioDone skip(AudioJob job, String skippedKey, String reason) {
        store.putJson(skippedKey, new SkippedTrack(job.trackId(), reason));
        return new AudioDone(job.runId(), job.trackId(), AudioDone.Status.SKIPPED, reason);
    }

    /** A local file with the track's audio; closing it deletes it when it is a temporary copy. */
    private DatasetFiles.LocalCopy fetch(String source) throws TrackUnavailableException {
        if (source == null) {
            throw new TrackUnavailableException("the track has no audio source");
        }
        if (source.startsWith(DemoCorpus.SCHEME)) {
            return demoClip(source);
        }
        try {
            DatasetLocation location = files.locateSource(source);
            String problem = files.problem(location);
            if (problem != null) {
                throw new TrackUnavailableException(problem);
            }
            return files.open(location);
        } catch (DatasetException e) {
            throw new TrackUnavailableException(e.getMessage());
        } catch (ObjectStoreException e) {
            // the dataset's object, not the run's results: the track cannot be had
            throw new TrackUnavailableException("cannot download the audio: " + e.getMessage());
        }
    }

    private DatasetFiles.LocalCopy demoClip(String source) throws TrackUnavailableException {
        byte[] audio;
        try {
            audio = demo.audio(source);
        } catch (IllegalArgumentException e) {
            throw new TrackUnavailableException(e.getMessage());
        }
        DatasetFiles.LocalCopy clip = new DatasetFiles.LocalCopy(files.tempFile("clip.wav"), true);
        try {
            Files.write(clip.path(), audio);
        } catch (IOException e) {
            clip.close();
            throw new UncheckedIOException("cannot write a demo clip to " + clip.path(), e);
        }
        return clip;
    }

    /** The track's audio cannot be had (missing or unreadable file, unreachable bucket, unknown source). */
    static final class TrackUnavailableException extends Exception {
        TrackUnavailableException(String message) {
            super(message);
        }
    }
}
