package io.songspace.text.service;

import io.songspace.common.npy.NpyArray;
import io.songspace.common.npy.Standardize;
import io.songspace.text.document.TextSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The text feature sets of a run, row-aligned with its audio features: the text vectors of the tracks the audio
 * stage kept (in its row order; a track skipped there is dropped here too), the same z-scored per column, and the
 * z-scored audio beside the z-scored text ({@code Audio+Text_concat}, as the study's StandardScaler over
 * [MFCC-40 | text] gives: the audio half is the already standardized MFCC-40).
 */
public record HybridSets(NpyArray text, NpyArray textStandardized, NpyArray audioText, List<TextSource> sources) {

    /**
     * @param trackIds the audio rows' track ids, in order
     * @param audioStandardized float32 N×D, the audio rows
     * @param vectors every text track's vector by track id (a superset of {@code trackIds})
     * @param sources every text track's source by track id
     * @throws IllegalStateException when an audio row has no text vector, or vectors differ in width
     */
    public static HybridSets assemble(List<String> trackIds, NpyArray audioStandardized, Map<String, float[]> vectors,
            Map<String, TextSource> sources) {
        int n = trackIds.size();
        int audioDim = audioStandardized.shape()[1];
        if (audioStandardized.shape()[0] != n) {
            throw new IllegalStateException("the audio features have " + audioStandardized.shape()[0]
                    + " rows but list " + n + " track ids");
        }
        int textDim = -1;
        float[] text = null;
        List<TextSource> rowSources = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] v = vectors.get(trackIds.get(i));
            if (v == null) {
                throw new IllegalStateException("track " + trackIds.get(i) + " has audio features but no text vector");
            }
            if (text == null) {
                textDim = v.length;
                text = new float[n * textDim];
            } else if (v.length != textDim) {
                throw new IllegalStateException("track " + trackIds.get(i) + " has a text vector of " + v.length
                        + " values, the others " + textDim);
            }
            System.arraycopy(v, 0, text, i * textDim, textDim);
            rowSources.add(sources.getOrDefault(trackIds.get(i), TextSource.NONE));
        }
        if (text == null) {
            throw new IllegalStateException("the run has no audio rows to give text to");
        }
        float[] textStd = Standardize.columns(text, n, textDim);
        float[] audio = audioStandardized.floats();
        int width = audioDim + textDim;
        float[] both = new float[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(audio, i * audioDim, both, i * width, audioDim);
            System.arraycopy(textStd, i * textDim, both, i * width + audioDim, textDim);
        }
        return new HybridSets(NpyArray.ofFloats(text, n, textDim), NpyArray.ofFloats(textStd, n, textDim),
                NpyArray.ofFloats(both, n, width), List.copyOf(rowSources));
    }

    /** Tracks per source, every source listed (zeros included), in the sources' order. */
    public Map<TextSource, Integer> sourceCounts() {
        Map<TextSource, Integer> counts = new EnumMap<>(TextSource.class);
        for (TextSource s : TextSource.values()) {
            counts.put(s, 0);
        }
        sources.forEach(s -> counts.merge(s, 1, Integer::sum));
        return counts;
    }
}
