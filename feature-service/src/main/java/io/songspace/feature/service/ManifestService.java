package io.songspace.feature.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.events.AudioJob;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.store.Manifests;
import io.songspace.common.store.ObjectStore;
import io.songspace.feature.dataset.DatasetException;
import io.songspace.feature.dataset.DatasetResolver;
import io.songspace.feature.dataset.FeatureTable;
import io.songspace.feature.dataset.ResolvedDataset;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Step 2 of a run: resolve the dataset into {@code manifest.jsonl}; then either plan one {@link AudioJob} per track
 * or, for a table dataset, write the feature matrices at once. Tracks the dataset already knows to be unusable get
 * their skip marker here; their jobs still go out, and the worker reports the stored skip.
 */
@ApplicationScoped
public class ManifestService {

    private static final Logger LOG = Logger.getLogger(ManifestService.class);

    /** What to publish for a run: events first, in order, then the audio jobs (possibly none). */
    public record RunPlan(List<PipelineEvent> events, List<AudioJob> jobs) {
    }

    private final DatasetResolver resolver;
    private final ObjectStore store;
    private final FeatureMatrixWriter writer;
    private final ObjectMapper json;

    public ManifestService(DatasetResolver resolver, ObjectStore store, FeatureMatrixWriter writer, ObjectMapper json) {
        this.resolver = resolver;
        this.store = store;
        this.writer = writer;
        this.json = json;
    }

    /** The plan of a requested run, from its {@code spec.json}. */
    public RunPlan plan(String runId) {
        if (store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS))) {
            LOG.infof("run %s: features already assembled; request ignored", runId);
            return new RunPlan(List.of(), List.of());
        }
        if (!store.exists(ArtifactKeys.spec(runId))) {
            return failed(runId, "the run has no " + ArtifactKeys.spec(runId));
        }
        RunSpec spec = store.getJson(ArtifactKeys.spec(runId), RunSpec.class);
        if (spec == null || spec.dataset() == null) {
            return failed(runId, "the run's spec has no dataset");
        }
        RunSpec full = spec.withDefaults();
        ResolvedDataset dataset;
        try {
            dataset = resolver.resolve(full);
        } catch (DatasetException e) {
            return failed(runId, e.getMessage());
        }
        List<ManifestEntry> manifest = dataset.manifest();
        // before the jobs go out: a worker finding a track's skip marker reports it with its reason
        dataset.unusable().forEach(s -> store.putJson(ArtifactKeys.trackSkipped(runId, s.trackId()), s));
        store.putText(ArtifactKeys.manifest(runId), Manifests.toJsonLines(json, manifest), "application/x-ndjson");
        int total = manifest.size();
        PipelineEvent manifestDone = PipelineEvent.completed(runId, Stage.MANIFEST, "manifest of " + total + " tracks",
                total, Map.of("tracks", Integer.toString(total), "manifest", ArtifactKeys.manifest(runId)));
        LOG.infof("run %s: manifest of %d tracks (%s dataset)", runId, total, full.dataset().type());
        if (!dataset.needsAudio()) {
            return new RunPlan(List.of(manifestDone, tableFeatures(runId, full, manifest, dataset.table())),
                    List.of());
        }
        PipelineEvent started = new PipelineEvent(runId, Stage.FEATURES, PipelineEvent.Status.STARTED,
                "featurising " + total + " tracks", 0, total, null, Instant.now());
        List<AudioJob> jobs = manifest.stream().map(e -> new AudioJob(runId, e.trackId(), e.source())).toList();
        return new RunPlan(List.of(manifestDone, started), jobs);
    }

    private PipelineEvent tableFeatures(String runId, RunSpec spec, List<ManifestEntry> manifest, FeatureTable table) {
        if (table.rows().isEmpty()) {
            store.putJson(ArtifactKeys.feature(runId, FeatureFiles.SKIPPED), table.skipped());
            return PipelineEvent.failed(runId, Stage.FEATURES,
                    "no track could be featurised (" + table.skipped().size() + " skipped)");
        }
        List<FeatureMatrixWriter.TrackRow> rows = table.rows().stream()
                .map(r -> new FeatureMatrixWriter.TrackRow(r.trackId(), r.values(), null)).toList();
        Map<String, String> details = writer.write(runId, manifest,
                FeatureMatrixWriter.labelNames(spec.dataset().genres(), manifest), table.columns(), rows,
                table.skipped(), false);
        return PipelineEvent.completed(runId, Stage.FEATURES, "features of " + details.get("tracks")
                + " tracks read from the table, " + details.get("skipped") + " skipped", details);
    }

    private static RunPlan failed(String runId, String reason) {
        LOG.warnf("run %s: manifest failed: %s", runId, reason);
        return new RunPlan(List.of(PipelineEvent.failed(runId, Stage.MANIFEST, reason)), List.of());
    }
}
