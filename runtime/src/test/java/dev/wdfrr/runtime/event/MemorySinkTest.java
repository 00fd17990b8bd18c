package dev.wdfrr.runtime.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemorySinkTest {
    private static void record(MemorySink sink, int events) {
        for (int i = 0; i < events; i++) {
            if (i % 10 == 0) {
                sink.name(i, i, 1, NameKind.OBJECT, i, "object-" + i);
            } else {
                sink.event(i, i * 3L, EventType.REG_WRITE.id(), i % 4, i % 2, 0, i, i + 1, i * 7L);
            }
        }
    }

    @Test
    void aClearedSinkRecordsTheNextRunAsAFreshOneWould() {
        MemorySink reused = new MemorySink();
        record(reused, 500); // grows past its first arrays
        reused.clear();
        assertThat(reused.size()).isZero();
        assertThat(reused.info()).isNull();
        record(reused, 37);
        MemorySink fresh = new MemorySink();
        record(fresh, 37);
        assertThat(reused.events()).isEqualTo(fresh.events());
    }
}
