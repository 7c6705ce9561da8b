package io.songspace.feature.dataset.demo;

import io.songspace.feature.dataset.Seeds;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Titles, artists, tags and (for about a quarter of the tracks) short lyrics in English, Spanish, French, German or
 * Portuguese for the demo corpus, drawn from small word and phrase lists. Tags are style words that lean towards
 * a track's genre (with some borrowed from other genres and some neutral ones); none is a genre name, so no text
 * carries the label itself.
 */
public final class DemoText {

    /** A track's text metadata; {@code lyrics} and {@code language} are null for instrumentals. */
    public record TrackText(String title, String artist, List<String> tags, String lyrics, String language) {
    }

    /** The random stream of a track's text (its audio uses others). */
    private static final long TEXT_STREAM = 2;

    /** Share of tracks with lyrics. */
    static final double LYRICS_SHARE = 0.25;

    private static final String[] ADJECTIVES = {"Midnight", "Golden", "Broken", "Silver", "Quiet", "Electric",
        "Paper", "Hollow", "Crimson", "Velvet", "Distant", "Neon", "Wild", "Northern", "Faded", "Bright", "Lonely",
        "Restless", "Static", "Burning", "Gentle", "Empty", "Sacred", "Frozen"};
    private static final String[] NOUNS = {"River", "Highway", "Signal", "Garden", "Echo", "Mirror", "Harbor",
        "Engine", "Lantern", "Skyline", "Orchard", "Machine", "Window", "Canyon", "Letter", "Fever", "Ritual",
        "Avenue", "Shoreline", "Satellite", "Meadow", "Circuit", "Anthem", "Dust"};
    private static final String[] FIRST_NAMES = {"Ada", "Marco", "Lena", "Theo", "Ines", "Jonas", "Maya", "Kofi",
        "Elif", "Ruben", "Sora", "Nadia", "Felix", "Amara", "Luca", "Greta", "Tomas", "Yara"};
    private static final String[] LAST_NAMES = {"Moreau", "Okafor", "Lindqvist", "Alves", "Brennan", "Kowalski",
        "Tanaka", "Weber", "Santos", "Haddad", "Novak", "Ferreira", "Duval", "Ortega", "Keller", "Mbeki"};

    private static final Map<DemoGenre, String[]> STYLE_TAGS = new EnumMap<>(Map.of(
            DemoGenre.HIP_HOP, new String[] {"boom bap", "beats", "lo-fi", "underground", "rap", "sample-based",
                "turntablism", "east coast"},
            DemoGenre.POP, new String[] {"catchy", "synth", "dance", "upbeat", "radio", "chart", "electronic",
                "club"},
            DemoGenre.FOLK, new String[] {"acoustic", "singer-songwriter", "fingerpicking", "traditional",
                "americana", "waltz", "storytelling", "bluegrass"},
            DemoGenre.EXPERIMENTAL, new String[] {"noise", "drone", "ambient", "avant-garde", "glitch", "sound art",
                "musique concrete", "improvisation"},
            DemoGenre.ROCK, new String[] {"guitar", "distortion", "indie", "alternative", "garage", "punk", "grunge",
                "live band"}));
    private static final String[] NEUTRAL_TAGS = {"instrumental", "demo", "2019", "2021", "live", "chill", "remix",
        "diy", "bedroom", "cassette", "night", "summer"};

    private static final String[] LANGUAGES = {"en", "en", "en", "es", "fr", "de", "pt"};
    private static final Map<String, String[]> LINES = Map.of(
            "en", new String[] {"I keep walking down this empty road", "the city lights are calling out my name",
                "hold on to the morning sun", "we were young and we were free", "every river finds the sea",
                "tell me what you're waiting for", "the night is long but we are strong",
                "I hear the echo of your voice", "dancing on the edge of time", "nothing here is what it seems",
                "carry me home across the water", "the radio plays our song again", "my heart beats like a drum",
                "under the silver moon we ran", "words fall like rain on the window",
                "we build our castles out of dust"},
            "es", new String[] {"camino solo por la ciudad", "la luna brilla sobre el mar",
                "tu voz me llama en la noche", "bailamos hasta el amanecer", "no hay nada que perder",
                "el viento lleva mi canción", "corazón de fuego y de sal", "las calles guardan mis secretos",
                "vuelve a mí cuando amanezca", "somos jóvenes y libres", "la lluvia cae sobre el río",
                "te espero en la estación", "mi alma canta sin parar", "el tiempo pasa sin mirar",
                "entre sombras y luz", "quiero volver a casa"},
            "fr", new String[] {"je marche seul dans la nuit", "la ville dort sous la pluie",
                "ton nom résonne dans mon cœur", "nous dansons jusqu'au matin", "le vent emporte nos mots",
                "sous le ciel de Paris", "rien ne sera plus comme avant", "les étoiles brillent pour nous",
                "je t'attends au bord de l'eau", "la musique nous rassemble", "un jour nouveau se lève",
                "mes rêves sont en papier", "la mer chante sa chanson", "nous étions jeunes et libres",
                "le temps s'envole sans bruit", "reviens-moi avant l'hiver"},
            "de", new String[] {"ich gehe allein durch die Stadt", "die Nacht ist lang und kalt",
                "dein Name klingt in meinem Herz", "wir tanzen bis zum Morgengrauen", "der Wind trägt unser Lied",
                "unter dem silbernen Mond", "nichts ist mehr wie es war", "die Sterne leuchten nur für uns",
                "ich warte am Fluss auf dich", "die Straßen kennen meinen Weg", "ein neuer Tag beginnt",
                "meine Träume sind aus Papier", "das Meer singt sein altes Lied", "wir waren jung und frei",
                "die Zeit vergeht so still", "komm zurück bevor es schneit"},
            "pt", new String[] {"caminho sozinho pela cidade", "a lua brilha sobre o mar",
                "tua voz me chama na noite", "dançamos até o amanhecer", "não há nada a perder",
                "o vento leva a minha canção", "coração de fogo e sal", "as ruas guardam meus segredos",
                "volta pra mim quando amanhecer", "somos jovens e livres", "a chuva cai sobre o rio",
                "te espero na estação", "minha alma canta sem parar", "o tempo passa sem olhar",
                "entre sombras e luz", "quero voltar para casa"});

    private DemoText() {
    }

    /** The text of track {@code index} of {@code genre} for {@code seed}. */
    public static TrackText of(long seed, DemoGenre genre, int index) {
        Random rng = new Random(Seeds.mix(seed, TEXT_STREAM, genre.ordinal(), index));
        String title = title(rng);
        String artist = artist(rng);
        List<String> tags = tags(rng, genre);
        if (rng.nextDouble() >= LYRICS_SHARE) {
            return new TrackText(title, artist, tags, null, null);
        }
        String language = LANGUAGES[rng.nextInt(LANGUAGES.length)];
        return new TrackText(title, artist, tags, lyrics(rng, LINES.get(language)), language);
    }

    private static String title(Random rng) {
        String adjective = pick(rng, ADJECTIVES);
        String noun = pick(rng, NOUNS);
        return switch (rng.nextInt(5)) {
            case 0 -> "The " + noun;
            case 1 -> noun + " of the " + pick(rng, NOUNS);
            case 2 -> adjective + " " + noun + " (Remix)";
            default -> adjective + " " + noun;
        };
    }

    private static String artist(Random rng) {
        return switch (rng.nextInt(3)) {
            case 0 -> "The " + pick(rng, ADJECTIVES) + " " + pick(rng, NOUNS) + "s";
            default -> pick(rng, FIRST_NAMES) + " " + pick(rng, LAST_NAMES);
        };
    }

    private static List<String> tags(Random rng, DemoGenre genre) {
        int count = rng.nextInt(5); // 0..4; a fifth of the tracks are untagged
        Set<String> tags = new LinkedHashSet<>();
        DemoGenre[] genres = DemoGenre.values();
        for (int i = 0; i < count; i++) {
            double r = rng.nextDouble();
            if (r < 0.7) {
                tags.add(pick(rng, STYLE_TAGS.get(genre)));
            } else if (r < 0.85) {
                tags.add(pick(rng, STYLE_TAGS.get(genres[rng.nextInt(genres.length)])));
            } else {
                tags.add(pick(rng, NEUTRAL_TAGS));
            }
        }
        return new ArrayList<>(tags);
    }

    private static String lyrics(Random rng, String[] lines) {
        String chorus = pick(rng, lines);
        int verses = 3 + rng.nextInt(4);
        List<String> text = new ArrayList<>();
        for (int i = 0; i < verses; i++) {
            text.add(pick(rng, lines));
        }
        text.add(chorus);
        text.add(chorus);
        return String.join("\n", text);
    }

    private static String pick(Random rng, String[] options) {
        return options[rng.nextInt(options.length)];
    }
}
