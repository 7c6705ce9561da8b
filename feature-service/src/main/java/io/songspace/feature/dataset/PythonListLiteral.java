package io.songspace.feature.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the list columns of FMA's tracks.csv, which pandas wrote as Python literals: {@code []}, {@code [76, 103]},
 * {@code ['rock', 'indie']}, {@code ["don't", 'x']}. Written by hand: it is a dozen lines, and no JVM library
 * parses Python literals.
 */
final class PythonListLiteral {

    private PythonListLiteral() {
    }

    /** The items of a list literal as strings (quotes removed, escapes resolved); blank input is an empty list. */
    static List<String> parse(String literal) {
        List<String> items = new ArrayList<>();
        String s = literal == null ? "" : literal.trim();
        if (s.isEmpty() || s.equals("[]")) {
            return items;
        }
        if (!s.startsWith("[") || !s.endsWith("]")) {
            throw new IllegalArgumentException("not a list literal: " + literal);
        }
        int i = 1;
        int end = s.length() - 1;
        while (i < end) {
            char c = s.charAt(i);
            if (c == ' ' || c == ',') {
                i++;
            } else if (c == '\'' || c == '"') {
                StringBuilder item = new StringBuilder();
                i++;
                while (i < end && s.charAt(i) != c) {
                    if (s.charAt(i) == '\\' && i + 1 < end) {
                        i++;
                    }
                    item.append(s.charAt(i++));
                }
                if (i >= end) {
                    throw new IllegalArgumentException("unterminated string in list literal: " + literal);
                }
                items.add(item.toString());
                i++;
            } else {
                int from = i;
                while (i < end && s.charAt(i) != ',') {
                    i++;
                }
                items.add(s.substring(from, i).trim());
            }
        }
        return items;
    }
}
