package io.songspace.report.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.songspace.common.security.ApiKeyHash;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static String line(String name, String roles, String key) {
        return name + " " + roles + " sha256:" + ApiKeyHash.sha256(key);
    }

    @Test
    void keysAreFoundByTheirHashWithTheirRoles() {
        ApiKeys keys = new ApiKeys(List.of("# a comment", "", line("alice", "runs:read,runs:write", "k-alice"),
                "  " + line("ci", "runs:read", "k-ci") + "  "));
        assertEquals(Optional.of(new ApiKeys.Holder("alice", Set.of("runs:read", "runs:write"))), keys.holder("k-alice"));
        assertEquals(Set.of("runs:read"), keys.holder("k-ci").orElseThrow().roles());
        assertTrue(keys.holder("k-bob").isEmpty());
        assertTrue(keys.holder("").isEmpty());
        // the SHA-256 of "abc", as sha256sum prints it
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyHash.sha256("abc"));
    }

    @Test
    void aMalformedLineNamesItsNumberButNotItsContent() {
        String secretLooking = "bob runs:read plaintext-key-123";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ApiKeys(List.of(line("a", "runs:read", "x"), secretLooking)));
        assertEquals("API keys file, line 2: expected '<name> <role>[,<role>…] sha256:<64 hex digits>'", e.getMessage());
        assertFalse(e.getMessage().contains("plaintext-key-123"));

        assertEquals("API keys file, line 1: roles must be among [runs:read, runs:write]",
                assertThrows(IllegalArgumentException.class,
                        () -> new ApiKeys(List.of(line("a", "admin", "x")))).getMessage());
        assertEquals("API keys file, line 2: the same key twice", assertThrows(IllegalArgumentException.class,
                () -> new ApiKeys(List.of(line("a", "runs:read", "x"), line("b", "runs:read", "x")))).getMessage());
    }
}
