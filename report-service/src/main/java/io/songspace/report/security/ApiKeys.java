package io.songspace.report.security;

import io.songspace.common.security.ApiKeyHash;
import io.songspace.report.config.ApiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The API keys of {@code songspace.api.keys-file}, by the SHA-256 of the key: a presented key is hashed and looked
 * up, so keys are never held or compared in the clear. Read once at start-up; a malformed line stops the service
 * with its line number (never its content, which holds a hash).
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final List<String> ROLES = List.of(ApiRoles.READ, ApiRoles.WRITE);

    /** A key's holder as the API knows it: a name (for ownership and logs) and roles. */
    public record Holder(String name, Set<String> roles) {
    }

    private final Map<String, Holder> byHash;

    @Inject
    public ApiKeys(ApiConfig config) {
        this(config.keysFile().map(ApiKeys::read).orElse(List.of()));
        if (config.keysFile().isEmpty()) {
            LOG.warn("no API keys configured (songspace.api.keys-file): every /api call is refused");
        } else {
            LOG.infof("%d API key(s) from %s", byHash.size(), config.keysFile().get());
        }
    }

    ApiKeys(List<String> lines) {
        Map<String, Holder> keys = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            int number = i + 1;
            if (fields.length != 3 || !NAME.matcher(fields[0]).matches() || !HASH.matcher(fields[2]).matches()) {
                throw new IllegalArgumentException("API keys file, line " + number
                        + ": expected '<name> <role>[,<role>…] sha256:<64 hex digits>'");
            }
            Set<String> roles = Set.of(fields[1].split(","));
            if (!ROLES.containsAll(roles)) {
                throw new IllegalArgumentException("API keys file, line " + number + ": roles must be among " + ROLES);
            }
            if (keys.putIfAbsent(fields[2].substring(ApiKeyHash.PREFIX.length()), new Holder(fields[0], roles)) != null) {
                throw new IllegalArgumentException("API keys file, line " + number + ": the same key twice");
            }
        }
        this.byHash = Map.copyOf(keys);
    }

    /** The holder of {@code key}, if it is one of the configured keys. */
    public Optional<Holder> holder(String key) {
        return Optional.ofNullable(byHash.get(ApiKeyHash.sha256(key)));
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API keys file " + file + ": " + e.getMessage(), e);
        }
    }
}
