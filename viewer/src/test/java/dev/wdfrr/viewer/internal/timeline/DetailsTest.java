package dev.wdfrr.viewer.internal.timeline;

import dev.wdfrr.viewer.TestTraces;
import dev.wdfrr.viewer.internal.model.TraceLoader;
import dev.wdfrr.viewer.internal.model.TraceModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.wdfrr.viewer.TestTraces.*;
import static org.assertj.core.api.Assertions.assertThat;

class DetailsTest {
    @TempDir
    Path tmp;

    @Test
    void aSelectedCallbackShowsItsTimesAndItsWholeRequestChain() {
        TraceModel m = TraceLoader.read(TestTraces.known(tmp.resolve("k")));
        int callback = m.lanes().ofThread(WORKER0).spanId(0);
        String text = Details.describe(m, ROW_CALLBACK_START, callback);
        assertThat(text).startsWith("callback 'rx-work' (#20) instance 1 on worker-0, 4.00µs");
        assertThat(text).contains("  start #17 at 3.000µs\n  end   #18 at 7.000µs\n");
        assertThat(text).contains("request chain (interrupt -> end: 6.00µs)");
        assertThat(text).containsSubsequence("interrupt 'nic-int'", "ISR 'nic-int' (#10) on isr-0, 300ns",
                "dpc_queue", "DPC 'nic-int' (#10) on cpu-0, 500ns", "enqueue 'rx-work' (#20) queued",
                "callback 'rx-work'", "+6.00µs", "callback end");
    }

    @Test
    void anEventOutsideSpansShowsItsLineAndAnOpenSpanSaysSo() {
        TraceModel m = TraceLoader.read(TestTraces.known(tmp.resolve("k")));
        assertThat(Details.describe(m, ROW_DELETE, -1)).isEqualTo("event #19 at 7.500µs on main (cpu -, PASSIVE)\n"
                + "  delete: 'rx-work' (#20) found idle");
        int open = m.lanes().ofThread(ISR0).spanId(1);
        assertThat(Details.describe(m, ROW_LAST_ISR, open)).contains("still running after").contains("not in the trace yet");
        assertThat(Details.describe(m, -1, -1)).startsWith("Click");
    }
}
