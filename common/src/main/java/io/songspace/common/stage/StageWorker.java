package io.songspace.common.stage;

import io.songspace.common.artifacts.StageFailure;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.StageEvents;
import io.songspace.common.store.ObjectStore;
import io.songspace.common.store.ObjectStoreException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The one way a stage runs long work: off the Kafka poll loop (SmallRye's throttled commit gives up on a record
 * left unacknowledged for 60 s, and training or clustering takes minutes), on one thread, one job at a time,
 * de-duplicated by key (a job queued twice, by Kafka and by the start-up scan, runs once). A job that throws
 * anything, an Error included, fails: its failure marker is written, then its FAILED event is published, in that
 * order; a job interrupted by shutdown leaves no marker, so the next start resumes it; a job that stops because
 * its run was cancelled ({@link RunCancelledException}) leaves nothing either.
 */
public final class StageWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StageWorker.class);

    /** One job: what it is about (run, key), where its failure marker goes, and the work. */
    public record Job(String runId, String key, String failureKey, Work work) {
    }

    /** The work of a job; may throw anything. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    private final Stage stage;
    private final ObjectStore store;
    private final StageEvents events;
    private final RunCancellations cancellations;
    private final ExecutorService executor;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    public StageWorker(Stage stage, String threadName, ObjectStore store, StageEvents events) {
        this.stage = stage;
        this.store = store;
        this.events = events;
        this.cancellations = new RunCancellations(store);
        this.executor = Executors.newSingleThreadExecutor(Thread.ofPlatform().name(threadName).daemon().factory());
    }

    /** Queues the job unless a job with its key is queued or running; true if queued. */
    public boolean submit(Job job) {
        if (!queued.add(job.key())) {
            return false;
        }
        executor.execute(() -> {
            try {
                cancellations.stopIfCancelled(job.runId());
                job.work().run();
            } catch (Throwable e) {
                fail(job, e);
            } finally {
                queued.remove(job.key());
            }
        });
        return true;
    }

    /** Runs other work (a start-up scan) on the worker thread, behind the jobs queued so far. */
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /** The failure marker, then the FAILED event; never throws (both are logged when they cannot be written). */
    private void fail(Job job, Throwable e) {
        if (interrupted(e)) {
            LOG.warnf("run %s: %s interrupted by shutdown; it resumes on the next start", job.runId(), job.key());
            return;
        }
        if (e instanceof RunCancelledException) {
            LOG.infof("run %s: %s stopped, the run was cancelled", job.runId(), job.key());
            return;
        }
        String reason = inputFailure(e) ? e.getMessage() : e.toString();
        if (inputFailure(e)) {
            LOG.errorf("run %s: %s", job.runId(), reason);
        } else {
            LOG.errorf(e, "run %s: %s", job.runId(), reason);
        }
        try {
            store.putJson(job.failureKey(), new StageFailure(stage.name(), job.key(), reason, Instant.now()));
        } catch (Throwable marker) {
            LOG.errorf(marker, "run %s: cannot write %s", job.runId(), job.failureKey());
        }
        try {
            events.publish(PipelineEvent.failed(job.runId(), stage, reason));
        } catch (Throwable publish) {
            LOG.errorf(publish, "run %s: cannot publish %s FAILED (%s); the start-up scan announces it again",
                    job.runId(), stage, reason);
        }
    }

    /**
     * Bad or missing inputs: their message says it all (no stack trace, no type); anything else needs its type in
     * the reason and its trace in the log.
     */
    private static boolean inputFailure(Throwable e) {
        return (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof ObjectStoreException) && e.getMessage() != null;
    }

    private static boolean interrupted(Throwable e) {
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
