package dev.wdfrr.tracer.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Encodes and decodes the header excerpt: magic, version, then UTF-8 key/value pairs up to an empty key. */
public final class HeaderCodec {
    private HeaderCodec() {
    }

    public static byte[] encode(int major, Map<String, String> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteReader.writeIntLE(out, Format.HEADER_MAGIC);
        out.write(major & 0xff);
        out.write(major >>> 8 & 0xff);
        out.write(Format.MINOR & 0xff);
        out.write(Format.MINOR >>> 8 & 0xff);
        for (Map.Entry<String, String> e : fields.entrySet()) {
            string(out, e.getKey());
            string(out, e.getValue());
        }
        string(out, "");
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        long v = b.length;
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        out.write(b, 0, b.length);
    }

    /** The decoded header: version and fields. */
    public record Decoded(int major, int minor, Map<String, String> fields) {
    }

    /**
     * Decodes a header excerpt.
     *
     * @throws IllegalArgumentException when the bytes are not a wdfrr header (the caller words the message)
     */
    public static Decoded decode(byte[] data, int length) {
        ByteReader r = new ByteReader(data, 0, length);
        if (length < 8 || r.intLE() != Format.HEADER_MAGIC) {
            throw new IllegalArgumentException("no wdfrr header");
        }
        int major = r.u16LE();
        int minor = r.u16LE();
        Map<String, String> fields = new LinkedHashMap<>();
        if (major != Format.MAJOR && major != Format.MAJOR_LANES) {
            return new Decoded(major, minor, fields); // do not try to read a layout we do not know
        }
        for (int i = 0; i < 10_000; i++) {
            String key = r.utf8(1 << 16);
            if (key.isEmpty()) {
                return new Decoded(major, minor, fields);
            }
            fields.put(key, r.utf8(1 << 20));
        }
        throw new IllegalArgumentException("header has too many fields");
    }
}
