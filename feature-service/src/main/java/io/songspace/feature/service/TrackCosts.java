package io.songspace.feature.service;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where one track's time went, step by step: waiting in the queue, fetching the audio, decoding, resampling, the
 * MFCCs, storing the chunk's result and sending its outcome (the last two shared equally by the chunk's tracks).
 */
public final class TrackCosts {

    /** The steps of a track, in the order they happen. */
    public enum Step {
        QUEUE, FETCH, DECODE, RESAMPLE, MFCC, STORE, EVENTS;

        /** The name in metrics and benchmark output. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<Step, Long> nanos = new EnumMap<>(Step.class);

    public void add(Step step, long n) {
        nanos.merge(step, n, Long::sum);
    }

    /** A step the tracks of a chunk went through together (storing, sending): each gets an equal share. */
    public static void share(List<TrackCosts> tracks, Step step, long nanos) {
        long each = nanos / Math.max(1, tracks.size());
        tracks.forEach(t -> t.add(step, each));
    }

    public long nanos(Step step) {
        return nanos.getOrDefault(step, 0L);
    }
}
