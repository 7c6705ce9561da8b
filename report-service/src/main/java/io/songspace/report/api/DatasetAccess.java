package io.songspace.report.api;

import io.songspace.common.dataset.DatasetRoots;
import io.songspace.common.events.DatasetSpec;
import io.songspace.common.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which datasets the services may read: local paths only under the configured dataset roots, {@code s3://} paths
 * only in the songspace bucket. Checked here so that a request is refused before anything is read; the
 * feature-service checks again where it opens the files.
 */
@ApplicationScoped
public class DatasetAccess {

    private static final String S3 = "s3://";

    private final DatasetRoots roots;
    private final String bucket;

    public DatasetAccess(DatasetRoots roots, ObjectStore store) {
        this.roots = roots;
        this.bucket = store.bucket();
    }

    /** A violation per dataset path field that may not be read. */
    public List<ApiError.Violation> violations(DatasetSpec dataset) {
        Map<String, String> paths = new LinkedHashMap<>();
        switch (dataset) {
            case DatasetSpec.Demo demo -> {
            }
            case DatasetSpec.Fma fma -> {
                paths.put("dataset.path", fma.path());
                paths.put("dataset.metadataPath", fma.metadataPath());
            }
            case DatasetSpec.Folder folder -> paths.put("dataset.path", folder.path());
            case DatasetSpec.Table table -> paths.put("dataset.path", table.path());
        }
        List<ApiError.Violation> violations = new ArrayList<>();
        paths.forEach((field, path) -> {
            if (path == null || path.isBlank()) {
                return;
            }
            if (path.startsWith(S3)) {
                String rest = path.substring(S3.length());
                if (!rest.equals(bucket) && !rest.startsWith(bucket + "/")) {
                    violations.add(new ApiError.Violation(field, "only the bucket '" + bucket + "' is readable ("
                            + S3 + bucket + "/…)"));
                }
                return;
            }
            roots.violation(path).ifPresent(reason -> violations.add(new ApiError.Violation(field, reason)));
        });
        return violations;
    }
}
