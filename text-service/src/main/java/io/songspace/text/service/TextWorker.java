package io.songspace.text.service;

import io.quarkus.runtime.StartupEvent;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.StageEvents;
import io.songspace.common.stage.RunScan;
import io.songspace.common.stage.StageWorker;
import io.songspace.common.store.ObjectStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * The text stage's worker ({@link StageWorker}): one thread, because looking up lyrics is rate-limited per
 * service and the embedding model already uses the cores. At start-up, runs whose text was asked for but never
 * finished are queued again, and failures whose FAILED event may have been lost are announced again.
 */
@ApplicationScoped
public class TextWorker {

    /** The stage's failure marker of a run. */
    static final String FAILURE = "failed.json";

    private final TextWorkflow workflow;
    private final ObjectStore store;
    private final StageEvents events;
    private final StageWorker worker;

    public TextWorker(TextWorkflow workflow, ObjectStore store, StageEvents events) {
        this.workflow = workflow;
        this.store = store;
        this.events = events;
        this.worker = new StageWorker(Stage.TEXT, "text-worker", store, events);
    }

    /** The run's manifest is complete: choose its texts (then assemble, if the audio is done). */
    public boolean prepare(String runId) {
        return worker.submit(job(runId, "prepare", () -> workflow.prepare(runId)));
    }

    /** The run's audio features are complete: assemble the text sets (if its texts are ready). */
    public boolean assemble(String runId) {
        return worker.submit(job(runId, "assemble", () -> workflow.assemble(runId)));
    }

    private StageWorker.Job job(String runId, String step, StageWorker.Work work) {
        return new StageWorker.Job(runId, runId + "/text/" + step, ArtifactKeys.text(runId, FAILURE), work);
    }

    void onStart(@Observes StartupEvent start) {
        worker.execute(() -> RunScan.resume(store, worker, this::unfinished));
    }

    /** A run with a manifest and text switched on, whose sets are not assembled and whose text did not fail. */
    private List<StageWorker.Job> unfinished(String runId) {
        if (RunScan.announceFailure(store, events, runId, Stage.TEXT, ArtifactKeys.text(runId, FAILURE)).isPresent()
                || !store.exists(ArtifactKeys.spec(runId)) || !store.exists(ArtifactKeys.manifest(runId))
                || !workflow.spec(runId).textEnabled() || workflow.assembled(runId)) {
            return List.of();
        }
        return List.of(job(runId, "prepare", () -> workflow.prepare(runId)));
    }

    @PreDestroy
    void stop() {
        worker.close();
    }
}
