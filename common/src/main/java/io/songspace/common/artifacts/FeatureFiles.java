package io.songspace.common.artifacts;

import java.util.Set;

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
    /** float32 N×T: each track's text vector (sentence embedding or TF-IDF row), written by the text stage. */
    public static final String TEXT = "text.npy";
    /** float32 N×T: {@link #TEXT}, each column standardized to mean 0 and population std 1. */
    public static final String TEXT_STANDARDIZED = "text_std.npy";
    /** float32 N×(D+T): {@link #STANDARDIZED} then {@link #TEXT_STANDARDIZED}, side by side. */
    public static final String AUDIO_TEXT = "audio_text_concat.npy";
    /** JSON array, one per row: where the row's text came from (lyrics, metadata, filename, none). */
    public static final String TEXT_SOURCES = "text_sources.json";
    /** The files the text stage writes here; the others are the audio stage's. */
    public static final Set<String> TEXT_STAGE = Set.of(TEXT, TEXT_STANDARDIZED, AUDIO_TEXT, TEXT_SOURCES);

    /** JSON array of the feature column names. */
    public static final String COLUMNS = "columns.json";

    private FeatureFiles() {
    }
}
