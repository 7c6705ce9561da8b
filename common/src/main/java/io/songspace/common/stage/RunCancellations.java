package io.songspace.common.stage;

import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.store.ObjectStore;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a run was cancelled, from its {@link ArtifactKeys#cancelled} marker. Asked at every unit of work (a
 * track, an epoch, a feature set), so answers are remembered: "cancelled" for good, "not cancelled" for
 * {@link #RECHECK}, so a service looks at the store at most once a second per run and stops within about a
 * second of the cancel. Each stage's worker holds one.
 */
public final class RunCancellations {

    static final Duration RECHECK = Duration.ofSeconds(1);

    private final ObjectStore store;
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> checkedAt = new ConcurrentHashMap<>();

    public RunCancellations(ObjectStore store) {
        this.store = store;
    }

    public boolean cancelled(String runId) {
        if (cancelled.contains(runId)) {
            return true;
        }
        long now = System.nanoTime();
        Long last = checkedAt.get(runId);
        if (last != null && now - last < RECHECK.toNanos()) {
            return false;
        }
        checkedAt.put(runId, now);
        if (store.exists(ArtifactKeys.cancelled(runId))) {
            cancelled.add(runId);
            checkedAt.remove(runId);
            return true;
        }
        return false;
    }

    /** Stops the caller's work for a cancelled run. */
    public void stopIfCancelled(String runId) {
        if (cancelled(runId)) {
            throw new RunCancelledException(runId);
        }
    }
}
