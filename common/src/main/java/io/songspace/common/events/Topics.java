package io.songspace.common.events;

import java.util.Map;

/**
 * Kafka topic names and partition counts. Every producer and consumer configures its channels with these
 * names; the launcher and the tests create the topics from {@link #PARTITIONS}.
 */
public final class Topics {
    /** {@link RunRequested}: a run was accepted by the API (key runId). */
    public static final String RUNS_REQUESTED = "runs.requested";
    /** {@link AudioJob}: one track to decode and featurise (key trackId, many partitions for scale-out). */
    public static final String AUDIO_JOBS = "audio.jobs";
    /** {@link AudioDone}: one track's outcome, done or skipped (key runId, so one assembler sees a run's tracks in order). */
    public static final String AUDIO_DONE = "audio.done";
    /** {@link PipelineEvent}: every stage transition of a run (key runId): the run's log. */
    public static final String PIPELINE_EVENTS = "pipeline.events";
    /** {@link TrainingJob}: one model to train for one run (key runId). */
    public static final String TRAINING_JOBS = "training.jobs";
    /** {@link ClusteringJob}: cluster and evaluate one run's latents and baselines (key runId). */
    public static final String CLUSTERING_JOBS = "clustering.jobs";

    /** Partition counts: the partition count bounds how many consumers of one group do useful work. */
    public static final Map<String, Integer> PARTITIONS = Map.ofEntries(
            Map.entry(RUNS_REQUESTED, 4),
            Map.entry(AUDIO_JOBS, 24),
            Map.entry(AUDIO_DONE, 8),
            Map.entry(PIPELINE_EVENTS, 8),
            Map.entry(TRAINING_JOBS, 8),
            Map.entry(CLUSTERING_JOBS, 8),
            Map.entry(dlq(RUNS_REQUESTED), 1),
            Map.entry(dlq(AUDIO_JOBS), 1),
            Map.entry(dlq(AUDIO_DONE), 1),
            Map.entry(dlq(PIPELINE_EVENTS), 1),
            Map.entry(dlq(TRAINING_JOBS), 1),
            Map.entry(dlq(CLUSTERING_JOBS), 1));

    /** The dead-letter topic of a consumed topic: messages that could not be processed at all land there. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }

    private Topics() {
    }
}
