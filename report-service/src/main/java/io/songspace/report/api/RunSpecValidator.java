package io.songspace.report.api;

import io.songspace.common.events.AlgorithmSpec;
import io.songspace.common.events.DatasetSpec;
import io.songspace.common.events.ModelSpec;
import io.songspace.common.events.RunSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a run spec must meet before it is accepted, beyond its shape (which Jackson checks when reading it:
 * types, unknown fields, a dataset's fields for its type). Written by hand: the rules depend on each other (a path
 * is required for some dataset types only) and the records live in {@code common}, which carries no validation.
 */
public final class RunSpecValidator {

    /** The values of FMA tracks.csv's (set, subset) column: fma_small, fma_medium and fma_large hold 30 s clips. */
    static final List<String> FMA_SUBSETS = List.of("small", "medium", "large");
    /**
     * Most broken files a demo run may ask for. They exist to exercise the skip path, which a handful does; every
     * one becomes a manifest entry and an audio job, and the demo corpus builds its whole manifest in memory, so an
     * unbounded count (1e9) would exhaust the feature-service's heap. 600 = at most as many broken files as the
     * clean tracks of one genre (demo tracksPerGenre stops at 600).
     */
    static final int MAX_CORRUPT_TRACKS = 600;

    /** Model ids name artifacts ({@code latents/{id}.npy}): letters, digits, dot, dash and underscore. */
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private RunSpecValidator() {
    }

    /** Every violation of {@code spec}, in field order; empty when the spec is valid. */
    public static List<ApiError.Violation> violations(RunSpec spec) {
        List<ApiError.Violation> v = new ArrayList<>();
        if (spec == null) {
            v.add(new ApiError.Violation("body", "required: a run spec object"));
            return v;
        }
        if (spec.level() != null && !RunSpec.LEVELS.contains(spec.level())) {
            v.add(new ApiError.Violation("level", "must be one of " + String.join(", ", RunSpec.LEVELS)));
        }
        dataset(v, spec.dataset());
        RunSpec.Training t = spec.training();
        if (t != null) {
            range(v, "training.epochs", t.epochs(), 1, 10_000);
            range(v, "training.batchSize", t.batchSize(), 1, 100_000);
            if (t.learningRate() != null && !(t.learningRate() > 0 && t.learningRate() <= 1)) {
                v.add(new ApiError.Violation("training.learningRate", "must be > 0 and <= 1"));
            }
            range(v, "training.latentDim", t.latentDim(), 2, 512);
            if (t.beta() != null && !(t.beta() >= 0 && Double.isFinite(t.beta()))) {
                v.add(new ApiError.Violation("training.beta", "must be >= 0"));
            }
        }
        models(v, spec.models());
        text(v, spec);
        if (v.isEmpty() && spec.dataset() instanceof DatasetSpec.Table) {
            patchesNeeded(v, spec);
        }
        RunSpec.Clustering c = spec.clustering();
        if (c != null) {
            range(v, "clustering.k", c.k(), 2, Integer.MAX_VALUE);
            if (c.perplexity() != null && !(c.perplexity() > 0 && Double.isFinite(c.perplexity()))) {
                v.add(new ApiError.Violation("clustering.perplexity", "must be > 0"));
            }
            range(v, "clustering.umapNeighbors", c.umapNeighbors(), 2, Integer.MAX_VALUE);
            algorithms(v, c.algorithms());
            if (c.embeddings() != null) {
                for (int i = 0; i < c.embeddings().size(); i++) {
                    if (!RunSpec.Clustering.EMBEDDINGS.contains(c.embeddings().get(i))) {
                        v.add(new ApiError.Violation("clustering.embeddings[" + i + "]",
                                "must be one of " + String.join(", ", RunSpec.Clustering.EMBEDDINGS)));
                    }
                }
            }
        }
        return v;
    }

    /** The rules within a dataset's type; its type and its fields are checked when the JSON is read. */
    private static void dataset(List<ApiError.Violation> v, DatasetSpec d) {
        if (d == null) {
            v.add(new ApiError.Violation("dataset", "required"));
            return;
        }
        String path = switch (d) {
            case DatasetSpec.Demo demo -> null;
            case DatasetSpec.Fma fma -> fma.path();
            case DatasetSpec.Folder folder -> folder.path();
            case DatasetSpec.Table table -> table.path();
        };
        if (!(d instanceof DatasetSpec.Demo) && (path == null || path.isBlank())) {
            v.add(new ApiError.Violation("dataset.path", "required for dataset type " + d.type()));
        }
        range(v, "dataset.tracksPerGenre", d.tracksPerGenre(), 1, d instanceof DatasetSpec.Demo ? 600
                : Integer.MAX_VALUE);
        if (d instanceof DatasetSpec.Demo demo) {
            range(v, "dataset.corruptTracks", demo.corruptTracks(), 0, MAX_CORRUPT_TRACKS);
        }
        if (d instanceof DatasetSpec.Fma fma && fma.subset() != null && !FMA_SUBSETS.contains(fma.subset())) {
            v.add(new ApiError.Violation("dataset.subset", "must be one of " + String.join(", ", FMA_SUBSETS)));
        }
        if (d.genres() != null) {
            if (d.genres().isEmpty()) {
                v.add(new ApiError.Violation("dataset.genres", "must not be empty (leave it out for every genre)"));
            }
            for (int i = 0; i < d.genres().size(); i++) {
                if (d.genres().get(i) == null || d.genres().get(i).isBlank()) {
                    v.add(new ApiError.Violation("dataset.genres[" + i + "]", "must not be blank"));
                }
            }
        }
    }

    /** A known text method; a multimodal model needs the text stage, which must not be switched off. */
    private static void text(List<ApiError.Violation> v, RunSpec spec) {
        RunSpec.Text text = spec.text();
        if (text != null && text.method() != null && !RunSpec.Text.METHODS.contains(text.method())) {
            v.add(new ApiError.Violation("text.method", "must be one of " + String.join(", ", RunSpec.Text.METHODS)));
        }
        if (text == null || !Boolean.FALSE.equals(text.enabled()) || spec.models() == null) {
            return;
        }
        for (int i = 0; i < spec.models().size(); i++) {
            ModelSpec m = spec.models().get(i);
            if (m != null && ModelSpec.MULTIMODAL_VAE.equals(m.architecture())) {
                v.add(new ApiError.Violation("models[" + i + "].architecture",
                        "multimodal_vae reads the text vectors, but text.enabled is false"));
            }
        }
    }

    /** A table dataset has features but no MFCC patches: no model of the run may read them. */
    private static void patchesNeeded(List<ApiError.Violation> v, RunSpec spec) {
        List<ModelSpec> models = spec.withDefaults().models();
        for (int i = 0; i < models.size(); i++) {
            if (ModelSpec.CONV_VAE.equals(models.get(i).architecture())) {
                v.add(spec.models() == null
                        ? new ApiError.Violation("level", "level " + spec.withDefaults().level() + " trains conv_vae on "
                                + "MFCC patches, which a table dataset does not have: list the models to train")
                        : new ApiError.Violation("models[" + i + "].architecture", "conv_vae reads MFCC patches, "
                                + "which a table dataset does not have"));
                return;
            }
        }
    }

    private static void models(List<ApiError.Violation> v, List<ModelSpec> models) {
        if (models == null) {
            return;
        }
        if (models.isEmpty()) {
            v.add(new ApiError.Violation("models", "must not be empty (leave it out for the level's models)"));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            String at = "models[" + i + "]";
            ModelSpec m = models.get(i);
            if (m == null) {
                v.add(new ApiError.Violation(at, "required: a model object"));
                continue;
            }
            if (m.id() == null || !MODEL_ID.matcher(m.id()).matches()) {
                v.add(new ApiError.Violation(at + ".id", "required: letters, digits, '.', '-', '_' (at most 64)"));
            } else if (!ids.add(m.id())) {
                v.add(new ApiError.Violation(at + ".id", "duplicate model id " + m.id()));
            }
            if (m.architecture() != null && !ModelSpec.ARCHITECTURES.contains(m.architecture())) {
                v.add(new ApiError.Violation(at + ".architecture",
                        "must be one of " + String.join(", ", ModelSpec.ARCHITECTURES)));
            }
            if (m.beta() != null && !(m.beta() >= 0 && Double.isFinite(m.beta()))) {
                v.add(new ApiError.Violation(at + ".beta", "must be >= 0"));
            }
            range(v, at + ".latentDim", m.latentDim(), 2, 512);
            range(v, at + ".epochs", m.epochs(), 1, 10_000);
            range(v, at + ".batchSize", m.batchSize(), 1, 100_000);
            if (m.learningRate() != null && !(m.learningRate() > 0 && m.learningRate() <= 1)) {
                v.add(new ApiError.Violation(at + ".learningRate", "must be > 0 and <= 1"));
            }
        }
    }

    private static void algorithms(List<ApiError.Violation> v, List<AlgorithmSpec> algorithms) {
        if (algorithms == null) {
            return;
        }
        if (algorithms.isEmpty()) {
            v.add(new ApiError.Violation("clustering.algorithms",
                    "must not be empty (leave it out for the level's algorithms)"));
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < algorithms.size(); i++) {
            String at = "clustering.algorithms[" + i + "]";
            AlgorithmSpec a = algorithms.get(i);
            if (a == null || a.name() == null || !AlgorithmSpec.NAMES.contains(a.name())) {
                v.add(new ApiError.Violation(at + ".name", "must be one of " + String.join(", ", AlgorithmSpec.NAMES)));
                continue;
            }
            if (!names.add(a.name())) {
                v.add(new ApiError.Violation(at + ".name", "duplicate algorithm " + a.name()));
            }
            boolean dbscan = AlgorithmSpec.DBSCAN.equals(a.name());
            if (!dbscan && (a.minSamples() != null || a.eps() != null)) {
                v.add(new ApiError.Violation(at + (a.eps() != null ? ".eps" : ".minSamples"),
                        "applies to dbscan only"));
            }
            if (dbscan) {
                range(v, at + ".minSamples", a.minSamples(), 1, 10_000);
                if (a.eps() != null && !validEps(a.eps())) {
                    v.add(new ApiError.Violation(at + ".eps", "must be a number > 0, knee or p90"));
                }
            }
        }
    }

    private static boolean validEps(String eps) {
        if (AlgorithmSpec.EPS_KNEE.equals(eps) || AlgorithmSpec.EPS_P90.equals(eps)) {
            return true;
        }
        try {
            double value = Double.parseDouble(eps);
            return value > 0 && Double.isFinite(value);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Checks an optional integer against an inclusive range; MAX_VALUE as the upper bound means "no upper bound". */
    private static void range(List<ApiError.Violation> v, String field, Integer value, int min, int max) {
        if (value == null || (value >= min && value <= max)) {
            return;
        }
        v.add(new ApiError.Violation(field, max == Integer.MAX_VALUE ? "must be >= " + min
                : "must be between " + min + " and " + max));
    }
}
