package io.songspace.report.registry;

import io.songspace.common.events.PipelineEvent;
import java.util.List;

/**
 * What {@code runs/{id}/run.json} holds: the run as the API shows it, the pipeline events received for it (its
 * log; each stage's progress events are collapsed to the latest one) and the ids of the tracks whose outcome
 * arrived, so that a restarted service neither loses the run nor counts a redelivered track twice.
 */
public record RunRecord(RunView run, List<PipelineEvent> history, List<String> tracksDone) {
}
