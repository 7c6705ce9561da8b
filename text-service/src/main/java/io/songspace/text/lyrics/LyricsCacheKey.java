package io.songspace.text.lyrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The cache key of a track: {@code <artist slug>--<title slug>-<hash>}, e.g.
 * {@code ada-marlowe-and-the-tides--paper-lanterns-1f0c2d3e4a5b6c7d}. The slugs are the
 * {@linkplain TrackNames#normalize normalised} artist and title with every run of characters other than a-z and
 * 0-9 as one "-", each cut to 40 characters: readable in the bucket, safe in any object key. The hash, the first
 * 16 hex digits of the SHA-256 of the UTF-8 of normalised artist + U+0000 + normalised title, keeps keys apart
 * where the slugs are not (names in other scripts slug to nothing; long names are cut). Tracks whose names
 * normalise alike share a key, as they share a Genius match.
 */
final class LyricsCacheKey {

    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final int SLUG_LENGTH = 40;

    private LyricsCacheKey() {
    }

    static String of(String normalizedTitle, String normalizedArtist) {
        return slug(normalizedArtist) + "--" + slug(normalizedTitle) + "-"
                + hash(normalizedArtist + "\u0000" + normalizedTitle);
    }

    private static String slug(String normalized) {
        String slug = NOT_SLUG.matcher(normalized.toLowerCase(Locale.ROOT)).replaceAll("-");
        slug = slug.substring(0, Math.min(slug.length(), SLUG_LENGTH));
        return slug.replaceAll("^-+|-+$", "");
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
