package io.songspace.common.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the S3-compatible object store is (MinIO in deployment, s3proxy locally). */
@ConfigMapping(prefix = "songspace.store")
public interface StoreConfig {
    /** Host name or address of the S3 endpoint. */
    @WithDefault("127.0.0.1")
    String host();

    /** Port of the S3 endpoint. */
    @WithDefault("9000")
    int port();

    /** Whether the endpoint speaks TLS. */
    @WithDefault("false")
    boolean secure();

    /** Access key (S3 identity). */
    @WithDefault("songspace")
    String accessKey();

    /** Secret key (S3 credential). */
    @WithDefault("songspace-secret")
    String secretKey();

    /** The bucket that holds every run's artifacts and the shared caches. */
    @WithDefault("songspace")
    String bucket();

    /**
     * How long a call waits out an unreachable or failing store (retrying with backoff from 250 ms up to 8 s
     * apart) before it fails: long enough for a restart of the store, short enough that a store that is gone fails
     * the run with the reason.
     */
    @WithDefault("2m")
    Duration outageTimeout();

    /** Signing region; s3proxy and MinIO accept the default. */
    @WithDefault("us-east-1")
    String region();
}
