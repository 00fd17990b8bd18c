package dev.wdfrr.cli;

/** Minimal JSON writing: a string builder that knows commas and escaping. */
final class Json {
    private final StringBuilder sb = new StringBuilder();
    private boolean needComma;

    Json open() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    Json close() {
        sb.append('}');
        needComma = true;
        return this;
    }

    Json key(String k) {
        comma();
        quote(k);
        sb.append(':');
        needComma = false;
        return this;
    }

    /** Inserts already-encoded JSON as a value. */
    Json raw(String encoded) {
        comma();
        sb.append(encoded);
        needComma = true;
        return this;
    }

    Json value(String v) {
        comma();
        if (v == null) {
            sb.append("null");
        } else {
            quote(v);
        }
        needComma = true;
        return this;
    }

    Json value(long v) {
        comma();
        sb.append(v);
        needComma = true;
        return this;
    }

    Json value(boolean v) {
        comma();
        sb.append(v);
        needComma = true;
        return this;
    }

    Json field(String k, String v) {
        return key(k).value(v);
    }

    /** A number, or null. */
    Json field(String k, Long v) {
        return v == null ? key(k).raw("null") : key(k).value(v.longValue());
    }

    Json field(String k, long v) {
        return key(k).value(v);
    }

    Json field(String k, boolean v) {
        return key(k).value(v);
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
            needComma = false;
        }
    }

    private void quote(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
