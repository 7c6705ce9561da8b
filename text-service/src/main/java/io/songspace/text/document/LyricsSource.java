package io.songspace.text.document;

/** Lyrics found elsewhere than in the dataset (Genius), by title and artist. */
public interface LyricsSource {

    /** The outcome for one track: lyrics, or none with the reason. */
    record Lookup(String lyrics, String reason) {

        public static Lookup found(String lyrics) {
            return new Lookup(lyrics, null);
        }

        public static Lookup none(String reason) {
            return new Lookup(null, reason);
        }

        public boolean found() {
            return lyrics != null && !lyrics.isBlank();
        }
    }

    /** Never throws for a track without lyrics: that is an answer with a reason. */
    Lookup find(String title, String artist);
}
