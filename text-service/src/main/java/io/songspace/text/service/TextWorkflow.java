package io.songspace.text.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.artifacts.ArtifactKeys;
import io.songspace.common.artifacts.FeatureFiles;
import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.events.PipelineEvent;
import io.songspace.common.events.RunSpec;
import io.songspace.common.events.Stage;
import io.songspace.common.messaging.StageEvents;
import io.songspace.common.npy.NpyArray;
import io.songspace.common.registry.Registry;
import io.songspace.common.stage.RunCancellations;
import io.songspace.common.store.Manifests;
import io.songspace.common.store.ObjectStore;
import io.songspace.text.config.TextConfig;
import io.songspace.text.document.TextSource;
import io.songspace.text.document.TrackText;
import io.songspace.text.document.TrackTexts;
import io.songspace.text.method.TextMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The text stage of a run, in two steps that meet whichever finishes last:
 * <ol>
 * <li>{@link #prepare}, from the manifest on (beside the audio features): each track's text
 * ({@code text/texts.json}) and, for methods whose vectors depend on one text alone, the vectors
 * ({@code text/vectors.npy}, manifest order);</li>
 * <li>{@link #assemble}, once the audio features exist too: the feature sets row-aligned with the audio
 * ({@link HybridSets}) under {@code features/}, then TEXT COMPLETED with the count of tracks per text source.</li>
 * </ol>
 * A run without text is left alone: its TEXT stage completes with its training (a TEXT COMPLETED sent here, before
 * the audio features, would tell the report-service that FEATURES completed too). Each step is idempotent: its
 * files mark it done.
 */
@ApplicationScoped
public class TextWorkflow {

    private static final Logger LOG = Logger.getLogger(TextWorkflow.class);

    /** Every manifest track's {@link TrackText}, in manifest order. */
    static final String TEXTS = "texts.json";
    /** float32 M×T, the vectors of {@link #TEXTS} in the same order (per-text methods only). */
    static final String VECTORS = "vectors.npy";

    private static final TypeReference<List<TrackText>> TEXT_LIST = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private final ObjectStore store;
    private final ObjectMapper json;
    private final StageEvents events;
    private final Registry<TextMethod> methods;
    private final TrackTexts trackTexts;
    private final TextConfig config;
    private final RunCancellations cancellations;

    public TextWorkflow(ObjectStore store, ObjectMapper json, StageEvents events, Registry<TextMethod> methods,
            TrackTexts trackTexts, TextConfig config) {
        this.store = store;
        this.json = json;
        this.events = events;
        this.cancellations = new RunCancellations(store);
        this.methods = methods;
        this.trackTexts = trackTexts;
        this.config = config;
    }

    /** The run's spec with its defaults. */
    public RunSpec spec(String runId) {
        return store.getJson(ArtifactKeys.spec(runId), RunSpec.class).withDefaults();
    }

    /** Step 1: the tracks' texts (and per-text vectors); then step 2 if the audio features are already there. */
    public void prepare(String runId) {
        Optional<TextMethod> textMethod = method(runId);
        if (textMethod.isEmpty()) {
            return;
        }
        TextMethod method = textMethod.get();
        if (!prepared(runId, method)) {
            List<ManifestEntry> manifest = Manifests.fromJsonLines(json, store.require(ArtifactKeys.manifest(runId)));
            long start = System.nanoTime();
            List<TrackText> texts = texts(runId, manifest);
            long chosen = System.nanoTime();
            if (method.perText()) {
                store.putNpy(ArtifactKeys.text(runId, VECTORS), vectors(runId, method, texts));
            }
            LOG.infof("run %s: texts of %d tracks chosen in %.1f s, %s vectors in %.1f s", runId, texts.size(),
                    (chosen - start) / 1e9, method.name(), (System.nanoTime() - chosen) / 1e9);
            // written after the vectors: with them it marks the step done
            store.putJson(ArtifactKeys.text(runId, TEXTS), texts);
        }
        assemble(runId, method);
    }

    /** Step 2, when both its inputs exist; otherwise the step that produces the missing one comes back here. */
    public void assemble(String runId) {
        method(runId).ifPresent(method -> assemble(runId, method));
    }

    /** The run's text method, or nothing when the run has no text. */
    private Optional<TextMethod> method(String runId) {
        RunSpec spec = spec(runId);
        return spec.textEnabled() ? Optional.of(methods.named(spec.text().method())) : Optional.empty();
    }

    private void assemble(String runId, TextMethod method) {
        // track_ids.json is the audio assembly's last file, texts.json the last of step 1
        if (!store.exists(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS)) || !prepared(runId, method)) {
            return;
        }
        long start = System.nanoTime();
        List<String> trackIds = store.getJson(ArtifactKeys.feature(runId, FeatureFiles.TRACK_IDS), STRING_LIST);
        List<TrackText> texts = store.getJson(ArtifactKeys.text(runId, TEXTS), TEXT_LIST);
        Map<String, TrackText> byId = new LinkedHashMap<>();
        texts.forEach(t -> byId.put(t.trackId(), t));
        Map<String, float[]> vectors = new HashMap<>();
        if (method.perText()) {
            NpyArray all = store.getNpy(ArtifactKeys.text(runId, VECTORS));
            int dim = all.shape()[1];
            for (int i = 0; i < texts.size(); i++) {
                float[] row = new float[dim];
                System.arraycopy(all.floats(), i * dim, row, 0, dim);
                vectors.put(texts.get(i).trackId(), row);
            }
        } else {
            // a corpus-fitted method sees exactly the tracks that are clustered
            List<String> kept = new ArrayList<>();
            for (String id : trackIds) {
                TrackText t = byId.get(id);
                kept.add(t == null ? "" : t.text());
            }
            float[][] rows = method.vectors(kept);
            for (int i = 0; i < trackIds.size(); i++) {
                vectors.put(trackIds.get(i), rows[i]);
            }
        }
        Map<String, TextSource> sources = new HashMap<>();
        byId.forEach((id, t) -> sources.put(id, t.source()));
        HybridSets sets = HybridSets.assemble(trackIds,
                store.getNpy(ArtifactKeys.feature(runId, FeatureFiles.STANDARDIZED)), vectors, sources);
        store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.TEXT), sets.text());
        store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.TEXT_STANDARDIZED), sets.textStandardized());
        store.putJson(ArtifactKeys.feature(runId, FeatureFiles.TEXT_SOURCES), sets.sources());
        // last: its presence says the text sets are complete
        store.putNpy(ArtifactKeys.feature(runId, FeatureFiles.AUDIO_TEXT), sets.audioText());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("method", method.name());
        details.put("dim", Integer.toString(sets.text().shape()[1]));
        details.put("tracks", Integer.toString(trackIds.size()));
        sets.sourceCounts().forEach((source, count) -> details.put(source.json(), Integer.toString(count)));
        String counts = String.join(", ", sets.sourceCounts().entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().json()).toList());
        LOG.infof("run %s: text sets of %d tracks (%s) in %.1f s", runId, trackIds.size(), counts,
                (System.nanoTime() - start) / 1e9);
        events.publish(PipelineEvent.completed(runId, Stage.TEXT, String.format(Locale.ROOT,
                "%s vectors of %d tracks: %s", method.name(), trackIds.size(), counts), trackIds.size(), details));
    }

    /** Whether the audio and text sets of the run are complete (TEXT COMPLETED may have been lost). */
    public boolean assembled(String runId) {
        return store.exists(ArtifactKeys.feature(runId, FeatureFiles.AUDIO_TEXT));
    }

    private boolean prepared(String runId, TextMethod method) {
        return store.exists(ArtifactKeys.text(runId, TEXTS))
                && (!method.perText() || store.exists(ArtifactKeys.text(runId, VECTORS)));
    }

    private List<TrackText> texts(String runId, List<ManifestEntry> manifest) {
        List<TrackText> texts = new ArrayList<>(manifest.size());
        int every = Math.max(1, manifest.size() / 20);
        for (ManifestEntry track : manifest) {
            texts.add(trackTexts.of(track));
            if (texts.size() % every == 0) {
                events.publish(PipelineEvent.progress(runId, Stage.TEXT, "text of " + texts.size() + " of "
                        + manifest.size() + " tracks chosen", texts.size() / 2, manifest.size()));
            }
        }
        return texts;
    }

    /** The vectors of every text, in batches, reporting progress as the second half of the stage. */
    private NpyArray vectors(String runId, TextMethod method, List<TrackText> texts) {
        int n = texts.size();
        float[] all = null;
        int dim = 0;
        for (int from = 0; from < n; from += config.batchSize()) {
            cancellations.stopIfCancelled(runId);
            int to = Math.min(n, from + config.batchSize());
            float[][] rows = method.vectors(texts.subList(from, to).stream().map(TrackText::text).toList());
            if (all == null) {
                dim = rows[0].length;
                all = new float[n * dim];
            }
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, all, (from + i) * dim, dim);
            }
            events.publish(PipelineEvent.progress(runId, Stage.TEXT, method.name() + " vectors of " + to + " of "
                    + n + " tracks", (n + to) / 2, n));
        }
        return NpyArray.ofFloats(all == null ? new float[0] : all, n, dim);
    }
}
