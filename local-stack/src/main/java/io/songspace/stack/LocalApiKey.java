package io.songspace.stack;

import io.songspace.common.security.ApiKeyHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's API key: made once under the launcher's home ({@code api-key}, readable by its owner only),
 * its hash written to {@code api-keys}, the report-service's keys file. The launcher's commands and the tests send
 * it; a user's {@code curl} reads it from the file.
 */
public final class LocalApiKey {

    /** The key's name, as the API shows it as a run's owner. */
    public static final String NAME = "local";

    private LocalApiKey() {
    }

    public static Path keyFile(Path home) {
        return home.resolve("api-key");
    }

    public static Path keysFile(Path home) {
        return home.resolve("api-keys");
    }

    /** Makes the key if there is none, (re)writes the keys file, and returns the key. */
    public static String ensure(Path home) {
        try {
            Files.createDirectories(home);
            Path keyFile = keyFile(home);
            if (!Files.isRegularFile(keyFile)) {
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                writePrivate(keyFile, "ss_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
            }
            String key = read(home);
            writePrivate(keysFile(home), "# written by the local launcher: the key is in " + keyFile.getFileName()
                    + "\n" + NAME + " runs:read,runs:write " + ApiKeyHash.PREFIX + ApiKeyHash.sha256(key) + "\n");
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API key under " + home + ": " + e.getMessage(), e);
        }
    }

    /** The key made by {@link #ensure}. */
    public static String read(Path home) {
        try {
            return Files.readString(keyFile(home)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("no API key at " + keyFile(home) + ": " + e.getMessage(), e);
        }
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }
}
