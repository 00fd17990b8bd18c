package dev.wdfrr.tracer.internal;

import dev.wdfrr.runtime.event.EventType;

/**
 * Decodes the records of one batch. Every read is bounds-checked; malformed data ends in an
 * {@link IllegalArgumentException}. A zero record header means "nothing more was written"
 * (the end of a batch whose writer died).
 */
public final class BatchDecoder {
    private final ByteReader in = new ByteReader(new byte[0], 0, 0);
    private long nextSeq;
    private long time;
    private boolean lane;

    /**
     * Starts decoding a batch held in {@code data[0, length)}, serial or lane (see
     * {@link Format}); returns its first sequence number.
     */
    public long start(byte[] data, int length) {
        in.reset(data, 0, length);
        int magic = in.remaining() < 20 ? 0 : in.intLE();
        if (magic != Format.BATCH_MAGIC && magic != Format.LANE_BATCH_MAGIC) {
            throw new IllegalArgumentException("not an event batch");
        }
        lane = magic == Format.LANE_BATCH_MAGIC;
        nextSeq = in.longLE();
        time = in.longLE();
        if (nextSeq < 0) {
            throw new IllegalArgumentException("negative sequence number " + nextSeq);
        }
        return nextSeq;
    }

    /** Sequence number the next record will have (in a lane batch: at least this). */
    public long nextSeq() {
        return nextSeq;
    }

    /**
     * The sequence number of the next record, without consuming it; -1 when the batch has no
     * more records. (In a lane batch the number is in the record, after the gaps of the others.)
     */
    public long peekSeq() {
        if (in.remaining() < 4 || in.peekIntLE() == 0) {
            return -1;
        }
        if (!lane) {
            return nextSeq;
        }
        int at = in.position();
        int outerEnd = in.end();
        try {
            int header = in.intLE();
            int bodyLength = header >>> 8;
            if ((header & 0xff) == 0 || bodyLength > Format.MAX_BODY || bodyLength > in.remaining()) {
                throw new IllegalArgumentException("bad record header 0x" + Integer.toHexString(header));
            }
            in.end(in.position() + bodyLength);
            long gap = in.varint();
            if (gap < 0 || nextSeq + gap < nextSeq) {
                throw new IllegalArgumentException("bad sequence gap " + gap);
            }
            return nextSeq + gap;
        } finally {
            in.end(outerEnd);
            in.position(at);
        }
    }

    /** The fields of one record. */
    public interface Target {
        void set(long seq, long time, int typeId, int thread, int cpu, int irql, int object, int related, long arg,
                 String text);
    }

    /**
     * Decodes the next record into {@code target}.
     *
     * @param namesOnly when true, records other than names are skipped without decoding (for seeks)
     * @return false when the batch has no more records
     */
    public boolean next(Target target, boolean namesOnly) {
        if (in.remaining() < 4) {
            return false;
        }
        int header = in.peekIntLE();
        if (header == 0) {
            return false;
        }
        in.intLE();
        int typeId = header & 0xff;
        int bodyLength = header >>> 8;
        if (typeId == 0 || bodyLength > Format.MAX_BODY || bodyLength > in.remaining()) {
            throw new IllegalArgumentException("bad record header 0x" + Integer.toHexString(header));
        }
        int bodyStart = in.position();
        int bodyEnd = bodyStart + bodyLength;
        int outerEnd = in.end();
        in.end(bodyEnd);
        try {
            if (lane) {
                long gap = in.varint();
                if (gap < 0 || nextSeq + gap < nextSeq) {
                    throw new IllegalArgumentException("bad sequence gap " + gap);
                }
                nextSeq += gap;
            }
            long delta = Format.unzigzag(in.varint());
            time += delta;
            long seq = nextSeq++;
            if (namesOnly && typeId != EventType.NAME.id()) {
                in.position(bodyEnd);
                return true;
            }
            int thread = in.varint32();
            long cpuIrql = in.varint();
            int object = in.varint32();
            int related = in.varint32();
            long arg = Format.unzigzag(in.varint());
            String text = typeId == EventType.NAME.id() ? in.utf8(Format.MAX_TEXT) : null;
            target.set(seq, time, typeId, thread, (int) (cpuIrql >>> 3) - 1, (int) (cpuIrql & 7), object, related, arg, text);
            return true;
        } finally {
            in.end(outerEnd);
            in.position(bodyEnd);
        }
    }
}
