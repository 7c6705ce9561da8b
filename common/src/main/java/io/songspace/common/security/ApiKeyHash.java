package io.songspace.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How an API key is stored: the hex SHA-256 of its UTF-8 bytes, as {@code sha256sum} prints it. The report-service
 * compares presented keys by it; the local launcher writes it for the key it creates.
 */
public final class ApiKeyHash {

    /** The prefix of a hash in a keys file line. */
    public static final String PREFIX = "sha256:";

    private ApiKeyHash() {
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
