package io.songspace.report.registry;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.store.ObjectStore;
import io.songspace.common.store.ObjectStoreException;
import io.songspace.report.config.ReportConfig;
import io.songspace.report.registry.Run.Change;
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
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;
    /** Told of every stage event applied, with the run's view before and after it (RunMetrics times the stages). */
    private volatile BiConsumer<RunView, RunView> eventListener = (before, after) -> { };

    public RunRegistry(ObjectStore store, ReportConfig config) {
        this.store = store;
        this.progressWriteInterval = config.progressWriteInterval();
    }

    @PostConstruct
    void start() {
        loadAll();
        flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("run-json-flusher").daemon().factory());
        long millis = Math.max(100, progressWriteInterval.toMillis());
        flusher.scheduleWithFixedDelay(this::flushSafely, millis, millis, TimeUnit.MILLISECONDS);
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

    /** Registers a new QUEUED run and writes its run.json. */
    public RunView create(String runId, RunSpec spec, Instant createdAt) {
        Run run = new Run(runId, spec, createdAt);
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
