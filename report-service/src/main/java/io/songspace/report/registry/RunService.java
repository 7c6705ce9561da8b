package io.songspace.report.registry;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.RunRequested;
import io.songspace.common.events.RunSpec;
import io.songspace.common.store.ObjectStore;
import io.songspace.report.messaging.RunRequestPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Accepts validated run specs: fills defaults, stores the spec, registers the run and requests it. */
@ApplicationScoped
public class RunService {

    private static final Logger LOG = Logger.getLogger(RunService.class);

    private final RunRegistry registry;
    private final ObjectStore store;
    private final RunRequestPublisher publisher;

    public RunService(RunRegistry registry, ObjectStore store, RunRequestPublisher publisher) {
        this.registry = registry;
        this.store = store;
        this.publisher = publisher;
    }

    /**
     * Starts a run from a validated spec. The defaulted spec is written to {@code spec.json} before the request is
     * published, because every other service reads it from there.
     *
     * @throws RunNotRequestedException if Kafka did not take the request; the run is then FAILED
     */
    public RunView submit(RunSpec validated) {
        RunSpec spec = validated.withDefaults();
        Instant now = Instant.now();
        String runId = RunIds.next(now);
        store.putJson(ArtifactKeys.spec(runId), spec);
        RunView view = registry.create(runId, spec, now);
        try {
            publisher.publish(new RunRequested(runId, now));
        } catch (RuntimeException e) {
            LOG.errorf(e, "run %s: request not published", runId);
            registry.reject(runId, "run request not published: " + e.getMessage());
            throw new RunNotRequestedException(runId, e);
        }
        LOG.infof("run %s requested (%s)", runId, spec.dataset().type());
        return view;
    }

    /** Kafka did not acknowledge a run request. */
    public static class RunNotRequestedException extends RuntimeException {
        public RunNotRequestedException(String runId, Throwable cause) {
            super("run " + runId + " could not be requested: " + cause.getMessage(), cause);
        }
    }
}
