package io.songspace.report.api;

import io.songspace.report.registry.RunView;
import java.util.Map;

/** The answer to an accepted run: its id, its state and where to follow it. */
public record RunAccepted(String id, RunView.State state, Map<String, String> links) {

    static RunAccepted of(RunView run) {
        String self = "/api/runs/" + run.id();
        return new RunAccepted(run.id(), run.state(), Map.of(
                "self", self,
                "events", self + "/events",
                "artifacts", self + "/artifacts",
                "report", self + "/artifacts/report/index.html"));
    }
}
