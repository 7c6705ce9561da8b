package io.songspace.text.method;

import io.songspace.common.events.RunSpec;
import io.songspace.text.tfidf.TfidfOptions;
import io.songspace.text.tfidf.TfidfVectorizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The study's TF-IDF ({@link TfidfVectorizer} with its options: at most 384 uni- and bigrams that occur in at least
 * two texts, English stop words removed, l2 rows), fitted on the run's texts: a track's vector depends on the others.
 */
@ApplicationScoped
public class TfidfMethod implements TextMethod {

    @Override
    public String name() {
        return RunSpec.Text.TFIDF;
    }

    @Override
    public boolean perText() {
        return false;
    }

    @Override
    public float[][] vectors(List<String> texts) {
        TfidfVectorizer.Fitted fitted = TfidfVectorizer.fitTransform(texts, TfidfOptions.defaults());
        return fitted.vectorizer().toFloat32(fitted.matrix());
    }
}
