package io.songspace.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a user asks for: which collection, how to train, how to cluster, and the seed that makes the run
 * reproducible. The report-service validates and fills defaults ({@link #withDefaults()}) before publishing;
 * every other service reads it as published.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSpec(Dataset dataset, Training training, Clustering clustering, Long seed) {

    public static final long DEFAULT_SEED = 42L;

    /** The study's five genres, FMA spelling. */
    public static final List<String> STUDY_GENRES = List.of("Hip-Hop", "Pop", "Folk", "Experimental", "Rock");

    /**
     * A collection. {@code type}: demo (generated from the seed), fma (tracks.csv + audio tree), folder (one
     * subfolder per genre) or table (CSV of precomputed features). {@code path}: a local path visible to the
     * services, or {@code s3://bucket/prefix} in the object store.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dataset(String type, String path, Integer tracksPerGenre, List<String> genres, String subset,
            Integer corruptTracks, String metadataPath, String idColumn, String labelColumn) {
    }

    /** Training of the Basic VAE; defaults as the study: 50 epochs, batch 64, lr 1e-3, latent 32, beta 1. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Training(Integer epochs, Integer batchSize, Double learningRate, Integer latentDim, Double beta) {
    }

    /** Clustering: {@code k} defaults to the number of labels; {@code perplexity} is t-SNE's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Clustering(Integer k, Double perplexity, Integer umapNeighbors) {
    }

    /** A copy with every unset field given its default. */
    public RunSpec withDefaults() {
        Dataset d = dataset;
        String type = d.type();
        Integer perGenre = d.tracksPerGenre() != null ? d.tracksPerGenre() : switch (type) {
            case "demo" -> 40;
            case "fma" -> 600;
            default -> null; // folder and table: every track there
        };
        List<String> genres = d.genres() != null ? d.genres() : "fma".equals(type) ? STUDY_GENRES : null;
        Dataset dd = new Dataset(type, d.path(), perGenre, genres,
                d.subset() != null ? d.subset() : "fma".equals(type) ? "small" : null,
                d.corruptTracks() != null ? d.corruptTracks() : "demo".equals(type) ? 0 : null,
                d.metadataPath(),
                d.idColumn() != null ? d.idColumn() : "table".equals(type) ? "track_id" : null,
                d.labelColumn() != null ? d.labelColumn() : "table".equals(type) ? "label" : null);
        Training t = training != null ? training : new Training(null, null, null, null, null);
        Training tt = new Training(t.epochs() != null ? t.epochs() : 50, t.batchSize() != null ? t.batchSize() : 64,
                t.learningRate() != null ? t.learningRate() : 1e-3, t.latentDim() != null ? t.latentDim() : 32,
                t.beta() != null ? t.beta() : 1.0);
        Clustering c = clustering != null ? clustering : new Clustering(null, null, null);
        Clustering cc = new Clustering(c.k(), c.perplexity() != null ? c.perplexity() : 30.0,
                c.umapNeighbors() != null ? c.umapNeighbors() : 15);
        return new RunSpec(dd, tt, cc, seed != null ? seed : DEFAULT_SEED);
    }
}
