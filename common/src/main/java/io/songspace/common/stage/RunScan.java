package io.songspace.common.stage;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.StageFailure;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.StageEvents;
import io.songspace.common.store.ObjectStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The one start-up scan: state is rebuilt from the object store, not kept in a JVM. Every run folder is offered
 * to the stage's {@code resume} function, which returns the jobs to queue again (work acknowledged on Kafka but
 * never finished); a failure marker whose FAILED event may have been lost is announced again. Never throws: a
 * service whose scan fails logs it and runs on.
 */
public final class RunScan {

    private static final Logger LOG = Logger.getLogger(RunScan.class);

    private RunScan() {
    }

    /** The ids of every run in the store. */
    public static List<String> runIds(ObjectStore store) {
        return store.listFolders(ArtifactKeys.RUNS);
    }

    /** Queues on {@code worker} the jobs {@code resume} finds for each run; returns them. */
    public static List<StageWorker.Job> resume(ObjectStore store, StageWorker worker,
            Function<String, List<StageWorker.Job>> resume) {
        try {
            List<StageWorker.Job> jobs = runIds(store).stream().flatMap(runId -> resume.apply(runId).stream())
                    .filter(worker::submit).toList();
            LOG.infof("start-up scan: %d unfinished job(s) queued again", jobs.size());
            return jobs;
        } catch (RuntimeException e) {
            LOG.errorf(e, "start-up scan of %s failed: unfinished work is not resumed", ArtifactKeys.RUNS);
            return List.of();
        }
    }

    /** Publishes the FAILED event of the run's failure marker at {@code failureKey} again, if there is one. */
    public static Optional<StageFailure> announceFailure(ObjectStore store, StageEvents events, String runId,
            Stage stage, String failureKey) {
        if (!store.exists(failureKey)) {
            return Optional.empty();
        }
        StageFailure failure = store.getJson(failureKey, StageFailure.class);
        events.publish(PipelineEvent.failed(runId, stage, failure.reason()));
        return Optional.of(failure);
    }
}
