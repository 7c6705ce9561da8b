package io.songspace.feature.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.events.AudioDone;
import io.songspace.common.events.AudioJob;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.store.Manifests;
import io.songspace.common.store.ObjectStore;
import io.songspace.feature.config.FeatureConfig;
import io.songspace.feature.dataset.DatasetException;
import io.songspace.feature.dataset.DatasetResolver;
import io.songspace.feature.dataset.FeatureTable;
import io.songspace.feature.dataset.ResolvedDataset;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Step 2 of a run: resolve the dataset into {@code manifest.jsonl}; then either plan the {@link AudioJob}s, chunks of
 * the manifest's tracks, or, for a table dataset, write the feature matrices at once. Tracks the dataset already
 * knows to be unusable go into no job: they form the run's last chunk, whose outcome (all skipped, with the
 * reasons) is stored and announced here, as a worker would.
 */
@ApplicationScoped
public class ManifestService {

    private static final Logger LOG = Logger.getLogger(ManifestService.class);

    /**
     * What to publish for a run: events first, in order, then the audio jobs (possibly none), then the outcomes
     * already known (the unusable tracks' chunk, stored already).
     */
    public record RunPlan(List<PipelineEvent> events, List<AudioJob> jobs, List<AudioDone> known) {

        static RunPlan eventsOnly(List<PipelineEvent> events) {
            return new RunPlan(events, List.of(), List.of());
        }
    }

    private final DatasetResolver resolver;
    private final ObjectStore store;
    private final FeatureMatrixWriter writer;
    private final ObjectMapper json;
    private final FeatureConfig config;

    public ManifestService(DatasetResolver resolver, ObjectStore store, FeatureMatrixWriter writer, ObjectMapper json,
            FeatureConfig config) {
        this.resolver = resolver;
        this.store = store;
        this.writer = writer;
        this.json = json;
        this.config = config;
    }

    /** The plan of a requested run, from its {@code spec.json}. */
    public RunPlan plan(String runId) {
        if (store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS))) {
            LOG.infof("run %s: features already assembled; request ignored", runId);
            return RunPlan.eventsOnly(List.of());
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
        store.putText(ArtifactKeys.manifest(runId), Manifests.toJsonLines(json, manifest), "application/x-ndjson");
        int total = manifest.size();
        PipelineEvent manifestDone = PipelineEvent.completed(runId, Stage.MANIFEST, "manifest of " + total + " tracks",
                total, Map.of("tracks", Integer.toString(total), "manifest", ArtifactKeys.manifest(runId)));
        LOG.infof("run %s: manifest of %d tracks (%s dataset)", runId, total, full.dataset().type());
        if (!dataset.needsAudio()) {
            return RunPlan.eventsOnly(List.of(manifestDone, tableFeatures(runId, full, manifest, dataset.table())));
        }
        Set<String> unusable = dataset.unusable().stream().map(SkippedTrack::trackId).collect(Collectors.toSet());
        List<AudioJob.Track> tracks = manifest.stream().filter(e -> !unusable.contains(e.trackId()))
                .map(e -> new AudioJob.Track(e.trackId(), e.source())).toList();
        int size = chunkSize(tracks.size(), config.chunkTargetCount(), config.chunkMaxTracks());
        Instant now = Instant.now();
        List<AudioJob> jobs = new ArrayList<>();
        for (int from = 0; from < tracks.size(); from += size) {
            jobs.add(new AudioJob(runId, jobs.size(), tracks.subList(from, Math.min(tracks.size(), from + size)), now));
        }
        List<AudioDone> known = new ArrayList<>();
        if (!unusable.isEmpty()) {
            AudioDone skipped = new AudioDone(runId, jobs.size(), dataset.unusable().stream()
                    .map(t -> AudioDone.Outcome.skipped(t.trackId(), t.reason())).toList());
            store.putJson(ArtifactKeys.chunkOutcome(runId, skipped.chunk()), skipped);
            known.add(skipped);
        }
        PipelineEvent started = new PipelineEvent(runId, Stage.FEATURES, PipelineEvent.Status.STARTED,
                "featurising " + total + " tracks in " + jobs.size() + " chunks", 0, total, null, now);
        return new RunPlan(List.of(manifestDone, started), jobs, known);
    }

    /**
     * Tracks per chunk: about {@code target} chunks per run, so that the workers share the last ones evenly, but no
     * more than {@code max} tracks in one (a redelivered chunk is done again whole).
     */
    static int chunkSize(int tracks, int target, int max) {
        return Math.max(1, Math.min(max, (tracks + target - 1) / Math.max(1, target)));
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
        return RunPlan.eventsOnly(List.of(PipelineEvent.failed(runId, Stage.MANIFEST, reason)));
    }
}
