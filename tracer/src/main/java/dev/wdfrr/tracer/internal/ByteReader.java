package dev.wdfrr.tracer.internal;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked little-endian reading from a byte array: corrupt input ends in an
 * {@link IllegalArgumentException}, never an out-of-bounds error deep in a parser.
 */
public final class ByteReader {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] data;
    private int pos;
    private int end;

    public ByteReader(byte[] data, int pos, int end) {
        reset(data, pos, end);
    }

    public void reset(byte[] bytes, int from, int to) {
        this.data = bytes;
        this.pos = from;
        this.end = to;
    }

    public int position() {
        return pos;
    }

    public void position(int p) {
        pos = p;
    }

    public int remaining() {
        return end - pos;
    }

    public int end() {
        return end;
    }

    public void end(int e) {
        end = e;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw new IllegalArgumentException("data ends early");
        }
    }

    public int intLE() {
        need(4);
        int v = (int) INT.get(data, pos);
        pos += 4;
        return v;
    }

    public int peekIntLE() {
        need(4);
        return (int) INT.get(data, pos);
    }

    public long longLE() {
        need(8);
        long v = (long) LONG.get(data, pos);
        pos += 8;
        return v;
    }

    public int u16LE() {
        need(2);
        int v = data[pos] & 0xff | (data[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    public long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new IllegalArgumentException("data ends inside a number");
            }
            byte b = data[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("number too long");
    }

    /** A varint that must fit an unsigned 32-bit value, returned as an int. */
    public int varint32() {
        long v = varint();
        if (v >>> 32 != 0) {
            throw new IllegalArgumentException("number out of range");
        }
        return (int) v;
    }

    public String utf8(int max) {
        long n = varint();
        if (n > max || n > end - pos) {
            throw new IllegalArgumentException("text length " + n + " out of range");
        }
        String s = new String(data, pos, (int) n, StandardCharsets.UTF_8);
        pos += (int) n;
        return s;
    }

    /** The little-endian long at {@code data[at, at + 8)}. */
    public static long longLE(byte[] data, int at) {
        return (long) LONG.get(data, at);
    }

    static void writeIntLE(ByteArrayOutputStream out, int v) {
        out.write(v & 0xff);
        out.write(v >>> 8 & 0xff);
        out.write(v >>> 16 & 0xff);
        out.write(v >>> 24 & 0xff);
    }
}
