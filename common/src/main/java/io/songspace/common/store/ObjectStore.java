package io.songspace.common.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import io.minio.messages.Item;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The songspace bucket: bytes, JSON and NumPy arrays by key. Every failure surfaces as
 * {@link ObjectStoreException} naming the key; a missing object is an empty {@link Optional}, not an error.
 * An unreachable or failing server (a refused connection, a timeout, a 5xx) is waited out: each call is retried
 * with exponential backoff for {@code songspace.store.outage-timeout} before it fails, so a store restarted
 * mid-run costs time, not tracks.
 */
@ApplicationScoped
public class ObjectStore {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class);
    private static final IntervalFunction BACKOFF = IntervalFunction.ofExponentialBackoff(Duration.ofMillis(250), 2.0,
            Duration.ofSeconds(8));

    private final MinioClient client;
    private final String bucket;
    private final ObjectMapper json;
    private final Retry outageRetry;

    @Inject
    public ObjectStore(StoreConfig config, ObjectMapper json) {
        this(MinioClient.builder()
                .endpoint(config.host(), config.port(), config.secure())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build(), config.bucket(), json, config.outageTimeout());
    }

    /** @param outageTimeout how long a call waits out an unreachable store before failing (zero: not at all) */
    public ObjectStore(MinioClient client, String bucket, ObjectMapper json, Duration outageTimeout) {
        this.client = client;
        this.bucket = bucket;
        this.json = json;
        this.outageRetry = Retry.of("object-store", RetryConfig.custom()
                .maxAttempts(attemptsWithin(outageTimeout))
                .intervalFunction(BACKOFF)
                .retryOnException(ObjectStore::isOutage)
                .build());
        outageRetry.getEventPublisher().onRetry(event -> LOG.warnf("object store unreachable (%s); attempt %d, "
                + "retrying in %s", event.getLastThrowable(), event.getNumberOfRetryAttempts(), event.getWaitInterval()));
    }

    public String bucket() {
        return bucket;
    }

    /** Whether the store and its bucket answer now: one request, never waited out (for readiness checks). */
    public void ping() {
        try {
            client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            throw new ObjectStoreException("bucket " + bucket, e.toString(), e);
        }
    }

    /** Creates the bucket if it is not there yet. */
    public void ensureBucket() {
        call("bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return null;
        });
    }

    public void put(String key, byte[] bytes, String contentType) {
        call(key, () -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                .data(bytes, bytes.length).contentType(contentType).build()));
    }

    public void putJson(String key, Object value) {
        put(key, call(key, () -> json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value)), "application/json");
    }

    public void putText(String key, String text, String contentType) {
        put(key, text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    public void putNpy(String key, NpyArray array) {
        put(key, Npy.write(array), "application/octet-stream");
    }

    public Optional<byte[]> get(String key) {
        // opened and read in one call: a stream broken by an outage is opened again, not resumed
        return call(key, () -> {
            Optional<InputStream> content = openOnce(key);
            if (content.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream in = content.get()) {
                return Optional.of(in.readAllBytes());
            }
        });
    }

    /**
     * The object's content as a stream, for large artifacts, or empty where there is none; the caller closes it.
     * Only the opening waits out an outage; reading the stream is the caller's.
     */
    public Optional<InputStream> open(String key) {
        return call(key, () -> openOnce(key));
    }

    private Optional<InputStream> openOnce(String key) throws Exception {
        try {
            return Optional.of(client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
        } catch (ErrorResponseException e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The object's bytes; a missing object is an error naming the key. */
    public byte[] require(String key) {
        return get(key).orElseThrow(() -> new ObjectStoreException(key, "no such object"));
    }

    public <T> T getJson(String key, Class<T> type) {
        byte[] bytes = require(key);
        return call(key, () -> json.readValue(bytes, type));
    }

    public <T> T getJson(String key, TypeReference<T> type) {
        byte[] bytes = require(key);
        return call(key, () -> json.readValue(bytes, type));
    }

    public NpyArray getNpy(String key) {
        byte[] bytes = require(key);
        return call(key, () -> Npy.read(bytes));
    }

    /** Downloads an object to a local file; a missing object is an error naming the key. */
    public void download(String key, Path target) {
        call(key, () -> {
            try (InputStream content = openOnce(key)
                    .orElseThrow(() -> new ObjectStoreException(key, "no such object"))) {
                return Files.copy(content, target, StandardCopyOption.REPLACE_EXISTING);
            }
        });
    }

    public boolean exists(String key) {
        return call(key, () -> {
            try {
                client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
                return true;
            } catch (ErrorResponseException e) {
                if (isNotFound(e)) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** Removes an object; removing one that is not there is not an error (S3 semantics). */
    public void delete(String key) {
        call(key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /** Every key under {@code prefix}, recursively, in lexical order. */
    public List<String> list(String prefix) {
        return call(prefix, () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
                keys.add(r.get().objectName());
            }
            return keys;
        });
    }

    /** The immediate "folders" under {@code prefix} (e.g. run ids under {@code runs/}), without the prefix. */
    public List<String> listFolders(String prefix) {
        return call(prefix, () -> {
            List<String> names = new ArrayList<>();
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .delimiter("/").build())) {
                Item item = r.get();
                if (item.isDir()) {
                    String name = item.objectName().substring(prefix.length());
                    names.add(name.endsWith("/") ? name.substring(0, name.length() - 1) : name);
                }
            }
            return names;
        });
    }

    private static boolean isNotFound(ErrorResponseException e) {
        String code = e.errorResponse() == null ? "" : e.errorResponse().code();
        // a missing bucket is a configuration error, not a missing object
        return !"NoSuchBucket".equals(code) && ("NoSuchKey".equals(code) || "NoSuchObject".equals(code)
                || "NotFound".equals(code) || (e.response() != null && e.response().code() == 404));
    }

    /**
     * The server is down or failing, as opposed to refusing this request: no connection, a broken or timed-out
     * exchange (okhttp's IOExceptions, which the client may wrap), a 5xx or S3's SlowDown.
     */
    static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            boolean outage = switch (t) {
                case IOException io -> true;
                case ServerException server -> true;
                case ErrorResponseException response -> response.response() != null && response.response().code() >= 500
                        || response.errorResponse() != null && "SlowDown".equals(response.errorResponse().code());
                default -> false;
            };
            if (outage) {
                return true;
            }
        }
        return false;
    }

    /** The attempts whose backoff waits add up to {@code timeout} (1 for zero: no retry). */
    static int attemptsWithin(Duration timeout) {
        long waited = 0;
        int attempts = 1;
        while (waited < timeout.toMillis()) {
            waited += BACKOFF.apply(attempts);
            attempts++;
        }
        return attempts;
    }

    private interface StoreCall<T> {
        T run() throws Exception;
    }

    private <T> T call(String key, StoreCall<T> call) {
        try {
            return outageRetry.executeCallable(call::run);
        } catch (ObjectStoreException e) {
            throw e;
        } catch (Exception e) {
            throw new ObjectStoreException(key, e.toString(), e);
        }
    }
}
