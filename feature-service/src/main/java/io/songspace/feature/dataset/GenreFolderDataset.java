package io.songspace.feature.dataset;

import io.songspace.common.artifacts.ManifestEntry;
import io.songspace.common.events.DatasetSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder with one subfolder per genre (the GTZAN layout): every regular file under a genre's subfolder whose name
 * does not start with '.' is a track of that genre, whatever its extension (files that are not audio are skipped
 * later, with the decoder's reason). Label = subfolder name, title = file name without extension. Works the same
 * for a prefix in the bucket ({@code s3://songspace/datasets/gtzan}).
 */
@ApplicationScoped
public class GenreFolderDataset {

    private final DatasetFiles files;

    public GenreFolderDataset(DatasetFiles files) {
        this.files = files;
    }

    public List<ManifestEntry> manifest(DatasetSpec.Folder dataset, long seed) throws DatasetException {
        DatasetLocation root = files.locate(dataset.path());
        TrackIds ids = new TrackIds();
        List<ManifestEntry> tracks = new ArrayList<>();
        for (String file : files.listFiles(root)) {
            int slash = file.indexOf('/');
            if (slash < 0) {
                continue; // files beside the genre folders belong to no genre
            }
            String genre = file.substring(0, slash);
            String inGenre = file.substring(slash + 1);
            String name = inGenre.substring(inGenre.lastIndexOf('/') + 1);
            String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            String pathStem = inGenre.substring(0, inGenre.length() - name.length()) + stem;
            tracks.add(new ManifestEntry(ids.unique(genre + "-" + pathStem.replace('/', '_')), genre, stem, null,
                    List.of(), null, null, DatasetFiles.source(root.resolve(file))));
        }
        if (tracks.isEmpty()) {
            throw new DatasetException("dataset folder " + root.display() + " has no tracks (expected one subfolder "
                    + "per genre holding the audio files)");
        }
        return GenreSelection.select(tracks, dataset.genres(), dataset.tracksPerGenre(), seed,
                "dataset folder " + root.display());
    }
}
