package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.mem.BooleanCell;
import dev.wdfrr.runtime.mem.LongCell;
import dev.wdfrr.runtime.mem.RefCell;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.SpinLock;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** docs/shared-state.md, "Object contexts": WdfObjectGetTypedContext and WdfObjectAllocateContext on every object. */
@Timeout(30)
class ContextTest {
    static final class DeviceContext {
        LongCell outstanding;
        BooleanCell stopping;
        RefCell<String> current;
        long plain = 3; // constructors still run: a context starts as its class makes it
    }

    static final class Extra {
        int n;
    }

    @Test
    void aDeviceContextFromItsAttributesHasZeroedCellsNamedAfterTheDevice_WdfObjectGetTypedContext() {
        var r = Scenarios.run(rt -> {
            WdfDevice d = rt.createDevice(DeviceConfig.named("nic0"), ObjectAttributes.parent(null).context(DeviceContext.class));
            DeviceContext ctx = d.context(DeviceContext.class);
            assertThat(ctx.outstanding.get()).isZero();
            assertThat(ctx.stopping.get()).isFalse();
            assertThat(ctx.current.get()).isNull();
            assertThat(ctx.plain).isEqualTo(3);
            assertThat(ctx.outstanding.name()).isEqualTo("nic0.outstanding");
            assertThat(d.context(Extra.class)).as("a type it does not have: null, as in the framework").isNull();
            rt.removeDevice(d);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        Event context = r.of(EventType.CONTEXT_CREATE).get(0);
        assertThat(r.text(context.related())).isEqualTo(DeviceContext.class.getName());
        assertThat(r.of(EventType.CELL_CREATE)).hasSize(3).allSatisfy(e -> assertThat(e.related()).isEqualTo(context.object()));
        assertThat(r.sink().nameOf(NameKind.OBJECT, r.of(EventType.CELL_CREATE).get(1).object())).isEqualTo("nic0.stopping");
    }

    @Test
    void anyObjectTakesAnotherContextOnceAndKeepsTheFirst_WdfObjectAllocateContext() {
        var r = Scenarios.run(rt -> {
            WdfDevice d = rt.createDevice(DeviceConfig.named("d"));
            SpinLock lock = rt.createSpinLock(d, "l");
            WdfObject general = rt.createObject(ObjectAttributes.parent(d).context(Extra.class));
            general.context(Extra.class).n = 4;
            assertThat(general.allocateContext(Extra.class).n).as("the existing one").isEqualTo(4);
            Extra e = lock.allocateContext(Extra.class);
            assertThat(lock.context(Extra.class)).isSameAs(e);
            assertThat(d.allocateContext(DeviceContext.class).outstanding.name()).isEqualTo("d.outstanding");
            rt.removeDevice(d);
            assertThatThrownBy(() -> lock.allocateContext(DeviceContext.class)).isInstanceOf(WdfException.class)
                    .hasMessageContaining("is deleted");
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    @Test
    void allocatingAContextAboveDispatchIsAnIrqlViolation() {
        var r = Scenarios.run(rt -> {
            WdfDevice d = rt.createDevice(DeviceConfig.named("d"));
            Irql old = rt.raiseIrql(Irql.DIRQL);
            assertThatThrownBy(() -> d.allocateContext(Extra.class)).isInstanceOf(WdfException.class);
            assertThat(d.context(Extra.class)).isNull(); // a lookup is fine at any IRQL
            rt.lowerIrql(old);
            rt.removeDevice(d);
        });
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
    }

    @Test
    void aDeviceAttributesParentIsRefused() {
        var r = Scenarios.run(rt -> {
            WdfDevice other = rt.createDevice(DeviceConfig.named("a"));
            assertThatThrownBy(() -> rt.createDevice(DeviceConfig.named("b"), ObjectAttributes.parent(other)))
                    .isInstanceOf(WdfException.class).hasMessageContaining("parent is the driver");
            rt.removeDevice(other);
        });
        assertThat(r.result().passed()).isTrue();
    }
}
