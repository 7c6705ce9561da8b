package io.songspace.text.tfidf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted TF-IDF vectorizer, reproducing scikit-learn 1.2.1's {@code TfidfVectorizer} with the word analyzer, English
 * stop words, smoothed idf and l2 rows: its vocabulary (column order) and its idf are fixed at {@link #fit}; immutable.
 * Row {@code i} of a matrix is document {@code i}: {@code tf · idf}, scaled to unit length (an empty row stays zero).
 */
public final class TfidfVectorizer {

    /*
     * Python's string order, which scikit-learn's sorted(vocabulary) uses: by code point. String.compareTo orders by
     * UTF-16 unit, which would put a supplementary character (a surrogate pair, 0xD800...) before U+E000 to U+FFFF.
     */
    private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    /** A fit together with the matrix of the documents it was fitted on. */
    public record Fitted(TfidfVectorizer vectorizer, double[][] matrix) {
    }

    private final Analyzer analyzer;
    private final List<String> vocabulary;
    private final Map<String, Integer> columns;
    private final double[] idf;

    private TfidfVectorizer(Analyzer analyzer, List<String> vocabulary, double[] idf) {
        this.analyzer = analyzer;
        this.vocabulary = List.copyOf(vocabulary);
        Map<String, Integer> columns = new HashMap<>();
        for (int j = 0; j < vocabulary.size(); j++) {
            columns.put(vocabulary.get(j), j);
        }
        this.columns = Map.copyOf(columns);
        this.idf = idf;
    }

    /**
     * Learns the vocabulary and idf from the documents.
     *
     * @throws IllegalArgumentException when no term is left: the documents hold no token (two or more word
     *                                  characters, not a stop word), or none survives {@code minDf}/{@code maxDf};
     *                                  or when {@code maxDf} of these documents is fewer than {@code minDf}
     */
    public static TfidfVectorizer fit(List<String> documents, TfidfOptions options) {
        Analyzer analyzer = new Analyzer(options.minN(), options.maxN());
        return fit(analyzer, count(analyzer, documents), options);
    }

    /** {@link #fit} and {@link #transform} of the same documents, analysing them once. */
    public static Fitted fitTransform(List<String> documents, TfidfOptions options) {
        Analyzer analyzer = new Analyzer(options.minN(), options.maxN());
        List<Map<String, Integer>> counts = count(analyzer, documents);
        TfidfVectorizer vectorizer = fit(analyzer, counts, options);
        return new Fitted(vectorizer, vectorizer.weigh(counts));
    }

    /** One l2-normalised row per document, one column per vocabulary term; terms not in the vocabulary are ignored. */
    public double[][] transform(List<String> documents) {
        return weigh(count(analyzer, documents));
    }

    /** A matrix of this vectorizer's as float32 rows, the pipeline's precision: (rows, vocabulary size). */
    public float[][] toFloat32(double[][] matrix) {
        int width = vocabulary.size();
        float[][] rows = new float[matrix.length][width];
        for (int i = 0; i < matrix.length; i++) {
            if (matrix[i].length != width) {
                throw new IllegalArgumentException("row " + i + " has " + matrix[i].length + " columns, the vocabulary " + width);
            }
            for (int j = 0; j < width; j++) {
                rows[i][j] = (float) matrix[i][j];
            }
        }
        return rows;
    }

    /** The terms in column order: ascending by code point, as scikit-learn's {@code get_feature_names_out()}. */
    public List<String> vocabulary() {
        return vocabulary;
    }

    /** The idf of each column: {@code ln((1 + n) / (1 + df)) + 1} over the n fitted documents. */
    public double[] idf() {
        return idf.clone();
    }

    private static List<Map<String, Integer>> count(Analyzer analyzer, List<String> documents) {
        return documents.stream().map(analyzer::count).toList();
    }

    private static TfidfVectorizer fit(Analyzer analyzer, List<Map<String, Integer>> counts, TfidfOptions options) {
        Map<String, long[]> dfAndTf = new HashMap<>();
        for (Map<String, Integer> document : counts) {
            document.forEach((term, count) -> {
                long[] s = dfAndTf.computeIfAbsent(term, t -> new long[2]);
                s[0]++;
                s[1] += count;
            });
        }
        if (dfAndTf.isEmpty()) {
            throw new IllegalArgumentException("empty vocabulary: the documents hold no word of two or more letters or "
                    + "digits that is not an English stop word");
        }
        int n = counts.size();
        double maxDocCount = options.maxDf() * n;
        if (maxDocCount < options.minDf()) {
            throw new IllegalArgumentException("maxDf " + options.maxDf() + " of " + n + " documents allows fewer documents "
                    + "than minDf " + options.minDf());
        }
        List<String> kept = new ArrayList<>();
        dfAndTf.keySet().stream().sorted(CODE_POINT_ORDER).forEach(term -> {
            long df = dfAndTf.get(term)[0];
            if (df >= options.minDf() && df <= maxDocCount) {
                kept.add(term);
            }
        });
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no terms remain after pruning: none occurs in at least minDf "
                    + options.minDf() + " and at most maxDf " + options.maxDf() + " of the " + n + " documents");
        }
        List<String> vocabulary = kept.size() > options.maxFeatures()
                ? mostFrequent(kept, dfAndTf, options.maxFeatures()) : kept;
        double[] idf = new double[vocabulary.size()];
        for (int j = 0; j < idf.length; j++) {
            idf[j] = Math.log((double) (n + 1) / (dfAndTf.get(vocabulary.get(j))[0] + 1)) + 1;
        }
        return new TfidfVectorizer(analyzer, vocabulary, idf);
    }

    /**
     * The {@code limit} terms with the highest corpus counts, in their sorted order. scikit-learn sorts the columns by
     * term first and then keeps {@code (-tfs).argsort()[:limit]}: ties at the cut fall as NumPy's unstable sort puts them.
     */
    private static List<String> mostFrequent(List<String> sorted, Map<String, long[]> dfAndTf, int limit) {
        double[] negatedCounts = sorted.stream().mapToDouble(term -> -dfAndTf.get(term)[1]).toArray();
        int[] order = NumpyArgsort.argsort(negatedCounts);
        boolean[] keep = new boolean[sorted.size()];
        for (int k = 0; k < limit; k++) {
            keep[order[k]] = true;
        }
        List<String> vocabulary = new ArrayList<>(limit);
        for (int j = 0; j < keep.length; j++) {
            if (keep[j]) {
                vocabulary.add(sorted.get(j));
            }
        }
        return vocabulary;
    }

    private double[][] weigh(List<Map<String, Integer>> counts) {
        double[][] matrix = new double[counts.size()][vocabulary.size()];
        for (int i = 0; i < matrix.length; i++) {
            double[] row = matrix[i];
            counts.get(i).forEach((term, count) -> {
                Integer j = columns.get(term);
                if (j != null) {
                    row[j] = count * idf[j];
                }
            });
            double sumOfSquares = 0;
            for (double x : row) {
                sumOfSquares += x * x;
            }
            if (sumOfSquares > 0) {
                double norm = Math.sqrt(sumOfSquares);
                for (int j = 0; j < row.length; j++) {
                    row[j] /= norm;
                }
            }
        }
        return matrix;
    }
}
