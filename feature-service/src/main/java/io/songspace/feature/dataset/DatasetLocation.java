package io.songspace.feature.dataset;

import java.nio.file.Path;

/**
 * Where a dataset (or one of its files) is: a local path visible to the services, or a key prefix in the
 * songspace bucket ({@code s3://bucket/prefix}).
 */
public sealed interface DatasetLocation {

    /** The location of {@code relative} (a '/'-separated path) under this one. */
    DatasetLocation resolve(String relative);

    /** The location as a user wrote it, for messages. */
    String display();

    record Local(Path path) implements DatasetLocation {
        @Override
        public DatasetLocation resolve(String relative) {
            return new Local(path.resolve(relative));
        }

        @Override
        public String display() {
            return path.toString();
        }
    }

    /** {@code key} has no leading or trailing slash; empty for the bucket's root. */
    record Stored(String bucket, String key) implements DatasetLocation {
        @Override
        public DatasetLocation resolve(String relative) {
            return new Stored(bucket, key.isEmpty() ? relative : key + "/" + relative);
        }

        @Override
        public String display() {
            return "s3://" + bucket + "/" + key;
        }
    }
}
