package io.songspace.text.method;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.songspace.common.natives.NativeLibraryAudit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The text methods open no system library that the list lacks: ONNX Runtime and the tokenizer bring their natives
 * in their Maven jars and unpack them to a temporary folder.
 */
class NativeLibrariesTest {

    @Test
    void embeddingOpensOnlyListedLibraries() throws Exception {
        assertEquals(List.of(), NativeLibraryAudit.unlisted(Exercise.class), "opened but not in the list");
    }

    /** Sentence embeddings of two texts. */
    public static final class Exercise {
        public static void main(String[] args) {
            new MiniLmMethod().vectors(List.of("one short text", "and another one"));
        }
    }
}
