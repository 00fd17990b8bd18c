package dev.wdfrr.cli;

import dev.wdfrr.tracer.TraceText;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The commands' standard output. Two manners a plain {@link PrintWriter} lacks:
 * <ul>
 * <li>Control characters are shown escaped ({@code \x1b}, {@code \x07}, {@code \r}): a
 *     second line of defence behind {@link TraceText}, which the reader applies to every text of
 *     a trace. Only the newline and tab of our own layout pass.</li>
 * <li>A closed pipe stops the command: {@code PrintWriter} swallows write errors, so
 *     {@code wdfrr dump BIG | head -1} would run on for minutes writing into nothing. Here the
 *     failed write throws {@link Closed}, which ends the command with
 *     {@link Errors#OUTPUT_CLOSED}.</li>
 * </ul>
 */
final class TerminalOutput extends Writer {
    /** The reader of our output went away (EPIPE): nothing more can be written. */
    static final class Closed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Closed(IOException cause) {
            super("the output was closed: " + cause.getMessage(), cause);
        }
    }

    private final Writer out;
    private final StringBuilder escaped = new StringBuilder(256);

    private TerminalOutput(Writer out) {
        this.out = out;
    }

    /** Standard output, buffered (flushed by {@link PrintWriter#flush()} and at exit). */
    static PrintWriter stdout() {
        return of(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16));
    }

    /** Any writer with the same manners (tests capture output through this). */
    static PrintWriter of(Writer out) {
        return new PrintWriter(new TerminalOutput(out), false);
    }

    @Override
    public void write(char[] buf, int off, int len) {
        escaped.setLength(0);
        int plainFrom = off;
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (needsEscape(c)) {
                escaped.append(buf, plainFrom, i - plainFrom);
                escape(escaped, c);
                plainFrom = i + 1;
            }
        }
        try {
            if (plainFrom == off) {
                out.write(buf, off, len);
            } else {
                escaped.append(buf, plainFrom, off + len - plainFrom);
                out.write(escaped.toString());
            }
        } catch (IOException e) {
            throw new Closed(e);
        }
    }

    /** Control characters but the newline and tab of our own layout (trace text has its own escaped already). */
    static boolean needsEscape(char c) {
        return c != '\n' && TraceText.isControl(c);
    }

    static void escape(StringBuilder sb, char c) {
        TraceText.escape(sb, c);
    }

    /** {@code s} with every control character escaped, for text put into a one-line message. */
    static String escapeAll(String s) {
        return TraceText.escape(s);
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new Closed(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new Closed(e);
        }
    }
}
