package io.songspace.feature.dataset;

import io.songspace.common.events.RunSpec;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a run's dataset spec into its manifest (and, for a table, its precomputed features). */
@ApplicationScoped
public class DatasetResolver {

    private final DemoCorpus demo;
    private final FmaCatalog fma;
    private final GenreFolderDataset folder;
    private final FeatureTableDataset table;

    public DatasetResolver(DemoCorpus demo, FmaCatalog fma, GenreFolderDataset folder, FeatureTableDataset table) {
        this.demo = demo;
        this.fma = fma;
        this.folder = folder;
        this.table = table;
    }

    /** @param spec the run's spec with defaults filled in */
    public ResolvedDataset resolve(RunSpec spec) throws DatasetException {
        RunSpec.Dataset d = spec.dataset();
        if (d == null || d.type() == null) {
            throw new DatasetException("the run's spec has no dataset type");
        }
        long seed = spec.seed() != null ? spec.seed() : RunSpec.DEFAULT_SEED;
        return switch (d.type()) {
            case "demo" -> new ResolvedDataset(demo.manifest(seed, d.genres(),
                    d.tracksPerGenre() != null ? d.tracksPerGenre() : 40,
                    d.corruptTracks() != null ? d.corruptTracks() : 0), null);
            case "fma" -> new ResolvedDataset(fma.manifest(d, seed), null);
            case "folder" -> new ResolvedDataset(folder.manifest(d, seed), null);
            case "table" -> table.resolve(d, seed);
            default -> throw new DatasetException("unknown dataset type '" + d.type()
                    + "' (demo, fma, folder or table)");
        };
    }
}
