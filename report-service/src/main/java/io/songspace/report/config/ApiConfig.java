package io.songspace.report.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Who may use the public API, and how much of it. */
@ConfigMapping(prefix = "songspace.api")
public interface ApiConfig {

    /**
     * The API keys: a file with one key per line, {@code <name> <role>[,<role>…] sha256:<hex of the key's SHA-256>}
     * ({@code #} starts a comment). Only hashes are stored, so the file gives no key away. Roles:
     * {@code runs:read} (state, events, artifacts) and {@code runs:write} (start, cancel, delete). Without a file
     * every {@code /api} call is refused (401); health, OpenAPI and metrics stay open.
     */
    Optional<Path> keysFile();

    /** Runs a key may have QUEUED or RUNNING at once; one more is refused with 429. */
    @WithDefault("4")
    int maxActiveRunsPerKey();
}
