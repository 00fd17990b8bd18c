package dev.wdfrr.tracer.internal;

/** The {@code args} object of a trace event, built field by field. */
final class JsonArgs {
    private final StringBuilder sb = new StringBuilder(64);

    JsonArgs put(String key, String value) {
        JsonText.string(key(key), value);
        return this;
    }

    JsonArgs put(String key, long value) {
        key(key).append(value);
        return this;
    }

    JsonArgs put(String key, boolean value) {
        key(key).append(value);
        return this;
    }

    /** Appends the fields of {@code other}. */
    JsonArgs putAll(JsonArgs other) {
        if (!other.sb.isEmpty()) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(other.sb);
        }
        return this;
    }

    private StringBuilder key(String key) {
        if (!sb.isEmpty()) {
            sb.append(',');
        }
        return JsonText.string(sb, key).append(':');
    }

    /** Appends {@code {…}} to {@code out}. */
    void appendTo(StringBuilder out) {
        out.append('{').append(sb).append('}');
    }
}
