package io.songspace.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * A stage transition of a run, published on {@link Topics#PIPELINE_EVENTS} keyed by runId. {@code done} and
 * {@code total} carry progress where the stage counts something (tracks, epochs); {@code details} carries small
 * stage-specific facts (artifact keys, counts), never arrays.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineEvent(String runId, Stage stage, Status status, String message, Integer done, Integer total,
        Map<String, String> details, Instant at) {

    public enum Status { STARTED, PROGRESS, COMPLETED, FAILED }

    public static PipelineEvent of(String runId, Stage stage, Status status, String message) {
        return new PipelineEvent(runId, stage, status, message, null, null, null, Instant.now());
    }

    public static PipelineEvent progress(String runId, Stage stage, String message, int done, int total) {
        return new PipelineEvent(runId, stage, Status.PROGRESS, message, done, total, null, Instant.now());
    }

    public static PipelineEvent completed(String runId, Stage stage, String message, Map<String, String> details) {
        return new PipelineEvent(runId, stage, Status.COMPLETED, message, null, null, details, Instant.now());
    }

    /** A completed stage that counted something (tracks, epochs): {@code total} is that count. */
    public static PipelineEvent completed(String runId, Stage stage, String message, int total, Map<String, String> details) {
        return new PipelineEvent(runId, stage, Status.COMPLETED, message, total, total, details, Instant.now());
    }

    public static PipelineEvent failed(String runId, Stage stage, String reason) {
        return new PipelineEvent(runId, stage, Status.FAILED, reason, null, null, null, Instant.now());
    }
}
