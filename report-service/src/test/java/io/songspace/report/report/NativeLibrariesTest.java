package io.songspace.report.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.songspace.common.natives.NativeLibraryAudit;
import io.songspace.common.natives.NativeLibraryAudit.Opened;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drawing figures opens only the native libraries that the list names (the JDK's fontconfig lookup). */
class NativeLibrariesTest {

    @Test
    void figuresOpenOnlyListedLibraries() throws Exception {
        List<Opened> opened = NativeLibraryAudit.opened(Exercise.class);
        assertTrue(opened.stream().anyMatch(o -> o.found() && o.name().equals("libfontconfig.so.1")),
                "traced: " + opened);
        assertEquals(List.of(), NativeLibraryAudit.unlisted(Exercise.class), "opened but not in the list");
    }

    /** Renders a cluster-distribution figure to PNG (text, legend, bars: every font path the report uses). */
    public static final class Exercise {
        public static void main(String[] args) {
            byte[] png = new Charts(800, 600).distribution("clusters", new int[] {0, 1, 1, 2}, 3,
                    new int[] {0, 0, 1, 1}, List.of("Rock", "Pop"));
            if (png.length < 1000) {
                throw new IllegalStateException("figure not drawn: " + png.length + " bytes");
            }
        }
    }
}
