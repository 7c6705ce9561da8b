package io.songspace.common.artifacts;

/** File names under {@code runs/{runId}/features/}: all rows in the order of {@link #TRACK_IDS}. */
public final class FeatureFiles {
    /** float32 N×D raw features (MFCC-40: 20 means then 20 population stds; or a table's columns). */
    public static final String RAW = "mfcc40_raw.npy";
    /** float32 N×D, each column standardized to mean 0 and population std 1. */
    public static final String STANDARDIZED = "mfcc40_std.npy";
    /** float32 N×20×128 MFCC patches (first 128 frames, zero-padded); absent for table datasets. */
    public static final String PATCHES = "mfcc_patches.npy";
    /** int64 N: index into {@link #LABEL_NAMES}, -1 where a track has no label. */
    public static final String LABELS = "labels.npy";
    /** JSON array of label names, index = label value. */
    public static final String LABEL_NAMES = "label_names.json";
    /** JSON array of track ids, one per row. */
    public static final String TRACK_IDS = "track_ids.json";
    /** JSON array of {@link SkippedTrack}. */
    public static final String SKIPPED = "skipped.json";
    /** JSON array of the feature column names. */
    public static final String COLUMNS = "columns.json";

    private FeatureFiles() {
    }
}
