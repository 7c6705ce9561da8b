package io.songspace.feature.service;

import io.songspace.common.store.ObjectStoreException;
import io.songspace.feature.audio.AudioDecodeException;
import io.songspace.feature.audio.AudioLoader;
import io.songspace.feature.audio.DecodeTimes;
import io.songspace.feature.audio.MfccExtractor;
import io.songspace.feature.audio.MfccFeatures;
import io.songspace.feature.dataset.DatasetException;
import io.songspace.feature.dataset.DatasetFiles;
import io.songspace.feature.dataset.DatasetLocation;
import io.songspace.feature.dataset.DemoCorpus;
import io.songspace.feature.service.TrackCosts.Step;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jboss.logging.Logger;

/**
 * One track: fetch its audio, decode, MFCC-40 and the 20×128 patch; or, when the track cannot be used for any
 * reason (unreadable audio, a failed download, a bug), the reason it is skipped. Nothing is stored here: the
 * track's chunk stores its tracks' results together ({@link ChunkFeatureService}).
 */
@ApplicationScoped
public class TrackFeatureService {

    private static final Logger LOG = Logger.getLogger(TrackFeatureService.class);

    /** A track's result: its features, or why it cannot be used. */
    public sealed interface TrackResult {
        String trackId();
    }

    public record Featurised(String trackId, MfccFeatures features) implements TrackResult {
    }

    public record Skipped(String trackId, String reason) implements TrackResult {
    }

    private final DatasetFiles files;
    private final DemoCorpus demo;

    public TrackFeatureService(DatasetFiles files, DemoCorpus demo) {
        this.files = files;
        this.demo = demo;
    }

    /**
     * The track's features or the reason it is skipped (never an exception: a dataset object that cannot be
     * downloaded skips the track too), adding its fetch, decode, resample and MFCC times to {@code costs}.
     */
    public TrackResult featurise(String runId, String trackId, String source, TrackCosts costs) {
        try {
            long started = System.nanoTime();
            try (DatasetFiles.LocalCopy audio = fetch(source)) {
                costs.add(Step.FETCH, System.nanoTime() - started);
                DecodeTimes decoding = new DecodeTimes();
                float[] samples = AudioLoader.load(audio.path(), decoding);
                costs.add(Step.DECODE, decoding.decodeNanos());
                costs.add(Step.RESAMPLE, decoding.resampleNanos());
                long mfcc = System.nanoTime();
                MfccFeatures features = MfccExtractor.extract(samples);
                costs.add(Step.MFCC, System.nanoTime() - mfcc);
                return new Featurised(trackId, features);
            }
        } catch (AudioDecodeException | TrackUnavailableException e) {
            LOG.debugf("run %s track %s skipped: %s", runId, trackId, e.getMessage());
            return new Skipped(trackId, e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            // anything else (a native library error, a bug) skips just this track: the rest of its chunk goes on
            LOG.errorf(e, "run %s track %s: featurising failed", runId, trackId);
            return new Skipped(trackId, "internal error: " + e);
        }
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
