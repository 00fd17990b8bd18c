package dev.wdfrr.tracer.internal;

import java.nio.charset.StandardCharsets;

/** Encodes one record body into a reusable scratch array: no allocation for events. */
public final class RecordEncoder {
    private final byte[] buf = new byte[Format.MAX_BODY + 16];
    private int len;

    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return len;
    }

    /**
     * Encodes an event body.
     *
     * @param seqGap for a lane record, how many sequence numbers lie between this record and the
     *               lane's previous one (went to other lanes); negative for a serial record
     */
    public void event(long seqGap, long timeDelta, int thread, int cpu, int irql, int object, int related, long arg) {
        len = 0;
        if (seqGap >= 0) {
            varint(seqGap);
        }
        varint(Format.zigzag(timeDelta));
        varint(thread & 0xffffffffL);
        varint((long) (cpu + 1) << 3 | irql & 7);
        varint(object & 0xffffffffL);
        varint(related & 0xffffffffL);
        varint(Format.zigzag(arg));
    }

    /** Appends a text (cut to {@link Format#MAX_TEXT} bytes on a character boundary). */
    public void text(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int n = utf8.length;
        if (n > Format.MAX_TEXT) {
            n = Format.MAX_TEXT;
            while (n > 0 && (utf8[n] & 0xC0) == 0x80) {
                n--; // do not split a multi-byte character
            }
        }
        varint(n);
        System.arraycopy(utf8, 0, buf, len, n);
        len += n;
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) (v & 0x7F | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }
}
