package dev.wdfrr.tracer.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes RFC 4180 CSV: CRLF line ends; a field holding a comma, a double quote, CR or LF is
 * enclosed in double quotes, with each double quote inside doubled.
 */
public final class CsvRows {
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private long rows;

    public CsvRows(Writer out) {
        this.out = out;
    }

    public CsvRows field(String value) {
        if (!line.isEmpty()) {
            line.append(',');
        }
        quote(line, value);
        return this;
    }

    public CsvRows field(long value) {
        if (!line.isEmpty()) {
            line.append(',');
        }
        line.append(value);
        return this;
    }

    /** Ends the row and writes it; the first row written is counted like any other. */
    public void endRow() {
        line.append("\r\n");
        try {
            out.write(line.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        line.setLength(0);
        rows++;
    }

    public long rows() {
        return rows;
    }

    /** Appends {@code value} as one CSV field. */
    public static void quote(StringBuilder sb, String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            sb.append(value);
            return;
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"') {
                sb.append('"');
            }
            sb.append(ch);
        }
        sb.append('"');
    }
}
