package io.songspace.common.dataset;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where local datasets may be read from; read by the API (to refuse a spec) and by the services that read them. */
@ConfigMapping(prefix = "songspace.datasets")
public interface DatasetRootsConfig {

    /**
     * The folders a local dataset path must lie in, after {@code ..} and symbolic links are resolved (a
     * comma-separated list; env {@code SONGSPACE_DATASETS_ROOTS}). None configured: no local path is accepted,
     * only the generated demo and {@code s3://} datasets in the songspace bucket.
     */
    Optional<List<Path>> roots();
}
