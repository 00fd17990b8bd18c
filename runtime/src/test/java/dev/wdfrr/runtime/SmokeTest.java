package dev.wdfrr.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class SmokeTest {
    @Test
    void enqueueFlushDelete() {
        int[] ran = {0};
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("dev"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(item -> ran[0]++), ObjectAttributes.parent(dev));
            w.enqueue();
            w.flush();
            w.delete();
            dev.delete();
        });
        System.out.println(r.types());
        assertThat(r.result().summary()).isEqualTo("passed");
        assertThat(ran[0]).isEqualTo(1);
    }
}
