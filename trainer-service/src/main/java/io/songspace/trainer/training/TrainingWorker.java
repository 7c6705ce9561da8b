package io.songspace.trainer.training;

import io.songspace.common.events.TrainingJob;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one thread that trains. Jobs are acknowledged on the Kafka path and queued here, because a training
 * takes minutes and SmallRye's throttled commit gives up on a record left unacknowledged for 60 s. One thread:
 * PyTorch already uses the configured cores, and the engine's random generator is process-wide.
 */
@ApplicationScoped
public class TrainingWorker {

    private final TrainingService training;
    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("trainer-worker").factory());

    public TrainingWorker(TrainingService training) {
        this.training = training;
    }

    public void submit(TrainingJob job) {
        executor.execute(() -> training.train(job));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
