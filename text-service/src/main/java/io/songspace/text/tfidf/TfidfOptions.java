package io.songspace.text.tfidf;

/**
 * How a {@link TfidfVectorizer} chooses its terms; {@link #defaults()} are the study's, scikit-learn's
 * {@code TfidfVectorizer(max_features=384, stop_words='english', ngram_range=(1, 2), min_df=2)}. The rest of that
 * vectorizer is fixed: lowercasing, the token pattern, the English stop words, smoothed idf and l2-normalised rows.
 *
 * @param maxFeatures at most this many columns: the terms with the highest counts over the corpus ({@code max_features};
 *                    {@link Integer#MAX_VALUE} for no limit)
 * @param minDf       a term must occur in at least this many documents ({@code min_df} as a count)
 * @param maxDf       and in at most this fraction of them ({@code max_df} as a proportion)
 * @param minN        the shortest n-gram, in tokens ({@code ngram_range[0]})
 * @param maxN        the longest n-gram ({@code ngram_range[1]})
 */
public record TfidfOptions(int maxFeatures, int minDf, double maxDf, int minN, int maxN) {

    public TfidfOptions {
        if (maxFeatures < 1) {
            throw new IllegalArgumentException("maxFeatures must be at least 1, was " + maxFeatures);
        }
        if (minDf < 1) {
            throw new IllegalArgumentException("minDf must be at least 1, was " + minDf);
        }
        if (!(maxDf > 0 && maxDf <= 1)) {
            throw new IllegalArgumentException("maxDf must be in (0, 1], was " + maxDf);
        }
        if (minN < 1 || maxN < minN) {
            throw new IllegalArgumentException("n-gram range must satisfy 1 <= minN <= maxN, was (" + minN + ", " + maxN + ")");
        }
    }

    /** The study's settings: 384 features, min_df 2, max_df 1.0, unigrams and bigrams. */
    public static TfidfOptions defaults() {
        return new TfidfOptions(384, 2, 1.0, 1, 2);
    }
}
