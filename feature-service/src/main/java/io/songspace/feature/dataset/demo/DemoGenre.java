package io.songspace.feature.dataset.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The five genres of the demo corpus, named as in the study (FMA spelling) and by a slug used in sources. */
public enum DemoGenre {
    HIP_HOP("hip-hop", "Hip-Hop", new HipHopStyle()),
    POP("pop", "Pop", new PopStyle()),
    FOLK("folk", "Folk", new FolkStyle()),
    EXPERIMENTAL("experimental", "Experimental", new ExperimentalStyle()),
    ROCK("rock", "Rock", new RockStyle());

    private final String slug;
    private final String label;
    private final GenreStyle style;

    DemoGenre(String slug, String label, GenreStyle style) {
        this.slug = slug;
        this.label = label;
        this.style = style;
    }

    /** Lower-case name used in {@code demo:} sources and track ids. */
    public String slug() {
        return slug;
    }

    /** The genre's name as a label (FMA spelling). */
    public String label() {
        return label;
    }

    GenreStyle style() {
        return style;
    }

    /** The genre called {@code name} (slug or label, any case; "hip hop" and "hiphop" also work). */
    public static Optional<DemoGenre> find(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace(' ', '-');
        return Arrays.stream(values())
                .filter(g -> g.slug.equals(key) || g.slug.replace("-", "").equals(key))
                .findFirst();
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(DemoGenre::label).toList();
    }
}
