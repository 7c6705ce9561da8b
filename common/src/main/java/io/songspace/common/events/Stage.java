package io.songspace.common.events;

/** The stages of a run, in order. */
public enum Stage {
    /** The dataset is resolved into a manifest (one line per track). */
    MANIFEST,
    /** Every track is decoded and featurised, or skipped; the run's matrices are assembled. */
    FEATURES,
    /** The VAEs are trained and their latents written. */
    TRAINING,
    /** Clusterings, metrics and 2-D embeddings. */
    CLUSTERING,
    /** CSV, LaTeX, figures and the HTML page. */
    REPORT
}
