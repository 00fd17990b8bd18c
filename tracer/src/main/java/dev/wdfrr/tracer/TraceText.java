package dev.wdfrr.tracer;

/**
 * Text from a trace made safe to show: names, messages and header fields come from whoever wrote
 * the trace, and a raw ESC, BEL or CR (or a line break, or a mark that reverses text) would drive
 * the terminal that shows them or forge lines of output. What shows them goes through
 * {@link #escape}: the reader's header fields and {@link Names}, and the event lines of
 * {@link EventFormat} (the events keep the raw text, which replay compares). Shown escaped:
 * {@code \x1b}, {@code \x07}, {@code \r}, {@code \n}, {@code \u202e}. Tabs pass.
 */
public final class TraceText {
    private TraceText() {
    }

    /**
     * C0 controls (line breaks included; not tab, which moves nothing but the column), DEL, C1
     * controls, and the marks that reorder or hide text.
     */
    public static boolean isControl(char c) {
        return c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f
                || c >= 0x200b && c <= 0x200f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                || c == 0x2028 || c == 0x2029 || c == 0xfeff;
    }

    /** {@code s} with its control characters escaped; {@code s} itself when it has none. */
    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c)) {
                escape(sb, c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Appends the escape of one control character. */
    public static void escape(StringBuilder sb, char c) {
        switch (c) {
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> {
                if (c < 0x100) {
                    sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                } else {
                    sb.append("\\u").append(String.format("%04x", (int) c));
                }
            }
        }
    }
}
