package dev.wdfrr.replayer.internal;

import dev.wdfrr.runtime.event.EventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InterleavingHashTest {
    /** Writes to {@code objects} objects by two threads, in the given thread order per object. */
    private static void run(InterleavingHash h, int objects, boolean swapped) {
        for (int o = 1; o <= objects; o++) {
            h.event(o, 0, EventType.MEM_WRITE.id(), swapped ? 2 : 1, -1, 0, o, 0, 0);
            h.event(o, 0, EventType.MEM_WRITE.id(), swapped ? 1 : 2, -1, 0, o, 0, 0);
        }
    }

    @Test
    void aResetHashFingerprintsTheNextRunAsAFreshOneWould() {
        InterleavingHash reused = new InterleavingHash();
        run(reused, 200, true); // grows its table
        long swapped = reused.value();
        reused.reset();
        run(reused, 3, false);
        InterleavingHash fresh = new InterleavingHash();
        run(fresh, 3, false);
        assertThat(reused.value()).isEqualTo(fresh.value());
        InterleavingHash other = new InterleavingHash();
        run(other, 3, true);
        assertThat(other.value()).isNotEqualTo(fresh.value()); // the test can tell orders apart
        assertThat(swapped).isNotEqualTo(fresh.value());
    }
}
