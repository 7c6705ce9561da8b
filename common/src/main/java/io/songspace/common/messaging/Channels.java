package io.songspace.common.messaging;

/**
 * SmallRye channel names, shared by the services' code and their tests: {@code *_IN} consumes, {@code *_OUT}
 * produces the topic of the same name ({@code Topics}). Each service maps the channels it uses to their topic in
 * its application.properties ({@code mp.messaging.incoming.<channel>.topic}).
 */
public final class Channels {

    public static final String RUNS_REQUESTED_IN = "runs-requested";
    public static final String RUNS_REQUESTED_OUT = "runs-requested-out";
    public static final String AUDIO_JOBS_IN = "audio-jobs";
    public static final String AUDIO_JOBS_OUT = "audio-jobs-out";
    public static final String AUDIO_DONE_IN = "audio-done";
    public static final String AUDIO_DONE_OUT = "audio-done-out";
    public static final String PIPELINE_EVENTS_IN = "pipeline-events";
    public static final String PIPELINE_EVENTS_OUT = "pipeline-events-out";
    public static final String TRAINING_JOBS_IN = "training-jobs";
    public static final String TRAINING_JOBS_OUT = "training-jobs-out";
    public static final String CLUSTERING_JOBS_IN = "clustering-jobs";
    public static final String CLUSTERING_JOBS_OUT = "clustering-jobs-out";

    private Channels() {
    }
}
