package io.songspace.report.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A run as the API shows it (and as the launcher and the end-to-end tests parse it): its spec with defaults, its
 * state, the five stages in order with progress and timings, the skipped tracks and, once written, the report.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "A run: state, overall progress, the five stages in order, skipped tracks and the report link")
public record RunView(String id, State state, RunSpec spec,
        @Schema(description = "the name of the API key that started the run") String owner,
        Instant createdAt, Instant updatedAt,
        @Schema(description = "weighted sum of the stages' fractions, 0..1") double progress,
        List<StageView> stages, List<SkippedTrack> skipped,
        @Schema(description = "\"<STAGE>: reason\" once the run FAILED; who cancelled it once CANCELLED") String error,
        @Schema(description = "the report's index.html, null until the report exists") String reportUrl) {

    public enum State {
        QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

        /** Whether the run will not change any more. */
        public boolean terminal() {
            return this != QUEUED && this != RUNNING;
        }
    }

    /** One stage of a run; {@code done}/{@code total} count tracks, epochs, … where the stage reports them. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record StageView(Stage stage, Status status, int done, int total, String message, Instant startedAt,
            Instant finishedAt, Double seconds) {
    }

    public enum Status {
        PENDING, RUNNING, COMPLETED, FAILED;

        public boolean terminal() {
            return this == COMPLETED || this == FAILED;
        }
    }

    public StageView stage(Stage stage) {
        return stages.get(stage.ordinal());
    }
}
