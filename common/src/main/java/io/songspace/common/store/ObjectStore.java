package io.songspace.common.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.minio.messages.Item;
import io.songspace.common.npy.Npy;
import io.songspace.common.npy.NpyArray;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The songspace bucket: bytes, JSON and NumPy arrays by key. Every failure surfaces as
 * {@link ObjectStoreException} naming the key; a missing object is an empty {@link Optional}, not an error.
 */
@ApplicationScoped
public class ObjectStore {

    private final MinioClient client;
    private final String bucket;
    private final ObjectMapper json;

    @Inject
    public ObjectStore(StoreConfig config, ObjectMapper json) {
        this(MinioClient.builder()
                .endpoint(config.host(), config.port(), config.secure())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .build(), config.bucket(), json);
    }

    public ObjectStore(MinioClient client, String bucket, ObjectMapper json) {
        this.client = client;
        this.bucket = bucket;
        this.json = json;
    }

    public String bucket() {
        return bucket;
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
        return open(key).map(in -> call(key, () -> {
            try (in) {
                return in.readAllBytes();
            }
        }));
    }

    /** The object's content as a stream, for large artifacts, or empty where there is none; the caller closes it. */
    public Optional<InputStream> open(String key) {
        return call(key, () -> {
            try {
                return Optional.of(client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
            } catch (ErrorResponseException e) {
                if (isNotFound(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
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
        InputStream content = open(key).orElseThrow(() -> new ObjectStoreException(key, "no such object"));
        call(key, () -> {
            try (content) {
                return Files.copy(content, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
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

    private interface StoreCall<T> {
        T run() throws Exception;
    }

    private static <T> T call(String key, StoreCall<T> call) {
        try {
            return call.run();
        } catch (ObjectStoreException e) {
            throw e;
        } catch (Exception e) {
            throw new ObjectStoreException(key, e.toString(), e);
        }
    }
}
