package io.songspace.text.lyrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The lyrics on a Genius song page. Genius splits them over several {@code div[data-lyrics-container=true]}
 * (an advert may sit between two), marks what is not lyrics inside them (the contributors header, "You might also
 * like") with {@code data-exclude-from-selection}, and breaks lines with {@code <br>}; annotated lines are links
 * and some words are in italics, whose text is lyrics like any other.
 */
final class LyricsPage {

    private static final String CONTAINERS = "div[data-lyrics-container=true]";
    private static final String EXCLUDED = "[data-exclude-from-selection]";
    private static final Pattern SECTION_HEADER = Pattern.compile("^\\[[^\\]]*]$");

    private LyricsPage() {
    }

    /**
     * The page's lyrics, the containers joined by a newline, one line per line, stanzas separated by one blank
     * line; section headers such as "[Chorus]" kept only when asked. Empty when the page has no lyrics container
     * (an instrumental shows "This song is an instrumental" instead) or the containers hold nothing but headers.
     */
    static Optional<String> lyrics(String html, boolean keepSectionHeaders) {
        List<String> lines = new ArrayList<>();
        for (Element container : Jsoup.parse(html).select(CONTAINERS)) {
            Element copy = container.clone();
            copy.select(EXCLUDED).remove();
            LineCollector collector = new LineCollector();
            copy.traverse(collector);
            lines.addAll(collector.text().lines().toList());
        }
        // headers alone ("[Instrumental]") are no lyrics, even where headers are kept
        if (tidy(lines, false).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(tidy(lines, keepSectionHeaders));
    }

    /**
     * Trimmed lines, headers dropped unless kept, a blank line before every section, runs of blank lines as one,
     * none at either end.
     */
    private static String tidy(List<String> lines, boolean keepSectionHeaders) {
        StringBuilder out = new StringBuilder();
        boolean blankPending = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (SECTION_HEADER.matcher(line).matches()) {
                // a header starts a section, after a blank line even where Genius has none (at a container's
                // start); a dropped header leaves that blank line to part the stanzas
                blankPending = !out.isEmpty();
                if (!keepSectionHeaders) {
                    continue;
                }
            }
            if (line.isEmpty()) {
                blankPending = !out.isEmpty();
                continue;
            }
            if (!out.isEmpty()) {
                out.append(blankPending ? "\n\n" : "\n");
            }
            out.append(line);
            blankPending = false;
        }
        return out.toString();
    }

    /** The text of a container: text nodes as they are, a {@code <br>} as a line break, a block on its own line. */
    private static final class LineCollector implements NodeVisitor {
        private final StringBuilder text = new StringBuilder();

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode t) {
                // non-breaking spaces would survive strip() and make an empty line look non-empty
                text.append(t.text().replace('\u00a0', ' '));
            } else if (node instanceof Element e && e.nameIs("br")) {
                text.append('\n');
            } else if (node instanceof Element e && depth > 0 && e.isBlock()) {
                endLine();
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element e && depth > 0 && e.isBlock()) {
                endLine();
            }
        }

        /** A block starts and ends on a line of its own, without making an empty line of it. */
        private void endLine() {
            if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
                text.append('\n');
            }
        }

        String text() {
            return text.toString();
        }
    }
}
