package io.songspace.feature.dataset;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.artifacts.SkippedTrack;
import io.songspace.common.events.DatasetSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A folder with one subfolder per genre (the GTZAN layout): every file under a genre's subfolder whose name
 * does not start with '.' is a track of that genre, whatever its extension (files that are not audio are skipped
 * later, with the decoder's reason). Entries that cannot be read at all (a dangling or looping symbolic link, a
 * folder named like an audio file, an unreadable file; see {@link DatasetFiles#listFiles}) are tracks too, listed
 * as {@link ResolvedDataset#unusable()} with the reason, so the run shows them as skipped. A track's sidecar is no
 * track: {@code <file stem>.json} beside it, with optional
 * {@code title}, {@code artist}, {@code tags} (a list or a comma-separated string) and {@code lyrics}, which become
 * the track's text. Without a sidecar a track has no metadata: its text is its file name. Label = subfolder name.
 * Works the same for a prefix in the bucket ({@code s3://songspace/datasets/gtzan}).
 */
@ApplicationScoped
public class GenreFolderDataset {

    private static final Logger LOG = Logger.getLogger(GenreFolderDataset.class);
    private static final String SIDECAR = ".json";

    private final DatasetFiles files;
    private final ObjectMapper json;

    public GenreFolderDataset(DatasetFiles files, ObjectMapper json) {
        this.files = files;
        this.json = json;
    }

    public ResolvedDataset resolve(DatasetSpec.Folder dataset, long seed) throws DatasetException {
        DatasetLocation root = files.locate(dataset.path());
        TrackIds ids = new TrackIds();
        List<ManifestEntry> tracks = new ArrayList<>();
        Map<String, String> problems = new HashMap<>();
        List<DatasetFiles.Entry> all = files.listFiles(root);
        Map<String, DatasetFiles.Entry> byPath = new HashMap<>();
        Set<String> stems = new HashSet<>();
        for (DatasetFiles.Entry entry : all) {
            byPath.put(entry.path(), entry);
            if (!entry.path().endsWith(SIDECAR)) {
                stems.add(stem(entry.path()));
            }
        }
        for (DatasetFiles.Entry entry : all) {
            String file = entry.path();
            int slash = file.indexOf('/');
            if (slash < 0 || file.endsWith(SIDECAR) && stems.contains(stem(file))) {
                continue; // files beside the genre folders belong to no genre; a sidecar is not a track
            }
            String genre = file.substring(0, slash);
            String pathStem = stem(file.substring(slash + 1));
            DatasetFiles.Entry sidecar = byPath.get(stem(file) + SIDECAR);
            Sidecar text = sidecar != null ? sidecar(root, sidecar) : Sidecar.NONE;
            String id = ids.unique(genre + "-" + pathStem.replace('/', '_'));
            tracks.add(new ManifestEntry(id, genre, text.title(), text.artist(), text.tags(), text.lyrics(), null,
                    DatasetFiles.source(root.resolve(file))));
            if (entry.problem() != null) {
                problems.put(id, entry.problem());
            }
        }
        if (tracks.isEmpty()) {
            throw new DatasetException("dataset folder " + root.display() + " has no tracks (expected one subfolder "
                    + "per genre holding the audio files)");
        }
        List<ManifestEntry> manifest = GenreSelection.select(tracks, dataset.genres(), dataset.tracksPerGenre(), seed,
                "dataset folder " + root.display());
        List<SkippedTrack> unusable = manifest.stream().filter(e -> problems.containsKey(e.trackId()))
                .map(e -> new SkippedTrack(e.trackId(), problems.get(e.trackId()))).toList();
        return new ResolvedDataset(manifest, null, unusable);
    }

    /** A path without the extension of its last segment. */
    private static String stem(String path) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') + 1 ? path.substring(0, dot) : path;
    }

    /** A track's text from its sidecar file. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sidecar(String title, String artist, @JsonProperty("tags") JsonNode tagsNode, String lyrics) {

        static final Sidecar NONE = new Sidecar(null, null, null, null);

        List<String> tags() {
            List<String> tags = new ArrayList<>();
            if (tagsNode != null && tagsNode.isArray()) {
                tagsNode.forEach(t -> tags.add(t.asText()));
            } else if (tagsNode != null && tagsNode.isTextual()) {
                for (String t : tagsNode.asText().split(",")) {
                    tags.add(t);
                }
            }
            return tags.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        }
    }

    /**
     * The sidecar's text; one that cannot be read is reported and left out (the track keeps its file name as its
     * text) rather than failing the run over metadata.
     */
    private Sidecar sidecar(DatasetLocation root, DatasetFiles.Entry entry) {
        DatasetLocation location = root.resolve(entry.path());
        if (entry.problem() != null) {
            LOG.warnf("sidecar %s left out: %s", location.display(), entry.problem());
            return Sidecar.NONE;
        }
        try (DatasetFiles.LocalCopy copy = files.open(location)) {
            return json.readValue(copy.path().toFile(), Sidecar.class);
        } catch (DatasetException | IOException e) {
            LOG.warnf("sidecar %s left out: %s", location.display(), e.getMessage());
            return Sidecar.NONE;
        }
    }
}
