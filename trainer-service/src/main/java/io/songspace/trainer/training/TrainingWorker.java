package io.songspace.trainer.training;

import io.songspace.common.events.TrainingJob;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one thread that trains. Jobs are acknowledged on the Kafka path and queued here, because a training
 * takes minutes and SmallRye's throttled commit gives up on a record left unacknowledged for 60 s. The queue is
 * memory only: after a restart {@link TrainingRecovery} queues again what the object store says is unfinished.
 * One thread: PyTorch already uses the configured cores, and the engine's random generator is process-wide.
 */
@ApplicationScoped
public class TrainingWorker {

    private final TrainingService training;
    private final ExecutorService executor =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().name("trainer-worker").factory());
    /** run id + model of the jobs queued or training, so that a job queued twice (recovery and Kafka) trains once. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    public TrainingWorker(TrainingService training) {
        this.training = training;
    }

    /** Queues the job unless the same run and model is queued or training already; true if queued. */
    public boolean submit(TrainingJob job) {
        String key = job.runId() + "/" + job.model();
        if (!queued.add(key)) {
            return false;
        }
        executor.execute(() -> {
            try {
                training.train(job);
            } finally {
                queued.remove(key);
            }
        });
        return true;
    }

    /** Runs other work (the startup scan) on the worker thread, in queue order. */
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
