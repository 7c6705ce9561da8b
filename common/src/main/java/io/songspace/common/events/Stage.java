package io.songspace.common.events;

/** The stages of a run, in order. */
public enum Stage {
    /** The dataset is resolved into a manifest (one line per track). */
    MANIFEST,
    /** Every track is decoded and featurised, or skipped; the run's matrices are assembled. */
    FEATURES,
    /**
     * Text per track (lyrics, metadata or file name), its vectors, and the hybrid feature sets; runs beside
     * FEATURES from the manifest on and completes once both are there. A run without text has no TEXT event: the
     * stage completes with TRAINING.
     */
    TEXT,
    /** The VAEs are trained and their latents written. */
    TRAINING,
    /** Clusterings, metrics and 2-D embeddings. */
    CLUSTERING,
    /** CSV, LaTeX, figures and the HTML page. */
    REPORT
}
