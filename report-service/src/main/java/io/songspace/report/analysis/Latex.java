package io.songspace.report.analysis;

/** What the report's LaTeX tables share. */
public final class Latex {

    private Latex() {
    }

    /** {@code s} with LaTeX's special characters escaped, so that a method name compiles as text. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&', '%', '$', '#', '_', '{', '}' -> out.append('\\').append(ch);
                case '~' -> out.append("\\textasciitilde{}");
                case '^' -> out.append("\\textasciicircum{}");
                case '\\' -> out.append("\\textbackslash{}");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
