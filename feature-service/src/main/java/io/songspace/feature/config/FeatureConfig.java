package io.songspace.feature.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Settings of the feature-service. */
@ConfigMapping(prefix = "songspace.feature")
public interface FeatureConfig {

    /**
     * Folder for short-lived files: audio downloaded from the object store, rendered demo clips, a copy of an
     * object-store tracks.csv or feature table. Each file is deleted when its track is done. Default: the JVM's
     * temporary directory.
     */
    Optional<Path> tempDir();

    /** FEATURES PROGRESS is published at most once per this many percent of a run's tracks (1 = every 1%). */
    @WithDefault("1")
    int progressStepPercent();

    /**
     * How many tracks one instance decodes and featurises at once: its track threads, best one per core it has. The
     * tracks of the chunks in flight (two at a time, the {@code audio-workers} pool) share them. More instances in
     * the {@code feature-workers} group scale further, up to the partition count of audio.jobs.
     */
    @WithDefault("2")
    int workerConcurrency();

    /** Object-store reads in flight while the assembler gathers a run's per-track features. */
    @WithDefault("8")
    int assemblyReadParallelism();

    /**
     * About how many chunks (audio jobs) a small run's tracks are split into (a large one's chunks are capped by
     * {@link #chunkMaxTracks()}): enough for the workers to share the last ones evenly, few enough that a record,
     * a stored result and an outcome per chunk cost little per track. The features stage of 200 MP3s, 2 workers
     * on 2 cores, medians of 3: 12 chunks of 17 tracks 5.7 s, 24 of 9 6.1 s (each beside the Python reference's
     * 6.3 and 6.2 s), 64 of 4 12.6 s (a busier sitting).
     */
    @WithDefault("12")
    int chunkTargetCount();

    /** The most tracks in one chunk (a redelivered chunk is done again whole). */
    @WithDefault("32")
    int chunkMaxTracks();

    /** AudioJobs sent to the broker before waiting for their acknowledgements, during a run's fan-out. */
    @WithDefault("500")
    int fanOutBatch();
}
