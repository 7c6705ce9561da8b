package io.songspace.text.method;

import io.songspace.common.registry.Named;
import java.util.List;

/**
 * How texts become vectors, by the name a run spec uses ({@code text.method}). One class per method, a CDI bean.
 */
public interface TextMethod extends Named {

    /**
     * Whether a text's vector depends on that text alone. Such vectors are computed while the audio is still being
     * featurised; the others (TF-IDF, fitted on the corpus) once the run's rows are known.
     */
    boolean perText();

    /**
     * One float32 row per text, in order. An empty text gets a row of zeros.
     *
     * @throws IllegalArgumentException when the texts cannot give vectors (e.g. no term occurs twice for TF-IDF)
     */
    float[][] vectors(List<String> texts);
}
