package io.songspace.feature.audio;

/** Time {@link AudioLoader} spent decoding (and mixing to mono) and resampling, added up over the loads it saw. */
public final class DecodeTimes {

    private long decodeNanos;
    private long resampleNanos;

    void add(long decode, long resample) {
        decodeNanos += decode;
        resampleNanos += resample;
    }

    public long decodeNanos() {
        return decodeNanos;
    }

    public long resampleNanos() {
        return resampleNanos;
    }
}
