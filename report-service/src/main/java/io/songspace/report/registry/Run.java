package io.songspace.report.registry;

import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.report.registry.RunView.StageView;
import io.songspace.report.registry.RunView.State;
import io.songspace.report.registry.RunView.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One run's mutable state and its state machine. Not thread-safe by itself: {@link RunRegistry} holds the run's
 * monitor around every call, so that a change, its write to the object store and its notification stay in order.
 */
final class Run {

    /** How much of the whole run each stage is worth in {@link RunView#progress()}. */
    private static final Map<Stage, Double> WEIGHTS = Map.of(Stage.MANIFEST, 0.05, Stage.FEATURES, 0.3,
            Stage.TEXT, 0.05, Stage.TRAINING, 0.35, Stage.CLUSTERING, 0.2, Stage.REPORT, 0.05);

    /** The report's entry page, relative to the run's artifacts. */
    static final String REPORT_INDEX = "report/index.html";

    /** What a change did, which decides how it is written and whether followers hear of it. */
    enum Change {
        /** Nothing new (a redelivered message). */
        NONE,
        /** Only the log changed (events after the run ended): written lazily, followers not told. */
        QUIET,
        /** Progress within a stage: written at most once per interval, followers told. */
        PROGRESS,
        /** A stage or the run changed status: written at once, followers told. */
        TRANSITION
    }

    private static final class StageState {
        Status status = Status.PENDING;
        int done;
        int total;
        String message;
        Instant startedAt;
        Instant finishedAt;
    }

    private final String id;
    private final RunSpec spec;
    private final String owner;
    private final Instant createdAt;
    private State state = State.QUEUED;
    private Instant updatedAt;
    private final EnumMap<Stage, StageState> stages = new EnumMap<>(Stage.class);
    private final LinkedHashMap<String, SkippedTrack> skipped = new LinkedHashMap<>();
    private final Set<String> tracksDone = new LinkedHashSet<>();
    private String error;
    private String reportUrl;
    private final List<PipelineEvent> history = new ArrayList<>();

    /** When run.json was last written, and whether a change has not been written since. */
    Instant lastWrite = Instant.EPOCH;
    boolean dirty;

    /** SSE subscribers; each gets every view after a change. */
    final List<Consumer<RunView>> followers = new ArrayList<>();

    Run(String id, RunSpec spec, String owner, Instant createdAt) {
        this.id = id;
        this.spec = spec;
        this.owner = owner;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        for (Stage s : Stage.values()) {
            stages.put(s, new StageState());
        }
    }

    static Run restore(RunRecord record) {
        RunView v = record.run();
        Run run = new Run(v.id(), v.spec(), v.owner(), v.createdAt());
        run.state = v.state();
        run.updatedAt = v.updatedAt();
        for (StageView sv : v.stages()) {
            StageState s = run.stages.get(sv.stage());
            s.status = sv.status();
            s.done = sv.done();
            s.total = sv.total();
            s.message = sv.message();
            s.startedAt = sv.startedAt();
            s.finishedAt = sv.finishedAt();
        }
        v.skipped().forEach(t -> run.skipped.put(t.trackId(), t));
        run.tracksDone.addAll(record.tracksDone());
        run.error = v.error();
        run.reportUrl = v.reportUrl();
        run.history.addAll(record.history());
        return run;
    }

    String id() {
        return id;
    }

    State state() {
        return state;
    }

    String owner() {
        return owner;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    Change apply(PipelineEvent e, Instant now) {
        if (history.contains(e)) {
            return Change.NONE;
        }
        log(e);
        if (state.terminal()) {
            return Change.QUIET;
        }
        Instant at = e.at() != null ? e.at() : now;
        StageState s = stages.get(e.stage());
        Change change = Change.TRANSITION;
        switch (e.status()) {
            case STARTED -> {
                if (s.status.terminal()) {
                    return Change.QUIET;
                }
                start(e.stage(), at);
                s.message = e.message();
            }
            case PROGRESS -> {
                if (s.status.terminal()) {
                    return Change.QUIET;
                }
                change = s.status == Status.PENDING ? Change.TRANSITION : Change.PROGRESS;
                start(e.stage(), at);
                if (e.total() != null) {
                    s.total = e.total();
                }
                if (e.done() != null) {
                    s.done = Math.max(s.done, e.done());
                }
                s.message = e.message();
            }
            case COMPLETED -> {
                // Stages run in order: a completed stage implies its predecessors completed, even where their
                // own COMPLETED was never sent (a table dataset has no FEATURES STARTED) or is still in flight.
                for (Stage earlier : Stage.values()) {
                    if (earlier.ordinal() < e.stage().ordinal() && !stages.get(earlier).status.terminal()) {
                        complete(earlier, at);
                    }
                }
                Integer total = e.total() != null ? e.total() : totalFromDetails(e.details());
                if (total != null) {
                    s.total = total;
                    // the manifest's track count is what FEATURES counts down, before any feature event says so
                    StageState features = stages.get(Stage.FEATURES);
                    if (e.stage() == Stage.MANIFEST && features.total == 0) {
                        features.total = total;
                    }
                }
                complete(e.stage(), at);
                s.message = e.message();
                if (e.stage() == Stage.REPORT) {
                    state = State.COMPLETED;
                    reportUrl = "/api/runs/" + id + "/artifacts/" + REPORT_INDEX;
                }
            }
            case FAILED -> {
                start(e.stage(), at);
                s.status = Status.FAILED;
                s.finishedAt = at;
                s.message = e.message();
                state = State.FAILED;
                error = e.stage() + ": " + (e.message() != null ? e.message() : "failed");
            }
        }
        if (state == State.QUEUED) {
            state = State.RUNNING;
        }
        updatedAt = now;
        return change;
    }

    /** A chunk's outcome: each track counted once per track id, whatever the redeliveries. */
    Change apply(AudioDone d, Instant now) {
        boolean counted = false;
        boolean skippedAny = false;
        for (AudioDone.Outcome track : d.tracks()) {
            if (tracksDone.add(track.trackId())) {
                counted = true;
                if (track.status() == AudioDone.Status.SKIPPED) {
                    skippedAny = true;
                    skipped.put(track.trackId(), new SkippedTrack(track.trackId(),
                            track.reason() != null ? track.reason() : "no reason given"));
                }
            }
        }
        if (!counted) {
            return Change.NONE;
        }
        StageState features = stages.get(Stage.FEATURES);
        Change change = Change.PROGRESS;
        if (!state.terminal() && !features.status.terminal()) {
            if (features.status == Status.PENDING) {
                change = Change.TRANSITION;
                start(Stage.FEATURES, now);
            }
            features.done = Math.max(features.done, tracksDone.size());
            if (state == State.QUEUED) {
                state = State.RUNNING;
            }
        } else if (!skippedAny) {
            return Change.QUIET;
        }
        updatedAt = now;
        return change;
    }

    /** The run ends FAILED without any stage having failed (its request could not be published). */
    void reject(String reason, Instant now) {
        state = State.FAILED;
        error = reason;
        updatedAt = now;
    }

    /**
     * The run ends {@code state} (FAILED at a deadline, or CANCELLED) while its stages are still going: the
     * running ones end FAILED with {@code reason}, so the view shows where it stopped.
     */
    void stop(State state, String reason, Instant now) {
        for (StageState s : stages.values()) {
            if (s.status == Status.RUNNING) {
                s.status = Status.FAILED;
                s.finishedAt = now;
                s.message = reason;
            }
        }
        this.state = state;
        error = reason;
        updatedAt = now;
    }

    /** The first stage not yet finished, for messages. */
    Stage currentStage() {
        for (Stage stage : Stage.values()) {
            if (!stages.get(stage).status.terminal()) {
                return stage;
            }
        }
        return Stage.REPORT;
    }

    /** "n of m tracks accounted for" while features are computed, else empty. */
    String featuresProgress() {
        StageState features = stages.get(Stage.FEATURES);
        return features.total > 0 ? tracksDone.size() + " of " + features.total + " tracks accounted for" : "";
    }

    RunView view() {
        List<StageView> views = new ArrayList<>();
        double progress = 0;
        for (Stage stage : Stage.values()) {
            StageState s = stages.get(stage);
            // start and end may come from different machines' clocks: a skew must not make a negative duration
            Double seconds = s.startedAt != null && s.finishedAt != null
                    ? Math.max(0, Duration.between(s.startedAt, s.finishedAt).toNanos() / 1e9) : null;
            views.add(new StageView(stage, s.status, s.done, s.total, s.message, s.startedAt, s.finishedAt, seconds));
            progress += WEIGHTS.get(stage) * fraction(s);
        }
        return new RunView(id, state, spec, owner, createdAt, updatedAt, Math.round(progress * 1e4) / 1e4, views,
                List.copyOf(skipped.values()), error, reportUrl);
    }

    RunRecord record() {
        return new RunRecord(view(), List.copyOf(history), List.copyOf(tracksDone));
    }

    private static double fraction(StageState s) {
        return switch (s.status) {
            case PENDING -> 0;
            case COMPLETED -> 1;
            case RUNNING, FAILED -> s.total > 0 ? Math.min(1.0, (double) s.done / s.total) : 0;
        };
    }

    /** Keeps the log short: a stage's progress events replace each other, every transition stays. */
    private void log(PipelineEvent e) {
        if (e.status() == PipelineEvent.Status.PROGRESS) {
            history.removeIf(h -> h.stage() == e.stage() && h.status() == PipelineEvent.Status.PROGRESS);
        }
        history.add(e);
    }

    private void start(Stage stage, Instant at) {
        StageState s = stages.get(stage);
        if (s.status == Status.PENDING) {
            s.status = Status.RUNNING;
        }
        if (s.startedAt == null || at.isBefore(s.startedAt)) {
            s.startedAt = at;
        }
    }

    private void complete(Stage stage, Instant at) {
        StageState s = stages.get(stage);
        if (s.startedAt == null) {
            s.startedAt = previousFinish(stage);
        }
        s.status = Status.COMPLETED;
        s.finishedAt = at;
        if (s.total > 0) {
            s.done = s.total;
        }
    }

    /** Where a stage that announced only its completion began: when the stage before it finished. */
    private Instant previousFinish(Stage stage) {
        for (int i = stage.ordinal() - 1; i >= 0; i--) {
            Instant finished = stages.get(Stage.values()[i]).finishedAt;
            if (finished != null) {
                return finished;
            }
        }
        return createdAt;
    }

    private static Integer totalFromDetails(Map<String, String> details) {
        if (details == null || details.get("total") == null) {
            return null;
        }
        try {
            return Integer.valueOf(details.get("total"));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
