package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.NameKind;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WorkItem;
import dev.wdfrr.runtime.wdf.WorkItemConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** wdf-semantics.md, "Enqueue". */
@Timeout(30)
class EnqueueTest {
    public static final class Request {
        long data;
    }

    @Test
    void coalescedEnqueueDoesNotQueueTwice() {
        List<Boolean> results = new ArrayList<>();
        int[] runs = {0};
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> runs[0]++), ObjectAttributes.parent(dev));
            results.add(w.enqueue());
            results.add(w.enqueue()); // still queued, not started: silently ignored
            w.flush();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).isTrue();
        assertThat(results).containsExactly(true, false);
        assertThat(runs[0]).isEqualTo(1);
        assertThat(r.of(EventType.ENQUEUE)).extracting(Event::arg).containsExactly(1L, 0L);
    }

    @Test
    void coalescedEnqueueOverwritesPerCallDataSoCallbacksMustDrain() {
        List<Long> seen = new ArrayList<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Request> w = rt.createWorkItem(WorkItemConfig.init(i -> seen.add(i.context().data)),
                    ObjectAttributes.parent(dev).context(Request.class));
            w.context().data = 1;
            w.enqueue();
            w.context().data = 2; // pitfall 4: the first request's data is lost
            w.enqueue();
            w.flush();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).isTrue();
        assertThat(seen).containsExactly(2L);
    }

    @Test
    void reEnqueueWhileRunningLetsTwoInstancesOverlap() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(item -> {
                if (item.instancesStarted() == 1) {
                    assertThat(item.enqueue()).isTrue(); // the queued flag was cleared before this callback
                }
                rt.work(10_000);
            }, false), ObjectAttributes.parent(dev));
            w.enqueue();
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<Event> callbacks = new ArrayList<>(r.of(EventType.CALLBACK_START));
        callbacks.addAll(r.of(EventType.CALLBACK_END));
        callbacks.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        // start#1, start#2, end, end: the second instance started before the first returned, on another worker
        assertThat(callbacks).extracting(Event::type).containsExactly(EventType.CALLBACK_START,
                EventType.CALLBACK_START, EventType.CALLBACK_END, EventType.CALLBACK_END);
        assertThat(callbacks.get(0).thread()).isNotEqualTo(callbacks.get(1).thread());
    }

    @Test
    void dequeueOrderIsFifoOverAllItems() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        var r = Scenarios.run(RunConfig.builder().workers(1).strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            List<WorkItem<Void>> items = new ArrayList<>();
            for (String n : List.of("c", "a", "d", "b")) {
                items.add(rt.createWorkItem(WorkItemConfig.init(i -> order.add(i.name())), ObjectAttributes.parent(dev).name(n)));
            }
            items.forEach(WorkItem::enqueue);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).isTrue();
        assertThat(order).containsExactly("c", "a", "d", "b");
    }

    @Test
    void callbacksRunAtPassiveOnSystemWorkers() {
        List<String> where = new ArrayList<>();
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> where.add(rt.currentIrql().name())),
                    ObjectAttributes.parent(dev));
            rt.raiseIrql(Irql.DISPATCH);
            w.enqueue(); // allowed at DISPATCH
            rt.lowerIrql(Irql.PASSIVE);
            w.flush();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).isTrue();
        assertThat(where).containsExactly("PASSIVE");
        Event start = r.of(EventType.CALLBACK_START).get(0);
        assertThat(r.sink().nameOf(NameKind.THREAD, start.thread())).startsWith("worker-");
    }

    @Test
    void enqueueAboveDispatchIsAnIrqlViolationAndNotCarriedOut() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev));
            rt.raiseIrql(Irql.DIRQL);
            assertThat(w.enqueue()).isFalse();
            rt.lowerIrql(Irql.PASSIVE);
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.KMDF_IRQL);
        assertThat(r.of(EventType.CALLBACK_START)).isEmpty();
    }

    // FxWorkItem::Enqueue checks m_Enqueued first (coalesced), then m_RunningDown (verifier break, not queued)
    @Test
    void enqueueOnceRundownHasBegunIsAViolationAndNotQueued_FxWorkItemEnqueue() {
        List<Boolean> results = new ArrayList<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main", "worker")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(item -> {
                rt.work(5_000);
                results.add(item.enqueue()); // the delete on main already waits for this instance: running down
            }), ObjectAttributes.parent(dev).name("late"));
            w.enqueue();
            rt.work(1_000); // the callback runs
            w.delete();     // waits for it, with m_RunningDown set
            rt.removeDevice(dev);
        });
        assertThat(results).containsExactly(false);
        assertThat(r.violations()).containsExactly(Rule.USE_AFTER_DELETE);
        assertThat(r.result().message()).contains("WdfWorkItemEnqueue on work item 'late'", "after its rundown began",
                "m_RunningDown", "state: running down, 1 instance running");
        assertThat(r.of(EventType.CALLBACK_START)).hasSize(1);
    }

    // FxObject::ShouldDeferDisposeLocked defers the dispose; m_RunningDown is set only when FxWorkItem::Dispose runs
    @Test
    void anEnqueueBetweenADispatchLevelDeleteAndItsDeferredDisposeIsAccepted_FxWorkItemDispose() {
        List<Boolean> results = new ArrayList<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Prefer("main")), rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> rt.work(5_000)), ObjectAttributes.parent(dev).name("late"));
            rt.raiseIrql(Irql.DISPATCH);
            w.delete();                 // deferred to the dispose list: not running down yet
            results.add(w.enqueue());   // accepted: the deferred dispose waits for it
            rt.lowerIrql(Irql.PASSIVE);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(results).containsExactly(true);
        assertThat(r.of(EventType.CALLBACK_START)).hasSize(1);
        List<EventType> order = r.types().stream().filter(t -> t == EventType.CALLBACK_END || t == EventType.CLEANUP
                || t == EventType.DESTROY).toList();
        assertThat(order.subList(0, 3)).containsExactly(EventType.CALLBACK_END, EventType.CLEANUP, EventType.DESTROY);
    }

    @Test
    void enqueueOnAFreedHandleIsABugCheckNeverSilentSuccess() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = rt.createDevice(DeviceConfig.named("d"));
            WorkItem<Void> w = rt.createWorkItem(WorkItemConfig.init(i -> { }), ObjectAttributes.parent(dev).name("freed"));
            w.delete(); // idle: freed at once
            assertThatThrownBy(w::enqueue).isInstanceOf(BugCheckException.class).hasMessageContaining("freed handle");
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.USE_AFTER_DELETE);
        assertThat(r.result().message()).contains("after it was destroyed (freed)");
    }
}
