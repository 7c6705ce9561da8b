package io.songspace.feature.messaging;

import io.quarkus.runtime.StartupEvent;
import io.songspace.common.messaging.StageEvents;
import io.songspace.feature.service.FeatureAssemblyService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Step 4 after a restart (docs/pipeline.md): assembles the runs whose last AudioDone was acknowledged but whose assembly
 * never finished (the instance stopped mid-assembly), and publishes their FEATURES COMPLETED / FAILED as the
 * assembler does. The scan itself is {@link FeatureAssemblyService#resumeUnfinished()}.
 */
@ApplicationScoped
public class UnfinishedAssemblies {

    private final FeatureAssemblyService assembly;
    private final StageEvents events;

    public UnfinishedAssemblies(FeatureAssemblyService assembly, StageEvents events) {
        this.assembly = assembly;
        this.events = events;
    }

    /** The scan runs on the assembler thread: startup does not wait for it. */
    void onStart(@Observes StartupEvent started) {
        resume();
    }

    /** Queues the unfinished runs' assemblies, each publishing its outcome; completes with their run ids. */
    public CompletableFuture<Set<String>> resume() {
        return assembly.resumeUnfinished().thenApply(queued -> {
            queued.values().forEach(run -> run.thenAccept(event -> events.publish(event)));
            return queued.keySet();
        });
    }
}
