package io.songspace.common.store;

/** An object-store call that failed, naming the key (or prefix) it was about. */
public class ObjectStoreException extends RuntimeException {
    public ObjectStoreException(String key, String reason) {
        super("object store: " + key + ": " + reason);
    }

    public ObjectStoreException(String key, String reason, Throwable cause) {
        super("object store: " + key + ": " + reason, cause);
    }
}
