package io.songspace.report.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.songspace.report.registry.RunView;
import java.time.Instant;

/** A run in the list: enough to pick one, without stages and skipped tracks. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunSummary(String id, RunView.State state, String dataset, Instant createdAt, Instant updatedAt,
        double progress, String error, String reportUrl) {

    static RunSummary of(RunView run) {
        return new RunSummary(run.id(), run.state(), run.spec().dataset().type(), run.createdAt(), run.updatedAt(),
                run.progress(), run.error(), run.reportUrl());
    }
}
