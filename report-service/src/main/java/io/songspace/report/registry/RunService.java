package io.songspace.report.registry;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.RunRequested;
import io.songspace.common.events.RunSpec;
import io.songspace.common.store.ObjectStore;
import io.songspace.report.config.ApiConfig;
import io.songspace.report.messaging.RunRequestPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Accepts validated run specs: fills defaults, stores the spec, registers the run and requests it. */
@ApplicationScoped
public class RunService {

    private static final Logger LOG = Logger.getLogger(RunService.class);

    private final RunRegistry registry;
    private final ObjectStore store;
    private final RunRequestPublisher publisher;
    private final int maxActiveRunsPerKey;

    public RunService(RunRegistry registry, ObjectStore store, RunRequestPublisher publisher, ApiConfig api) {
        this.registry = registry;
        this.store = store;
        this.publisher = publisher;
        this.maxActiveRunsPerKey = api.maxActiveRunsPerKey();
    }

    /**
     * Starts a run from a validated spec. The defaulted spec is written to {@code spec.json} before the request is
     * published, because every other service reads it from there.
     *
     * @param owner the name of the API key that asks
     * @throws TooManyActiveRunsException if {@code owner} has as many QUEUED or RUNNING runs as allowed
     * @throws RunNotRequestedException if Kafka did not take the request; the run is then FAILED
     */
    public RunView submit(RunSpec validated, String owner) {
        RunSpec spec = validated.withDefaults();
        Instant now = Instant.now();
        String runId = RunIds.next(now);
        RunView view;
        // one submission at a time, so that two concurrent requests cannot both pass the limit
        synchronized (this) {
            long active = registry.activeRuns(owner);
            if (active >= maxActiveRunsPerKey) {
                throw new TooManyActiveRunsException(owner, active);
            }
            store.putJson(ArtifactKeys.spec(runId), spec);
            view = registry.create(runId, spec, owner, now);
        }
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

    /** Cancels a run that has not ended: every service stops its work for it. Empty when it had ended already. */
    public Optional<RunView> cancel(String runId, String by) {
        return registry.stop(runId, RunView.State.CANCELLED, "cancelled by " + by);
    }

    /**
     * Deletes an ended run: its objects, then the registry's entry.
     *
     * @throws RunStillActiveException if the run is QUEUED or RUNNING (cancel it first)
     */
    public void delete(RunView run) {
        if (!run.state().terminal()) {
            throw new RunStillActiveException(run.id(), run.state());
        }
        for (String key : store.list(ArtifactKeys.runPrefix(run.id()))) {
            store.delete(key);
        }
        registry.forget(run.id());
        LOG.infof("run %s deleted", run.id());
    }

    /** Kafka did not acknowledge a run request. */
    public static class RunNotRequestedException extends RuntimeException {
        public RunNotRequestedException(String runId, Throwable cause) {
            super("run " + runId + " could not be requested: " + cause.getMessage(), cause);
        }
    }

    /** Only an ended run can be deleted. */
    public static class RunStillActiveException extends RuntimeException {
        public RunStillActiveException(String runId, RunView.State state) {
            super("run " + runId + " is " + state + ": cancel it before deleting it");
        }
    }
}
