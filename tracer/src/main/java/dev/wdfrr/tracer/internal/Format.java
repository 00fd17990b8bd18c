package dev.wdfrr.tracer.internal;

/**
 * The trace format: version 1 (serial) and version 2 (lanes).
 *
 * <p>A trace is a Chronicle Queue directory. Excerpt 0 is the header: {@link #HEADER_MAGIC},
 * major and minor version (shorts), then key/value pairs (UTF-8 strings with stop-bit lengths)
 * up to an empty key. Every later excerpt is a batch of events: {@link #BATCH_MAGIC}, the
 * sequence number of its first event (long), a base time (long), then records. A record is a
 * little-endian int {@code bodyLength << 8 | typeId} followed by its body; the writer stores the
 * int last, with release ordering, so a record whose int is non-zero is complete even when
 * the writer died inside the batch. Body: time delta from the previous record of the batch
 * (zig-zag varint), thread (varint), {@code (cpu + 1) << 3 | irql} (varint), object (varint),
 * related (varint), argument (zig-zag varint), and for name records the text (varint length,
 * UTF-8). A clean close appends an end excerpt: {@link #END_MAGIC}, the number of events.
 *
 * <p>Version 2 is a trace with <em>lanes</em>, for writers called by several threads without a common
 * lock. The header then has the field {@code lanes=thread}; the trace directory holds the
 * header and the end excerpt only, and each writing thread has its own queue in a
 * subdirectory {@code lane-N}. A lane holds lane batches: {@link #LANE_BATCH_MAGIC}, the
 * sequence number of its first record, a base time, then records whose body starts with one
 * more varint, the sequence gap: how many numbers went to other lanes since the lane's
 * previous record (0 for the first of a batch). A lane's numbers increase; the reader merges
 * the lanes by number into the one gapless order.
 */
public final class Format {
    /** Version of a serial trace; a reader of version 1 reads it. */
    public static final int MAJOR = 1;
    /**
     * Version of a lane trace: a new major, so that a reader that knows only version 1 refuses it
     * instead of reading the header and the end mark as a complete, empty trace.
     */
    public static final int MAJOR_LANES = 2;
    /**
     * Minor version, the same for both layouts: 1 added the event types 50-62 (traced cells,
     * kernel events, call sites, joins, contexts); 2 the types 70-99 (requests, queues, PnP and
     * power, timers and DPC objects); 3 event type 40 (rundown), delete state 5 (parent deleting)
     * and rules 10 to 13. A reader skips types it does not know.
     */
    public static final int MINOR = 3;
    public static final int HEADER_MAGIC = 0x52464457; // "WDFR" little-endian
    public static final int BATCH_MAGIC = 0x42464457;  // "WDFB"
    public static final int END_MAGIC = 0x45464457;    // "WDFE"
    public static final int LANE_BATCH_MAGIC = 0x4C464457; // "WDFL"
    /** Header field naming the lane layout; its only value so far is {@link #LANES_PER_THREAD}. */
    public static final String LANES_FIELD = "lanes";
    public static final String LANES_PER_THREAD = "thread";
    /** Prefix of a lane's subdirectory; the lane number follows. */
    public static final String LANE_DIR_PREFIX = "lane-";
    /** Events per batch before it is committed. */
    public static final int BATCH_EVENTS = 512;
    /** Bytes per batch before it is committed. */
    public static final int BATCH_BYTES = 16 << 10;
    /** A batch is committed once it spans this much trace time, so followers see progress. */
    public static final long BATCH_NANOS = 20_000_000L;
    /** Longest text stored in a name record; longer texts are cut. */
    public static final int MAX_TEXT = 4096;
    /** Largest record body the reader accepts. */
    public static final int MAX_BODY = MAX_TEXT + 64;

    private Format() {
    }

    public static long zigzag(long v) {
        return v << 1 ^ v >> 63;
    }

    public static long unzigzag(long v) {
        return v >>> 1 ^ -(v & 1);
    }
}
