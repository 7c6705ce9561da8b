package io.songspace.report.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the report-service. */
@ConfigMapping(prefix = "songspace.report")
public interface ReportConfig {

    /**
     * The shortest interval between two writes of a run's {@code run.json} caused by per-track or per-epoch
     * progress alone; stage transitions are written at once. Keeps a 3,000-track run from writing 3,000 times.
     */
    @WithDefault("1s")
    Duration progressWriteInterval();

    /**
     * A run that hears nothing (no stage event, no track outcome) for this long ends FAILED naming the stage where
     * it stood: the per-stage deadline, with progress as the heartbeat. Above the longest silent step of a stage
     * (one t-SNE or UMAP of a few thousand tracks, one epoch of the convolutional VAE).
     */
    @WithDefault("10m")
    Duration stallTimeout();

    /** How long {@code POST /api/runs} waits for Kafka to acknowledge the run request before answering 503. */
    @WithDefault("15s")
    Duration publishTimeout();

    /** Figure sizes in pixels. */
    Figures figures();

    interface Figures {
        /** Width of a single-chart figure (scatter plots, heatmaps, bar charts). */
        @WithDefault("900")
        int width();

        /** Height of a single-chart figure. */
        @WithDefault("650")
        int height();
    }
}
