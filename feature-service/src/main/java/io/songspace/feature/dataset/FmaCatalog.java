package io.songspace.feature.dataset;

import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.events.DatasetSpec;
import io.songspace.common.events.RunSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The Free Music Archive: {@code fma_metadata/tracks.csv} plus an audio tree {@code fma_<subset>/%03d/%06d.mp3}.
 *
 * <p>tracks.csv, as pandas wrote it, has a two-level column header (two rows, e.g. {@code track} /
 * {@code genre_top}) and then an index row ({@code track_id}); columns are read by (level 0, level 1) name, never
 * by position. Quoted fields contain newlines, so a real CSV parser (commons-csv, RFC 4180) reads it. List columns
 * are Python literals ({@code ['rock', 'indie']}).
 *
 * <p>Subsets nest: medium includes small, large includes both. Tracks whose audio file is missing stay in the
 * manifest; the worker skips them ("audio file not found").
 */
@ApplicationScoped
public class FmaCatalog {

    public static final String METADATA = "fma_metadata/tracks.csv";
    static final List<String> SUBSETS = List.of("small", "medium", "large");

    private static final Column SUBSET = new Column("set", "subset");
    private static final Column GENRE_TOP = new Column("track", "genre_top");
    private static final Column TITLE = new Column("track", "title");
    private static final Column ARTIST = new Column("artist", "name");
    private static final Column TAGS = new Column("track", "tags");
    private static final Column ALBUM_TITLE = new Column("album", "title");
    private static final Column LANGUAGE = new Column("track", "language_code");

    private final DatasetFiles files;

    public FmaCatalog(DatasetFiles files) {
        this.files = files;
    }

    /** A (level 0, level 1) column name of tracks.csv. */
    record Column(String group, String name) {
        @Override
        public String toString() {
            return "(" + group + ", " + name + ")";
        }
    }

    /** The manifest of an FMA dataset as the spec asks for it (subset, genres, tracks per genre, seed). */
    public List<ManifestEntry> manifest(DatasetSpec.Fma dataset, long seed) throws DatasetException {
        DatasetLocation root = files.locate(dataset.path());
        String subset = dataset.subset() != null ? dataset.subset() : "small";
        if (!SUBSETS.contains(subset)) {
            throw new DatasetException("unknown FMA subset '" + subset + "' (small, medium or large)");
        }
        DatasetLocation metadata = dataset.metadataPath() != null ? files.locate(dataset.metadataPath())
                : root.resolve(METADATA);
        if (!files.isFile(metadata)) {
            throw new DatasetException("FMA tracks.csv not found at " + metadata.display());
        }
        DatasetLocation audio = root.resolve("fma_" + subset);
        List<ManifestEntry> tracks;
        try (DatasetFiles.LocalCopy csv = files.open(metadata);
                Reader reader = Files.newBufferedReader(csv.path(), StandardCharsets.UTF_8)) {
            tracks = read(reader, metadata.display(), subset,
                    id -> DatasetFiles.source(audio.resolve(audioPath(id))));
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException("cannot read FMA tracks.csv " + metadata.display() + ": " + e.getMessage(), e);
        }
        List<String> genres = dataset.genres() != null ? dataset.genres() : RunSpec.STUDY_GENRES;
        return GenreSelection.select(tracks, genres, dataset.tracksPerGenre(), seed,
                "FMA subset " + subset + " (" + metadata.display() + ")");
    }

    /** Where the audio of track {@code id} is, relative to the {@code fma_<subset>} folder. */
    static String audioPath(int id) {
        return "%03d/%06d.mp3".formatted(id / 1000, id);
    }

    /** The tracks of {@code subset} (and the subsets it includes) that have a top genre, in file order. */
    static List<ManifestEntry> read(Reader reader, String name, String subset, AudioSource audio)
            throws DatasetException, IOException {
        int rank = SUBSETS.indexOf(subset);
        List<ManifestEntry> tracks = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.parse(reader)) {
            Iterator<CSVRecord> rows = parser.iterator();
            Map<Column, Integer> columns = header(rows, name);
            int subsetCol = require(columns, SUBSET, name);
            int genreCol = require(columns, GENRE_TOP, name);
            int titleCol = require(columns, TITLE, name);
            int artistCol = require(columns, ARTIST, name);
            Integer tagsCol = columns.get(TAGS);
            Integer languageCol = columns.get(LANGUAGE);
            Integer albumCol = columns.get(ALBUM_TITLE);
            while (rows.hasNext()) {
                CSVRecord row = rows.next();
                int id;
                try {
                    id = Integer.parseInt(row.get(0).trim());
                } catch (NumberFormatException e) {
                    throw new DatasetException(name + " line " + parser.getCurrentLineNumber()
                            + ": track_id is not a number");
                }
                String rowSubset = cell(row, subsetCol);
                String genre = cell(row, genreCol);
                int rowRank = SUBSETS.indexOf(rowSubset);
                if (rowRank < 0 || rowRank > rank || genre.isEmpty()) {
                    continue;
                }
                List<String> tags;
                try {
                    tags = tagsCol == null ? List.of() : PythonListLiteral.parse(cell(row, tagsCol));
                } catch (IllegalArgumentException e) {
                    throw new DatasetException(name + " line " + parser.getCurrentLineNumber() + " (track " + id
                            + "): column " + TAGS + " is not a list literal");
                }
                String language = languageCol == null ? "" : cell(row, languageCol);
                String album = albumCol == null ? "" : cell(row, albumCol);
                tracks.add(new ManifestEntry("%06d".formatted(id), genre, cell(row, titleCol), cell(row, artistCol),
                        tags, null, language.isEmpty() ? null : language, audio.of(id), album.isEmpty() ? null : album));
            }
        } catch (UncheckedIOException e) {
            // commons-csv reports malformed input (e.g. an unterminated quote) this way
            throw new DatasetException(name + ": " + FeatureTableDataset.csvProblem(e), e);
        }
        return tracks;
    }

    /** Maps each (level 0, level 1) name to its column index; checks the index row. */
    private static Map<Column, Integer> header(Iterator<CSVRecord> rows, String name) throws DatasetException {
        CSVRecord[] header = new CSVRecord[3];
        for (int i = 0; i < 3; i++) {
            if (!rows.hasNext()) {
                throw new DatasetException(name + " is not FMA's tracks.csv: it has fewer than three header rows");
            }
            header[i] = rows.next();
        }
        if (!"track_id".equals(header[2].get(0).trim())) {
            throw new DatasetException(name + " is not FMA's tracks.csv: its third row should be the index row "
                    + "starting with track_id");
        }
        Map<Column, Integer> columns = new HashMap<>();
        for (int c = 1; c < Math.min(header[0].size(), header[1].size()); c++) {
            columns.putIfAbsent(new Column(header[0].get(c).trim(), header[1].get(c).trim()), c);
        }
        return columns;
    }

    private static int require(Map<Column, Integer> columns, Column column, String name) throws DatasetException {
        Integer index = columns.get(column);
        if (index == null) {
            throw new DatasetException(name + " has no column " + column + " (" + columns.size()
                    + " two-level column names in its header rows)");
        }
        return index;
    }

    private static String cell(CSVRecord row, int column) {
        return column < row.size() ? row.get(column).trim() : "";
    }

    /** The audio source of a track id. */
    @FunctionalInterface
    interface AudioSource {
        String of(int trackId);
    }
}
