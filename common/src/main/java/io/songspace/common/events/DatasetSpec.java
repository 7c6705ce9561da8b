package io.songspace.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A collection, one record per kind, told apart by {@code "type"}: {@code demo} (generated from the seed),
 * {@code fma} (tracks.csv + audio tree), {@code folder} (one subfolder per genre) or {@code table} (CSV of
 * precomputed features). A field that a kind does not have is an unknown field of that kind, so the API rejects
 * every invalid combination naming the field. {@code path}: a local path visible to the services, or
 * {@code s3://bucket/prefix} in the object store. Every kind's defaults are in its {@link #withDefaults()}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = DatasetSpec.Demo.class, name = DatasetSpec.DEMO),
        @JsonSubTypes.Type(value = DatasetSpec.Fma.class, name = DatasetSpec.FMA),
        @JsonSubTypes.Type(value = DatasetSpec.Folder.class, name = DatasetSpec.FOLDER),
        @JsonSubTypes.Type(value = DatasetSpec.Table.class, name = DatasetSpec.TABLE)})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface DatasetSpec {

    String DEMO = "demo";
    String FMA = "fma";
    String FOLDER = "folder";
    String TABLE = "table";
    List<String> TYPES = List.of(DEMO, FMA, FOLDER, TABLE);

    /** The kind's name, as in {@code "type"}. */
    String type();

    /** The genres to keep (all where null). */
    List<String> genres();

    /** Tracks per genre at most (all where null). */
    Integer tracksPerGenre();

    /** A copy with every unset field given the kind's default. */
    DatasetSpec withDefaults();

    /** The generated demo corpus: 40 tracks per genre by default, optionally some deliberately broken clips. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Demo(Integer tracksPerGenre, List<String> genres, Integer corruptTracks) implements DatasetSpec {
        @Override
        public String type() {
            return DEMO;
        }

        @Override
        public Demo withDefaults() {
            return new Demo(tracksPerGenre != null ? tracksPerGenre : 40, genres,
                    corruptTracks != null ? corruptTracks : 0);
        }
    }

    /**
     * FMA: a folder with {@code fma_metadata/tracks.csv} (or {@code metadataPath}) and the {@code fma_<subset>}
     * audio tree; the study's five genres and 600 tracks each by default.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Fma(String path, String subset, List<String> genres, Integer tracksPerGenre, String metadataPath)
            implements DatasetSpec {
        @Override
        public String type() {
            return FMA;
        }

        @Override
        public Fma withDefaults() {
            return new Fma(path, subset != null ? subset : "small", genres != null ? genres : RunSpec.STUDY_GENRES,
                    tracksPerGenre != null ? tracksPerGenre : 600, metadataPath);
        }
    }

    /** One subfolder per genre; every track there by default. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Folder(String path, List<String> genres, Integer tracksPerGenre) implements DatasetSpec {
        @Override
        public String type() {
            return FOLDER;
        }

        @Override
        public Folder withDefaults() {
            return this;
        }
    }

    /** A CSV of precomputed features, one row per track: id column {@code track_id}, label column {@code label}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Table(String path, String idColumn, String labelColumn, List<String> genres, Integer tracksPerGenre)
            implements DatasetSpec {
        @Override
        public String type() {
            return TABLE;
        }

        @Override
        public Table withDefaults() {
            return new Table(path, idColumn != null ? idColumn : "track_id",
                    labelColumn != null ? labelColumn : "label", genres, tracksPerGenre);
        }
    }
}
