package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfObject;
import dev.wdfrr.runtime.wdf.WdfQueue;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** wdf-semantics.md, "Work-item create". */
@Timeout(30)
class WorkItemCreateTest {
    public static final class Ctx {
        int count;
        long value;
        Object ref;
    }

    @Test
    void nullCallbackIsAnInvalidParameterError() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            assertThatThrownBy(() -> rt.createWorkItem(WorkItemConfig.<Void>init(null), ObjectAttributes.parent(dev)))
                    .isInstanceOfSatisfying(WdfException.class, e -> assertThat(e.status()).isEqualTo(NtStatus.INVALID_PARAMETER))
                    .hasMessageContaining("no EvtWorkItem callback");
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    @Test
    void automaticSerializationDefaultsToTrue() {
        assertThat(WorkItemConfig.init(i -> { }).automaticSerialization()).isTrue();
    }

    @Test
    void missingParentIsParentNotSpecified() {
        var r = Scenarios.run(rt -> assertThatThrownBy(() -> rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.none()))
                .isInstanceOfSatisfying(WdfException.class, e -> assertThat(e.status()).isEqualTo(NtStatus.WDF_PARENT_NOT_SPECIFIED))
                .hasMessageContaining("parent not specified"));
        assertThat(r.result().passed()).isTrue();
    }

    @Test
    void parentWithoutDeviceAncestorIsAnInvalidDeviceRequest() {
        var r = Scenarios.run(rt -> {
            WdfObject orphan = rt.createObject(ObjectAttributes.parent(rt.driver()));
            assertThatThrownBy(() -> rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(orphan)))
                    .isInstanceOfSatisfying(WdfException.class, e -> assertThat(e.status()).isEqualTo(NtStatus.INVALID_DEVICE_REQUEST))
                    .hasMessageContaining("invalid device request");
            orphan.delete();
        });
        assertThat(r.result().passed()).isTrue();
    }

    @Test
    void anyParentWhoseChainLeadsToADeviceIsAccepted() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WdfQueue queue = dev.createQueue(QueueConfig.named("q"));
            WdfObject child = rt.createObject(ObjectAttributes.parent(queue));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(child));
            assertThat(w.parent()).isSameAs(child);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    @Test
    void contextIsTypedZeroInitialisedAndLivesWithTheObject() {
        List<Ctx> seen = new ArrayList<>();
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Ctx> w = rt.createWorkItem(WorkItemConfig.init(item -> seen.add(item.context())),
                    ObjectAttributes.parent(dev).context(Ctx.class));
            Ctx c = w.context();
            assertThat(c.count).isZero();
            assertThat(c.value).isZero();
            assertThat(c.ref).isNull();
            c.count = 7; // the usual pattern: fill the context, enqueue, the callback reads it
            w.enqueue();
            w.flush();
            w.delete();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).isTrue();
        assertThat(seen).singleElement().satisfies(c -> assertThat(c.count).isEqualTo(7));
    }

    @Test
    void cleanupAndDestroyRunAtPassiveCleanupFirst() {
        List<String> calls = new ArrayList<>();
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev)
                    .cleanup(o -> calls.add("cleanup@" + rt.currentIrql()))
                    .destroy(o -> calls.add("destroy@" + rt.currentIrql())));
            rt.raiseIrql(Irql.DISPATCH);
            w.delete(); // deferred to a passive worker
            rt.lowerIrql(Irql.PASSIVE);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).isTrue();
        assertThat(calls).containsExactly("cleanup@PASSIVE", "destroy@PASSIVE");
    }

    @Test
    void automaticSerializationUnderADispatchLevelScopeFailsWithIncompatibleExecutionLevel() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d").syncScope(SyncScope.DEVICE)); // level inherits: DISPATCH
            assertThatThrownBy(() -> rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev)))
                    .isInstanceOfSatisfying(WdfException.class,
                            e -> assertThat(e.status()).isEqualTo(NtStatus.WDF_INCOMPATIBLE_EXECUTION_LEVEL))
                    .hasMessageContaining("incompatible execution level");
            // Without the flag the same parent is fine.
            rt.createWorkItem(WorkItemConfig.init(i -> { }, false), ObjectAttributes.parent(dev));
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.INCOMPATIBLE_EXECUTION_LEVEL);
        assertThat(r.result().failure()).isEqualTo(FailureKind.VIOLATION);
    }

    @Test
    void withScopeNoneTheFlagHasNoEffect() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d")); // scope None, level Dispatch
            rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev));
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).isTrue();
        assertThat(r.of(EventType.WORKITEM_CREATE)).singleElement().satisfies(e -> assertThat(e.arg()).isZero());
    }

    @Test
    void createAboveDispatchIsAnIrqlViolation() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            rt.raiseIrql(Irql.DIRQL);
            assertThatThrownBy(() -> rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev)))
                    .isInstanceOf(WdfException.class);
            rt.lowerIrql(Irql.PASSIVE);
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
    }

    @Test
    void createIsAllowedAtDispatch() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            rt.raiseIrql(Irql.DISPATCH);
            rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev));
            rt.lowerIrql(Irql.PASSIVE);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }
}
