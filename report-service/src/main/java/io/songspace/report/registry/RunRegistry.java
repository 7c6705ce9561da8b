package io.songspace.report.registry;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.store.ObjectStore;
import io.songspace.common.store.ObjectStoreException;
import io.songspace.report.config.ReportConfig;
import io.songspace.report.registry.Run.Change;
import io.songspace.report.registry.RunView.State;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Every run's state, driven by pipeline events and track outcomes, persisted as {@code runs/{id}/run.json} on each
 * transition (progress-only changes at most once per {@link ReportConfig#progressWriteInterval()}) and reloaded
 * from the object store at startup. Thread-safe: each run is changed, written and announced under its own monitor.
 */
@Startup
@ApplicationScoped
public class RunRegistry {

    private static final Logger LOG = Logger.getLogger(RunRegistry.class);

    private final ObjectStore store;
    private final Duration progressWriteInterval;
    private final Duration stallTimeout;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;
    private Instant startedAt = Instant.now();
    /** Told of every stage event applied, with the run's view before and after it (RunMetrics times the stages). */
    private volatile BiConsumer<RunView, RunView> eventListener = (before, after) -> { };

    public RunRegistry(ObjectStore store, ReportConfig config) {
        this.store = store;
        this.progressWriteInterval = config.progressWriteInterval();
        this.stallTimeout = config.stallTimeout();
    }

    @PostConstruct
    void start() {
        startedAt = Instant.now();
        loadAll();
        flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("run-json-flusher").daemon().factory());
        long millis = Math.max(100, progressWriteInterval.toMillis());
        flusher.scheduleWithFixedDelay(this::flushSafely, millis, millis, TimeUnit.MILLISECONDS);
        long stallCheck = Math.max(100, Math.min(5_000, stallTimeout.toMillis() / 4));
        flusher.scheduleWithFixedDelay(this::failStalledRuns, stallCheck, stallCheck, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        flushSafely();
    }

    /** Loads every {@code runs/*}/run.json; runs already known are kept as they are. */
    public void loadAll() {
        store.ensureBucket();
        int loaded = 0;
        for (String runId : store.listFolders("runs/")) {
            if (!runs.containsKey(runId) && load(runId).isPresent()) {
                loaded++;
            }
        }
        LOG.infof("loaded %d run(s) from the object store", loaded);
    }

    /** Registers a new QUEUED run, started with {@code owner}'s API key, and writes its run.json. */
    public RunView create(String runId, RunSpec spec, String owner, Instant createdAt) {
        Run run = new Run(runId, spec, owner, createdAt);
        if (runs.putIfAbsent(runId, run) != null) {
            throw new IllegalStateException("run " + runId + " exists already");
        }
        synchronized (run) {
            write(run, Instant.now());
            return run.view();
        }
    }

    public Optional<RunView> find(String runId) {
        Run run = runs.get(runId);
        if (run == null) {
            return Optional.empty();
        }
        synchronized (run) {
            return Optional.of(run.view());
        }
    }

    /** Every run, newest first. */
    public List<RunView> list() {
        return runs.values().stream()
                .map(run -> {
                    synchronized (run) {
                        return run.view();
                    }
                })
                .sorted(Comparator.comparing(RunView::createdAt).thenComparing(RunView::id).reversed())
                .toList();
    }

    /** How many runs are in the given state now. */
    public long count(RunView.State state) {
        return runs.values().stream().filter(run -> {
            synchronized (run) {
                return run.state() == state;
            }
        }).count();
    }

    /** Applies a stage event and returns the run's view after it. */
    public RunView apply(PipelineEvent event) {
        Run run = require(event.runId());
        synchronized (run) {
            RunView before = run.view();
            Instant now = Instant.now();
            afterChange(run, run.apply(event, now), now);
            RunView after = run.view();
            eventListener.accept(before, after);
            return after;
        }
    }

    /** Sets who is told of each applied stage event (the run's view before and after it), under the run's lock. */
    public void onEvent(BiConsumer<RunView, RunView> listener) {
        this.eventListener = listener;
    }

    /** Counts a track's outcome (each track once) and records a skipped track with its reason. */
    public RunView apply(AudioDone done) {
        Run run = require(done.runId());
        synchronized (run) {
            Instant now = Instant.now();
            afterChange(run, run.apply(done, now), now);
            return run.view();
        }
    }

    /** Ends a run that never reached the pipeline. */
    public RunView reject(String runId, String reason) {
        Run run = require(runId);
        synchronized (run) {
            Instant now = Instant.now();
            run.reject(reason, now);
            afterChange(run, Change.TRANSITION, now);
            return run.view();
        }
    }

    /** How many of {@code owner}'s runs are QUEUED or RUNNING. */
    public long activeRuns(String owner) {
        return runs.values().stream().filter(run -> {
            synchronized (run) {
                return owner.equals(run.owner()) && !run.state().terminal();
            }
        }).count();
    }

    /**
     * Ends a run that has not ended: CANCELLED (a user asked) or FAILED (its deadline passed). Its stop marker is
     * written first, so every service stops working for it; then the run's state. Returns the view after it, or
     * empty when the run had ended already.
     */
    public Optional<RunView> stop(String runId, State state, String reason) {
        Run run = require(runId);
        synchronized (run) {
            if (run.state().terminal()) {
                return Optional.empty();
            }
            Instant now = Instant.now();
            store.putJson(ArtifactKeys.cancelled(runId), Map.of("state", state.name(), "reason", reason, "at",
                    now.toString()));
            run.stop(state, reason, now);
            afterChange(run, Change.TRANSITION, now);
            LOG.infof("run %s %s: %s", runId, state, reason);
            return Optional.of(run.view());
        }
    }

    /** Forgets an ended run (its objects are deleted by the caller). */
    public void forget(String runId) {
        runs.remove(runId);
    }

    /**
     * The per-stage deadline: a run that has heard nothing (no stage event, no track) for the stall timeout ends
     * FAILED with where it stood. Progress is the heartbeat, so a long stage that reports is never cut short.
     * Time before this instance started does not count: a restarted service first catches up on the events.
     */
    void failStalledRuns() {
        Instant now = Instant.now();
        for (Run run : List.copyOf(runs.values())) {
            String reason;
            synchronized (run) {
                Instant heard = run.updatedAt().isAfter(startedAt) ? run.updatedAt() : startedAt;
                if (run.state().terminal() || Duration.between(heard, now).compareTo(stallTimeout) < 0) {
                    continue;
                }
                String progress = run.featuresProgress();
                reason = run.currentStage() + ": no progress for " + stallTimeout.toSeconds() + " s"
                        + (run.currentStage() == Stage.FEATURES && !progress.isEmpty() ? " (" + progress + ")" : "")
                        + "; the stage's service may be down or its jobs dead-lettered";
            }
            try {
                stop(run.id(), State.FAILED, reason);
            } catch (RuntimeException e) {
                LOG.warnf("run %s: stalled, but cannot be marked FAILED yet: %s", run.id(), e.getMessage());
            }
        }
    }

    /**
     * The run's views as they change: the current one first, then one per change; completes once the run is
     * COMPLETED or FAILED. A slow subscriber gets the latest view rather than a backlog.
     */
    public Multi<RunView> follow(String runId) {
        Run run = require(runId);
        return Multi.createFrom().emitter(emitter -> {
            Consumer<RunView> follower = view -> {
                emitter.emit(view);
                if (view.state().terminal()) {
                    emitter.complete();
                }
            };
            synchronized (run) {
                RunView current = run.view();
                emitter.emit(current);
                if (current.state().terminal()) {
                    emitter.complete();
                    return;
                }
                run.followers.add(follower);
            }
            emitter.onTermination(() -> {
                synchronized (run) {
                    run.followers.remove(follower);
                }
            });
        }, BackPressureStrategy.LATEST);
    }

    /** Writes every run with unwritten progress. */
    public void flush() {
        for (Run run : runs.values()) {
            synchronized (run) {
                if (run.dirty) {
                    write(run, Instant.now());
                }
            }
        }
    }

    private void flushSafely() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warnf("could not write run progress: %s", e.getMessage());
        }
    }

    /** Writes and announces a change. The change stands even if the write fails: the flusher retries it. */
    private void afterChange(Run run, Change change, Instant now) {
        try {
            persist(run, change, now);
        } catch (ObjectStoreException e) {
            LOG.warnf("run %s: run.json not written, will retry: %s", run.id(), e.getMessage());
        }
        if (change == Change.PROGRESS || change == Change.TRANSITION) {
            announce(run);
        }
    }

    private void persist(Run run, Change change, Instant now) {
        switch (change) {
            case NONE -> {
            }
            case QUIET -> run.dirty = true;
            case PROGRESS -> {
                if (Duration.between(run.lastWrite, now).compareTo(progressWriteInterval) >= 0) {
                    write(run, now);
                } else {
                    run.dirty = true;
                }
            }
            case TRANSITION -> write(run, now);
        }
    }

    private void announce(Run run) {
        RunView view = run.view();
        // a copy: a follower that completes removes itself from the list
        for (Consumer<RunView> follower : List.copyOf(run.followers)) {
            follower.accept(view);
        }
    }

    /** Writes run.json; a failure leaves the run dirty, so the flusher tries again. */
    private void write(Run run, Instant now) {
        run.dirty = true;
        store.putJson(ArtifactKeys.runJson(run.id()), run.record());
        run.lastWrite = now;
        run.dirty = false;
    }

    private Run require(String runId) {
        Run run = runs.get(runId);
        if (run != null) {
            return run;
        }
        return load(runId).orElseThrow(() -> new UnknownRunException(runId));
    }

    private Optional<Run> load(String runId) {
        String key = ArtifactKeys.runJson(runId);
        if (!store.exists(key)) {
            return Optional.empty();
        }
        Run loaded = Run.restore(store.getJson(key, RunRecord.class));
        return Optional.of(runs.computeIfAbsent(runId, id -> loaded));
    }
}
