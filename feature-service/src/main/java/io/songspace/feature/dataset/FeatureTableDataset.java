package io.songspace.feature.dataset;

import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.events.DatasetSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A CSV of precomputed features: a header row, an id column ({@code idColumn}, default {@code track_id}), an
 * optional label column ({@code labelColumn}, default {@code label}; without it the tracks are unlabelled), optional
 * metadata columns {@code title}, {@code artist}, {@code tags} (';'-separated), {@code lyrics} and {@code language}
 * that go to the manifest, and numeric feature columns: every other column. No audio is decoded. A row with a
 * missing, non-numeric or non-finite feature value, or with more or fewer values than the header has columns, is
 * skipped, with the id, column and line in the reason. No message quotes a cell of the file (a path that names some
 * other file must not disclose its content), only the file, column names asked for, lines and counts.
 */
@ApplicationScoped
public class FeatureTableDataset {

    static final Set<String> METADATA_COLUMNS = Set.of("title", "artist", "tags", "lyrics", "language");

    private final DatasetFiles files;

    public FeatureTableDataset(DatasetFiles files) {
        this.files = files;
    }

    public ResolvedDataset resolve(DatasetSpec.Table dataset, long seed) throws DatasetException {
        DatasetLocation location = files.locate(dataset.path());
        if (!files.isFile(location)) {
            throw new DatasetException("feature table " + location.display() + " does not exist or is not a file");
        }
        try (DatasetFiles.LocalCopy csv = files.open(location);
                Reader reader = Files.newBufferedReader(csv.path(), StandardCharsets.UTF_8)) {
            return read(reader, location.display(), dataset, seed);
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException("cannot read feature table " + location.display() + ": " + e.getMessage(), e);
        }
    }

    static ResolvedDataset read(Reader reader, String name, DatasetSpec.Table dataset, long seed)
            throws DatasetException, IOException {
        String idColumn = dataset.idColumn() != null ? dataset.idColumn() : "track_id";
        String labelColumn = dataset.labelColumn() != null ? dataset.labelColumn() : "label";
        // duplicate and empty names are checked below: commons-csv's own messages quote the whole header row
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true).setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                .setAllowMissingColumnNames(true).get();
        CSVParser parser;
        try {
            parser = format.parse(reader);
        } catch (UncheckedIOException e) {
            throw new DatasetException("feature table " + name + " has a bad header row: " + csvProblem(e), e);
        }
        try (parser) {
            List<String> header = parser.getHeaderNames();
            checkHeader(header, name);
            if (!header.contains(idColumn)) {
                throw new DatasetException("feature table " + name + " has no id column '" + idColumn + "' ("
                        + header.size() + (header.size() == 1 ? " column" : " columns") + " in its header row)");
            }
            boolean labelled = header.contains(labelColumn);
            if (!labelled && (dataset.genres() != null || dataset.tracksPerGenre() != null)) {
                throw new DatasetException("feature table " + name + " has no label column '" + labelColumn
                        + "', so genres and tracksPerGenre cannot be applied");
            }
            Map<String, String> metadata = new HashMap<>();
            List<String> features = new ArrayList<>();
            for (String column : header) {
                String lower = column.toLowerCase(Locale.ROOT);
                if (column.equals(idColumn) || column.equals(labelColumn)) {
                    continue;
                }
                if (METADATA_COLUMNS.contains(lower)) {
                    metadata.put(lower, column);
                } else {
                    features.add(column);
                }
            }
            if (features.isEmpty()) {
                throw new DatasetException("feature table " + name + " has no feature columns besides '" + idColumn
                        + "'" + (labelled ? " and '" + labelColumn + "'" : ""));
            }

            List<ManifestEntry> entries = new ArrayList<>();
            Map<String, float[]> values = new LinkedHashMap<>();
            Map<String, String> problems = new HashMap<>();
            Map<String, Long> lineOfId = new HashMap<>();
            for (CSVRecord row : parser) {
                long line = parser.getCurrentLineNumber();
                String id = row.isMapped(idColumn) && row.isSet(idColumn) ? row.get(idColumn) : "";
                if (id.isEmpty()) {
                    throw new DatasetException("feature table " + name + " line " + line + ": empty " + idColumn);
                }
                Long previous = lineOfId.putIfAbsent(id, line);
                if (previous != null) {
                    throw new DatasetException("feature table " + name + ": lines " + previous + " and " + line
                            + " have the same " + idColumn);
                }
                String label = labelled ? value(row, labelColumn) : null;
                entries.add(new ManifestEntry(id, label == null || label.isEmpty() ? null : label,
                        meta(row, metadata, "title"), meta(row, metadata, "artist"), tags(meta(row, metadata, "tags")),
                        meta(row, metadata, "lyrics"), meta(row, metadata, "language"), null));
                float[] v = new float[features.size()];
                if (row.size() != header.size()) {
                    problems.put(id, row.size() + " values where the header has " + header.size() + " columns (line "
                            + line + ")");
                }
                for (int c = 0; c < v.length && !problems.containsKey(id); c++) {
                    String problem = parse(value(row, features.get(c)), v, c);
                    if (problem != null) {
                        problems.put(id, problem + " in column '" + features.get(c) + "' (line " + line + ")");
                        break;
                    }
                }
                values.put(id, v);
            }
            if (entries.isEmpty()) {
                throw new DatasetException("feature table " + name + " has no rows");
            }
            List<ManifestEntry> manifest = labelled && (dataset.genres() != null || dataset.tracksPerGenre() != null)
                    ? GenreSelection.select(entries, dataset.genres(), dataset.tracksPerGenre(), seed,
                            "feature table " + name)
                    : entries;
            List<FeatureTable.Row> rows = new ArrayList<>();
            List<SkippedTrack> skipped = new ArrayList<>();
            for (ManifestEntry e : manifest) {
                String problem = problems.get(e.trackId());
                if (problem != null) {
                    skipped.add(new SkippedTrack(e.trackId(), problem));
                } else {
                    rows.add(new FeatureTable.Row(e.trackId(), values.get(e.trackId())));
                }
            }
            return new ResolvedDataset(manifest, new FeatureTable(features, rows, skipped), List.of());
        } catch (UncheckedIOException e) {
            throw new DatasetException("feature table " + name + ": " + csvProblem(e), e);
        }
    }

    /** Duplicate or empty column names, by position: a file that is no feature table must not be quoted. */
    private static void checkHeader(List<String> header, String name) throws DatasetException {
        Map<String, Integer> first = new HashMap<>();
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c) == null || header.get(c).isEmpty()) {
                throw new DatasetException("feature table " + name + " has a column without a name (column "
                        + (c + 1) + " of " + header.size() + ")");
            }
            Integer previous = first.putIfAbsent(header.get(c), c);
            if (previous != null) {
                throw new DatasetException("feature table " + name + ": columns " + (previous + 1) + " and "
                        + (c + 1) + " have the same name");
            }
        }
    }

    /** commons-csv's reason (with its line), without the wrapper's text. */
    static String csvProblem(UncheckedIOException e) {
        return e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    }

    /** Parses into {@code out[c]}; returns what is wrong with the value, or null. */
    private static String parse(String value, float[] out, int c) {
        if (value == null || value.isEmpty()) {
            return "missing value";
        }
        double d;
        try {
            d = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return "non-numeric value";
        }
        if (!Double.isFinite(d) || !Float.isFinite((float) d)) {
            return "non-finite value (NaN, infinite or beyond float range)";
        }
        out[c] = (float) d;
        return null;
    }

    private static String value(CSVRecord row, String column) {
        return row.isSet(column) ? row.get(column) : null;
    }

    private static String meta(CSVRecord row, Map<String, String> metadata, String field) {
        String column = metadata.get(field);
        String v = column == null ? null : value(row, column);
        return v == null || v.isEmpty() ? null : v;
    }

    private static List<String> tags(String cell) {
        return cell == null ? List.of()
                : Arrays.stream(cell.split(";")).map(String::trim).filter(t -> !t.isEmpty())
                        .collect(Collectors.toList());
    }
}
