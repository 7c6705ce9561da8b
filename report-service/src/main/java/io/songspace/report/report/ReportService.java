package io.songspace.report.report;

import io.quarkus.runtime.StartupEvent;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.StageEvents;
import io.songspace.report.registry.RunRegistry;
import io.songspace.report.registry.RunView;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Builds reports on a worker thread of its own (never on a Kafka poll loop), one at a time, and announces the
 * REPORT stage: STARTED, then COMPLETED with the index key or FAILED with the reason, both to the registry and on
 * {@code pipeline.events}.
 */
@ApplicationScoped
public class ReportService {

    private static final Logger LOG = Logger.getLogger(ReportService.class);

    private final RunRegistry registry;
    private final ReportBuilder builder;
    private final StageEvents publisher;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("report-worker").daemon().factory());
    /** Runs whose report is queued or being built, so that a redelivered trigger does not build it twice. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    public ReportService(RunRegistry registry, ReportBuilder builder, StageEvents publisher) {
        this.registry = registry;
        this.builder = builder;
        this.publisher = publisher;
    }

    /** After a restart: reports whose trigger was consumed before the service stopped are built now. */
    void resume(@Observes StartupEvent ignored) {
        registry.list().stream()
                .filter(run -> run.stage(Stage.CLUSTERING).status() == RunView.Status.COMPLETED)
                .forEach(this::request);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Queues the run's report unless the run has ended, the report exists or it is queued already. */
    public void request(RunView run) {
        if (run.state().terminal() || run.stage(Stage.REPORT).status().terminal() || !pending.add(run.id())) {
            return;
        }
        worker.execute(() -> {
            try {
                build(run.id());
            } finally {
                pending.remove(run.id());
            }
        });
    }

    private void build(String runId) {
        long start = System.nanoTime();
        RunView run = announce(PipelineEvent.of(runId, Stage.REPORT, PipelineEvent.Status.STARTED, "building the report"));
        PipelineEvent outcome;
        try {
            String index = builder.build(run);
            outcome = PipelineEvent.completed(runId, Stage.REPORT, "report written", Map.of("index", index));
            LOG.infof("run %s: report written in %.1f s: %s", runId, (System.nanoTime() - start) / 1e9, index);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // figures and artifacts fail in many ways (missing object, bad shape, AWT); each is the stage's failure
            LOG.errorf(e, "run %s: report failed", runId);
            outcome = PipelineEvent.failed(runId, Stage.REPORT, e.getMessage() != null ? e.getMessage() : e.toString());
        }
        announce(outcome);
    }

    /** Applies the event here first (the registry is the source of the API's truth), then tells the others. */
    private RunView announce(PipelineEvent event) {
        RunView view = registry.apply(event);
        try {
            publisher.publish(event);
        } catch (RuntimeException e) {
            LOG.warnf("run %s: %s %s not published: %s", event.runId(), event.stage(), event.status(), e.getMessage());
        }
        return view;
    }
}
