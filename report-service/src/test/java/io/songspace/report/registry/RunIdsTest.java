package io.songspace.report.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunIdsTest {

    @Test
    void idsAreShortUrlSafeAndSortByTime() {
        String early = RunIds.next(Instant.parse("2026-11-24T22:35:12Z"));
        String later = RunIds.next(Instant.parse("2026-11-24T22:35:13Z"));
        assertTrue(early.matches("r-20261124-223512-[0-9a-z]{6}"), early);
        assertEquals(24, early.length());
        assertTrue(early.compareTo(later) < 0);
        assertNotEquals(RunIds.next(Instant.EPOCH), RunIds.next(Instant.EPOCH));
    }
}
