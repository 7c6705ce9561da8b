package io.songspace.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * What a user asks for: which collection, which study level (or explicit models and clustering algorithms), how
 * to train and cluster, and the seed that makes the run reproducible. The report-service validates it and writes
 * it, with {@link #withDefaults()} applied, as the run's {@code spec.json}: the one description of the run that
 * every service reads. {@code withDefaults()} expands the level into explicit lists once; applying it again
 * changes nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSpec(String level, DatasetSpec dataset, Training training, List<ModelSpec> models, Clustering clustering,
        Long seed, Text text) {

    public static final long DEFAULT_SEED = 42L;

    /** The study's three levels; {@code easy} when the spec names none. */
    public static final String EASY = "easy";
    public static final String MEDIUM = "medium";
    public static final String HARD = "hard";
    public static final List<String> LEVELS = List.of(EASY, MEDIUM, HARD);

    /** The study's five genres, FMA spelling. */
    public static final List<String> STUDY_GENRES = List.of("Hip-Hop", "Pop", "Folk", "Experimental", "Rock");

    /** The hard level's β sweep. */
    public static final List<Double> BETA_SWEEP = List.of(0.5, 1.0, 4.0, 10.0);

    /** A spec of the easy level with the given parts (models and algorithms from the level). */
    public RunSpec(DatasetSpec dataset, Training training, Clustering clustering, Long seed) {
        this(null, dataset, training, null, clustering, seed, null);
    }

    /** A spec whose text settings follow its level. */
    public RunSpec(String level, DatasetSpec dataset, Training training, List<ModelSpec> models, Clustering clustering,
            Long seed) {
        this(level, dataset, training, models, clustering, seed, null);
    }

    /**
     * The text stage: whether it runs ({@code enabled}, default: at the medium and hard levels, or when a model is
     * multimodal) and how a track's text becomes a vector: {@code minilm} (384-d sentence embeddings, the default)
     * or {@code tfidf} (the study's TF-IDF, at most 384 terms).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Text(Boolean enabled, String method) {

        public static final String MINILM = "minilm";
        public static final String TFIDF = "tfidf";
        public static final List<String> METHODS = List.of(MINILM, TFIDF);
    }

    /** Whether this spec (with defaults applied) runs the text stage. */
    public boolean textEnabled() {
        return text != null && Boolean.TRUE.equals(text.enabled());
    }

    /**
     * Training defaults for every model that does not set its own; as the study: 50 epochs, batch 64, lr 1e-3,
     * latent 32, β 1.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Training(Integer epochs, Integer batchSize, Double learningRate, Integer latentDim, Double beta) {
    }

    /**
     * Clustering: {@code k} defaults to the number of labels; {@code perplexity} is t-SNE's; {@code algorithms}
     * run on every feature set; {@code embeddings} (tsne, umap) are drawn of every feature set.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Clustering(Integer k, Double perplexity, Integer umapNeighbors, List<AlgorithmSpec> algorithms,
            List<String> embeddings) {

        public static final List<String> EMBEDDINGS = List.of("tsne", "umap");

        public Clustering(Integer k, Double perplexity, Integer umapNeighbors) {
            this(k, perplexity, umapNeighbors, null, null);
        }
    }

    /** A copy with every unset field given its default and the level expanded into models and algorithms. */
    public RunSpec withDefaults() {
        String lvl = level != null ? level : EASY;
        Training t = training != null ? training : new Training(null, null, null, null, null);
        Training tt = new Training(t.epochs() != null ? t.epochs() : 50, t.batchSize() != null ? t.batchSize() : 64,
                t.learningRate() != null ? t.learningRate() : 1e-3, t.latentDim() != null ? t.latentDim() : 32,
                t.beta() != null ? t.beta() : 1.0);
        Text tx = text != null ? text : new Text(null, null);
        boolean multimodal = models != null && models.stream()
                .anyMatch(m -> m != null && ModelSpec.MULTIMODAL_VAE.equals(m.architecture()));
        Text txt = new Text(tx.enabled() != null ? tx.enabled() : multimodal || !EASY.equals(lvl),
                tx.method() != null ? tx.method() : Text.MINILM);
        List<ModelSpec> ms = (models != null ? models : levelModels(lvl, txt.enabled())).stream()
                .map(m -> m.withDefaults(tt)).toList();
        Clustering c = clustering != null ? clustering : new Clustering(null, null, null);
        List<AlgorithmSpec> algorithms = (c.algorithms() != null ? c.algorithms() : levelAlgorithms(lvl)).stream()
                .map(AlgorithmSpec::withDefaults).toList();
        Clustering cc = new Clustering(c.k(), c.perplexity() != null ? c.perplexity() : 30.0,
                c.umapNeighbors() != null ? c.umapNeighbors() : 15, algorithms,
                c.embeddings() != null ? c.embeddings() : Clustering.EMBEDDINGS);
        return new RunSpec(lvl, dataset == null ? null : dataset.withDefaults(), tt, ms, cc,
                seed != null ? seed : DEFAULT_SEED, txt);
    }

    /** The model of this spec with the given id. */
    public ModelSpec model(String id) {
        return models == null ? null : models.stream().filter(m -> id.equals(m.id())).findFirst().orElse(null);
    }

    /** The ids of this spec's models, in order. */
    public List<String> modelIds() {
        return models == null ? List.of() : models.stream().map(ModelSpec::id).toList();
    }

    /**
     * The study's models of a level: easy the Basic VAE; medium + the ConvVAE and, with text, the multimodal VAE;
     * hard + the β sweep.
     */
    public static List<ModelSpec> levelModels(String level, boolean text) {
        List<ModelSpec> easy = List.of(ModelSpec.of(ModelSpec.VAE, ModelSpec.VAE, null));
        if (EASY.equals(level)) {
            return easy;
        }
        List<ModelSpec> medium = new ArrayList<>(List.of(easy.getFirst(),
                ModelSpec.of(ModelSpec.CONV_VAE, ModelSpec.CONV_VAE, null)));
        if (text) {
            medium.add(ModelSpec.of(ModelSpec.MULTIMODAL_VAE, ModelSpec.MULTIMODAL_VAE, null));
        }
        if (MEDIUM.equals(level)) {
            return List.copyOf(medium);
        }
        List<ModelSpec> hard = new ArrayList<>(medium);
        for (double beta : BETA_SWEEP) {
            hard.add(ModelSpec.of(ModelSpec.betaVaeId(beta), ModelSpec.VAE, beta));
        }
        return List.copyOf(hard);
    }

    /** The study's clustering algorithms of a level: K-Means at easy; + Agglomerative and DBSCAN above. */
    public static List<AlgorithmSpec> levelAlgorithms(String level) {
        if (EASY.equals(level)) {
            return List.of(AlgorithmSpec.of(AlgorithmSpec.KMEANS));
        }
        return List.of(AlgorithmSpec.of(AlgorithmSpec.KMEANS), AlgorithmSpec.of(AlgorithmSpec.AGGLOMERATIVE),
                AlgorithmSpec.of(AlgorithmSpec.DBSCAN));
    }
}
