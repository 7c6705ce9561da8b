package io.songspace.feature.dataset;

import io.songspace.common.events.DatasetSpec;
import io.songspace.common.events.RunSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

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
        if (spec.dataset() == null) {
            throw new DatasetException("the run's spec has no dataset");
        }
        long seed = spec.seed() != null ? spec.seed() : RunSpec.DEFAULT_SEED;
        return switch (spec.dataset().withDefaults()) {
            case DatasetSpec.Demo d -> new ResolvedDataset(demo.manifest(seed, d.genres(), d.tracksPerGenre(),
                    d.corruptTracks()), null, List.of());
            case DatasetSpec.Fma d -> new ResolvedDataset(fma.manifest(d, seed), null, List.of());
            case DatasetSpec.Folder d -> folder.resolve(d, seed);
            case DatasetSpec.Table d -> table.resolve(d, seed);
        };
    }
}
