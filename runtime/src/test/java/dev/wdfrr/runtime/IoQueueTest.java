package dev.wdfrr.runtime;

import dev.wdfrr.runtime.event.CallbackKind;
import dev.wdfrr.runtime.event.Event;
import dev.wdfrr.runtime.event.EventType;
import dev.wdfrr.runtime.event.LockKind;
import dev.wdfrr.runtime.hw.PnpAction;
import dev.wdfrr.runtime.hw.PnpArrival;
import dev.wdfrr.runtime.hw.Requester;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.QueueState;
import dev.wdfrr.runtime.wdf.RequestType;
import dev.wdfrr.runtime.wdf.Retrieved;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.TimerConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfQueue;
import dev.wdfrr.runtime.wdf.WdfRequest;
import dev.wdfrr.runtime.wdf.WdfTimer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.wdfrr.runtime.Io.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** io-queues-and-requests.md, [Q1]-[Q26]: one test per rule, named after the framework function it follows. */
@Timeout(30)
class IoQueueTest {
    static QueueConfig completingParallel(String name) {
        return QueueConfig.parallel(name).onDefault((q, r) -> r.complete(NtStatus.SUCCESS.code()));
    }

    // [Q1] FxPkgIo::DispatchStep1: no queue for the type
    @Test
    void requestOfAnUnroutedTypeIsCompletedInvalidDeviceRequest_FxPkgIoDispatchStep1() {
        AtomicReference<WdfRequest> write = new AtomicReference<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue reads = dev.createQueue(QueueConfig.parallel("reads").onRead((q, x, n) -> x.complete(0)));
            dev.configureRequestDispatching(reads, RequestType.READ);
            Requester app = rt.openRequester(dev, "app");
            write.set(app.write(16));
            assertThat(write.get().isCompleted()).isTrue();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(Io.completedStatus(r, write.get())).isEqualTo(NtStatus.INVALID_DEVICE_REQUEST.code());
        assertThat(r.of(EventType.REQUEST_CREATE)).singleElement().satisfies(e -> assertThat(e.related()).isZero());
        assertThat(r.of(EventType.REQUEST_DISPATCH)).isEmpty();
    }

    // [Q1] FxPkgIo::DispatchStep1: the configured queue, else the default
    @Test
    void configuredDispatchingRoutesByType_FxPkgIoDispatchStep1() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            dev.createQueue(QueueConfig.parallel("default").defaultQueue().onDefault((q, x) -> {
                seen.add(q.name() + " " + x.type());
                x.complete(0);
            }));
            WdfQueue writes = dev.createQueue(QueueConfig.parallel("writes").onWrite((q, x, n) -> {
                seen.add(q.name() + " " + x.type());
                x.complete(0);
            }));
            dev.configureRequestDispatching(writes, RequestType.WRITE);
            Requester app = rt.openRequester(dev, "app");
            app.write(8);
            app.read(8);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly("writes WRITE", "default READ");
    }

    // [Q2] FxIoQueue::QueueRequest → DispatchEvents on the arriving thread
    @Test
    void arrivalRunsEvtIoReadOnTheRequesterThread_FxIoQueueQueueRequest() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(rt -> {
            WdfDevice dev = Io.device(rt);
            dev.createQueue(QueueConfig.sequential("q").defaultQueue().onRead((q, x, n) -> {
                seen.add("EvtIoRead " + n + " at " + rt.currentIrql());
                x.complete(0, n);
            }));
            rt.startThread("app", () -> {
                Requester app = rt.openRequester(dev, "app");
                WdfRequest req = app.read(64);
                seen.add("read returned, completed=" + req.isCompleted());
            });
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly("EvtIoRead 64 at PASSIVE", "read returned, completed=true");
        assertThat(Io.thread(r, r.of(EventType.REQUEST_DISPATCH).get(0))).isEqualTo("app");
    }

    // [Q3] FxIoQueue::Initialize, ConfigureConstraints; WdfIoQueueCreate
    @Test
    void manualQueueWithCallbacksIsInvalidParameter_FxIoQueueInitialize() {
        createFails(QueueConfig.manual("m").onRead((q, x, n) -> { }), NtStatus.INVALID_PARAMETER);
    }

    @Test
    void queueWithoutCallbacksIsNoCallback_FxIoQueueInitialize() {
        createFails(QueueConfig.sequential("s"), NtStatus.WDF_NO_CALLBACK);
    }

    @Test
    void presentedLimitOnSequentialIsInvalid_FxIoQueueInitialize() {
        createFails(QueueConfig.sequential("s").onDefault((q, x) -> { }).presentedLimit(2), NtStatus.INVALID_PARAMETER);
    }

    @Test
    void deviceScopeWithOtherLevelIsInvalid_FxIoQueueConfigureConstraints() {
        createFails(QueueConfig.parallel("p").onDefault((q, x) -> { }).syncScope(SyncScope.DEVICE)
                .executionLevel(ExecutionLevel.PASSIVE), NtStatus.INVALID_PARAMETER);
    }

    @Test
    void defaultQueueAfterStartIsInvalidDeviceState_WdfIoQueueCreate() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            dev.schedulePnp();
            rt.awaitQuiescent(); // started
            assertThatThrownBy(() -> dev.createQueue(completingParallel("late").defaultQueue()))
                    .isInstanceOfSatisfying(WdfException.class, e -> assertThat(e.status()).isEqualTo(NtStatus.INVALID_DEVICE_STATE));
            dev.createQueue(completingParallel("late-but-not-default")); // fine
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    private static void createFails(QueueConfig config, NtStatus status) {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = Io.device(rt);
            assertThatThrownBy(() -> dev.createQueue(config))
                    .isInstanceOfSatisfying(WdfException.class, e -> assertThat(e.status()).isEqualTo(status));
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    // [Q4] ConfigureConstraints: Passive → a mutex lock, callbacks at PASSIVE (deferred to a work item from DISPATCH)
    @Test
    void passiveQueueCallbacksRunAtPassiveUnderMutex_ConfigureConstraints() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            dev.createQueue(QueueConfig.parallel("p").defaultQueue().syncScope(SyncScope.QUEUE)
                    .executionLevel(ExecutionLevel.PASSIVE).onRead((q, x, n) -> {
                        seen.add(rt.currentIrql() + " " + Thread.currentThread().getName());
                        x.complete(0);
                    }));
            Requester app = rt.openRequester(dev, "app");
            rt.raiseIrql(Irql.DISPATCH);
            app.read(4); // entered at DISPATCH: handed to the queue's work item
            rt.lowerIrql(Irql.PASSIVE);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).singleElement().satisfies(s -> assertThat(s).startsWith("PASSIVE wdfrr-worker-"));
        assertThat(Io.where(r, EventType.LOCK_ACQUIRE, e -> e.arg() == LockKind.CALLBACK.id())).hasSize(1);
    }

    // [Q4] ConfigureConstraints: Dispatch with scope Queue → a spin lock, held at DISPATCH
    @Test
    void dispatchQueueScopeQueueCallbacksRunAtDispatch_ConfigureConstraints() {
        List<Irql> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            dev.createQueue(QueueConfig.parallel("p").defaultQueue().syncScope(SyncScope.QUEUE).onRead((q, x, n) -> {
                seen.add(rt.currentIrql());
                x.complete(0);
            }));
            rt.openRequester(dev, "app").read(4);
            seen.add(rt.currentIrql());
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly(Irql.DISPATCH, Irql.PASSIVE);
    }

    // [Q5] ConfigureConstraints: m_IdleComplete gets no lock; m_PurgeComplete does
    @Test
    void stopCompletionIsNotSerializedButPurgeCompletionIs_ConfigureConstraints() {
        List<Irql> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue q = dev.createQueue(completingParallel("p").syncScope(SyncScope.QUEUE));
            q.stop(x -> seen.add(rt.currentIrql()));
            q.purge(x -> seen.add(rt.currentIrql()));
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly(Irql.PASSIVE, Irql.DISPATCH);
        assertThat(Io.where(r, EventType.LOCK_ACQUIRE, e -> e.arg() == LockKind.CALLBACK.id())).hasSize(1);
    }

    // [Q6] FxIoQueue::DispatchRequestToDriver: EvtIoDefault when the type has no callback
    @Test
    void readWithoutEvtIoReadGoesToEvtIoDefault_DispatchRequestToDriver() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            dev.createQueue(QueueConfig.parallel("p").defaultQueue().onWrite((q, x, n) -> x.complete(0))
                    .onDefault((q, x) -> x.complete(0)));
            rt.openRequester(dev, "app").read(4);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(Io.starts(r, CallbackKind.EVT_IO_DEFAULT)).hasSize(1);
    }

    // [Q6] FxIoQueue::DispatchRequestToDriver: no callback at all
    @Test
    void noHandlerCompletesInvalidDeviceRequest_DispatchRequestToDriver() {
        AtomicReference<WdfRequest> read = new AtomicReference<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            dev.createQueue(QueueConfig.parallel("p").defaultQueue().onWrite((q, x, n) -> x.complete(0)));
            read.set(rt.openRequester(dev, "app").read(4));
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(Io.completedStatus(r, read.get())).isEqualTo(NtStatus.INVALID_DEVICE_REQUEST.code());
        assertThat(r.of(EventType.REQUEST_DISPATCH)).isEmpty();
    }

    // [Q7] DispatchRequestToDriver: zero-length reads are completed by the framework unless allowed
    @Test
    void zeroLengthReadIsCompletedSuccessUnlessAllowed_DispatchRequestToDriver() {
        List<Long> delivered = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue strict = dev.createQueue(QueueConfig.parallel("strict").onRead((q, x, n) -> {
                delivered.add(n);
                x.complete(0);
            }));
            WdfQueue lax = dev.createQueue(QueueConfig.parallel("lax").allowZeroLengthRequests(true).onWrite((q, x, n) -> {
                delivered.add(-1 - n);
                x.complete(0);
            }));
            dev.configureRequestDispatching(strict, RequestType.READ);
            dev.configureRequestDispatching(lax, RequestType.WRITE);
            Requester app = rt.openRequester(dev, "app");
            WdfRequest zero = app.read(0);
            assertThat(zero.completionStatus()).isEqualTo(NtStatus.SUCCESS.code());
            app.write(0);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(delivered).containsExactly(-1L);
    }

    // [Q7] FxIoQueue::GetRequest: a zero-length request is completed and the next one retrieved
    @Test
    void zeroLengthRetrievedIsSkipped_FxIoQueueGetRequest() {
        AtomicReference<Retrieved> got = new AtomicReference<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue m = dev.createQueue(QueueConfig.manual("m").defaultQueue());
            Requester app = rt.openRequester(dev, "app");
            WdfRequest zero = app.read(0);
            app.read(9);
            got.set(m.retrieveNextRequest());
            assertThat(zero.isCompleted()).isTrue();
            got.get().request().complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(got.get().ok()).isTrue();
        assertThat(got.get().request().length()).isEqualTo(9);
    }

    // [Q8] DispatchEvents: a waiting request before a new arrival
    @Test
    void waitingRequestIsDeliveredBeforeNewArrival_DispatchEvents() {
        List<Long> order = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            dev.createQueue(QueueConfig.sequential("s").defaultQueue().onRead((q, x, n) -> {
                order.add(n);
                held.add(x);
            }));
            Requester app = rt.openRequester(dev, "app");
            app.read(1);
            app.read(2); // waits: the sequential queue is busy
            app.read(3);
            held.get(0).complete(0);
            held.get(1).complete(0);
            held.get(2).complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(order).containsExactly(1L, 2L, 3L);
    }

    // [Q9] RequestCompletedCallback → DispatchInternalEvents: the completing thread delivers the next
    @Test
    void sequentialNextRequestRunsOnTheCompletingThread_RequestCompletedCallback() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            dev.createQueue(QueueConfig.sequential("s").defaultQueue().onRead((q, x, n) -> held.add(x)));
            WdfTimer completer = rt.createTimer(TimerConfig.oneShot(t -> held.remove(0).complete(0)).highResolution(true)
                    .automaticSerialization(false), ObjectAttributes.parent(dev));
            Requester app = rt.openRequester(dev, "app");
            app.read(1);
            app.read(2);
            completer.start(MS);
            rt.awaitQuiescent();
            held.remove(0).complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<Event> dispatches = r.of(EventType.REQUEST_DISPATCH);
        assertThat(Io.thread(r, dispatches.get(0))).isEqualTo("main");
        assertThat(Io.thread(r, dispatches.get(1))).startsWith("cpu-"); // in the timer's DPC that completed the first
    }

    // [Q9] DispatchEvents: m_Dispatching counts threads; a parallel queue's callbacks overlap
    @Test
    void parallelCallbacksOverlapWithoutScope_DispatchEvents() {
        var r = Scenarios.run(rt -> {
            WdfDevice dev = Io.device(rt);
            dev.createQueue(QueueConfig.parallel("p").defaultQueue().onRead((q, x, n) -> {
                rt.work(MS);
                x.complete(0);
            }));
            for (int i = 0; i < 2; i++) {
                rt.startThread("app-" + i, () -> rt.openRequester(dev, "h").read(1));
            }
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<Event> starts = r.of(EventType.REQUEST_DISPATCH);
        List<Event> ends = r.of(EventType.EVT_CALLBACK_END);
        assertThat(starts).hasSize(2);
        assertThat(starts.get(1).seq()).isLessThan(ends.get(0).seq());
    }

    // [Q10] CanThreadDispatchEventsLocked: the thread owns the queue's callback lock → the queue's DPC
    @Test
    void completionUnderCallbackLockDefersToQueueDpc_CanThreadDispatchEventsLocked() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            WdfQueue s = dev.createQueue(QueueConfig.sequential("s").defaultQueue().syncScope(SyncScope.QUEUE)
                    .onRead((q, x, n) -> held.add(x)));
            WdfTimer completer = rt.createTimer(TimerConfig.oneShot(t -> held.remove(0).complete(0)).highResolution(true),
                    ObjectAttributes.parent(s)); // serialized with the queue: it holds the queue's lock
            Requester app = rt.openRequester(dev, "app");
            app.read(1);
            app.read(2);
            completer.start(MS);
            rt.awaitQuiescent();
            held.remove(0).complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        int queueId = r.of(EventType.REQUEST_DISPATCH).get(0).related();
        assertThat(Io.where(r, EventType.DPC_QUEUE, e -> e.object() == queueId)).hasSize(1);
        assertThat(Io.where(r, EventType.DPC_START, e -> e.object() == queueId)).hasSize(1);
        int second = Io.indexOf(r, EventType.REQUEST_DISPATCH, r.of(EventType.REQUEST_DISPATCH).get(1).object());
        assertThat(second).isGreaterThan(Io.indexOf(r, EventType.DPC_START, queueId));
    }

    // [Q10] CanThreadDispatchEventsLocked: a passive queue entered above PASSIVE → its work item
    @Test
    void passiveQueueEnteredAtDispatchDefersToWorkItem_CanThreadDispatchEventsLocked() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            dev.createQueue(QueueConfig.parallel("p").defaultQueue().executionLevel(ExecutionLevel.PASSIVE)
                    .onRead((q, x, n) -> x.complete(0)));
            Requester app = rt.openRequester(dev, "app");
            rt.raiseIrql(Irql.DISPATCH);
            WdfRequest req = app.read(4);
            assertThat(req.isCompleted()).isFalse(); // not delivered on this thread
            rt.lowerIrql(Irql.PASSIVE);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(Io.thread(r, r.of(EventType.REQUEST_DISPATCH).get(0))).startsWith("worker-");
        assertThat(r.of(EventType.WORKITEM_CREATE)).hasSize(1);
    }

    // [Q11] DispatchEvents: completion inside the callback does not recurse; the loop goes on after it returns
    @Test
    void completingInsideEvtIoReadDeliversNextAfterReturn_DispatchEvents() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue s = dev.createQueue(QueueConfig.sequential("s").defaultQueue().onRead((q, x, n) -> x.complete(0)));
            s.stop(null);
            Requester app = rt.openRequester(dev, "app");
            app.read(1);
            app.read(2);
            s.start(); // main runs the loop: both, one after the other
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        List<EventType> types = r.types();
        int firstEnd = types.indexOf(EventType.EVT_CALLBACK_END);
        int secondDispatch = types.lastIndexOf(EventType.REQUEST_DISPATCH);
        assertThat(types.indexOf(EventType.REQUEST_COMPLETE)).isLessThan(firstEnd);
        assertThat(secondDispatch).isGreaterThan(firstEnd);
        assertThat(r.of(EventType.REQUEST_DISPATCH)).allSatisfy(e -> assertThat(Io.thread(r, e)).isEqualTo("main"));
    }

    // [Q12] ForwardRequestWorker: after a forward the driver no longer owns it
    @Test
    void forwardedRequestIsNoLongerOwned_ForwardRequestWorker() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue pending = dev.createQueue(QueueConfig.manual("pending"));
            dev.createQueue(QueueConfig.parallel("p").defaultQueue().onRead((q, x, n) -> {
                assertThat(x.forwardToQueue(pending)).isEqualTo(NtStatus.SUCCESS.code());
                x.complete(0); // not the driver's any more
            }));
            rt.openRequester(dev, "app").read(4);
            pending.retrieveNextRequest().request().complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.REQUEST_NOT_OWNED);
        assertThat(r.result().message()).contains("not owned by the driver", "waiting in queue 'pending'");
    }

    // [Q13] FxIoQueue::GetRequest
    @Test
    void retrieveOnParallelIsInvalidDeviceState_FxIoQueueGetRequest() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue p = dev.createQueue(completingParallel("p"));
            assertThat(p.retrieveNextRequest().status()).isEqualTo(NtStatus.INVALID_DEVICE_STATE.code());
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    @Test
    void retrieveFromStoppedOrPoweredOffIsPaused_FxIoQueueGetRequest() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue m = dev.createQueue(QueueConfig.manual("m").defaultQueue());
            WdfQueue off = dev.createQueue(QueueConfig.manual("off"));
            dev.schedulePnp(); // not started yet: the power-managed queues are off
            assertThat(off.retrieveNextRequest().status()).isEqualTo(NtStatus.WDF_PAUSED.code());
            rt.awaitQuiescent();
            assertThat(m.retrieveNextRequest().status()).isEqualTo(NtStatus.NO_MORE_ENTRIES.code());
            m.stop(null);
            rt.openRequester(dev, "app").read(1);
            assertThat(m.retrieveNextRequest().status()).isEqualTo(NtStatus.WDF_PAUSED.code());
            m.start();
            m.retrieveNextRequest().request().complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    @Test
    void retrieveOnSequentialWithoutOwnedBreaksAndProceeds_VerifyGetRequestUpdateFlags() {
        AtomicReference<Retrieved> second = new AtomicReference<>();
        AtomicReference<Retrieved> none = new AtomicReference<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            WdfQueue s = dev.createQueue(QueueConfig.sequential("s").defaultQueue().onRead((q, x, n) -> held.add(x)));
            Requester app = rt.openRequester(dev, "app");
            app.read(1); // owned by the driver
            app.read(2); // waits
            second.set(s.retrieveNextRequest()); // allowed: the driver owns one of the queue's requests
            held.get(0).complete(0);
            second.get().request().complete(0);
            none.set(s.retrieveNextRequest()); // owns none: a race with the automatic dispatch, reported, proceeds
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.RETRIEVE_WITHOUT_OWNED);
        assertThat(second.get().ok()).isTrue();
        assertThat(none.get().status()).isEqualTo(NtStatus.NO_MORE_ENTRIES.code());
    }

    // [Q14] FxIoQueue::GetRequest: m_ForceTransitionFromEmptyWhenAddingNewRequest
    @Test
    void emptyRetrieveDuringCancelForcesNextReadyNotify_FxIoQueueGetRequest() {
        AtomicInteger notifications = new AtomicInteger();
        AtomicReference<Retrieved> empty = new AtomicReference<>();
        var r = Scenarios.run(RunConfig.builder().strategy(new Io.Interleave("canceller", EventType.REQUEST_CANCEL, 1, "main")),
                rt -> {
                    WdfDevice dev = Io.device(rt);
                    WdfQueue m = dev.createQueue(QueueConfig.manual("m").defaultQueue());
                    m.readyNotify(q -> notifications.incrementAndGet());
                    Requester app = rt.openRequester(dev, "app");
                    WdfRequest first = app.read(1); // notification 1: empty → non-empty
                    rt.startThread("canceller", () -> app.cancel(first));
                    empty.set(m.retrieveNextRequest()); // the cancel took it off the list, its second half has not run
                    app.read(2); // count 1 → 2, yet notification 2 is forced
                    rt.awaitQuiescent();
                    m.retrieveNextRequest().request().complete(0);
                    rt.removeDevice(dev);
                });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(empty.get().status()).isEqualTo(NtStatus.NO_MORE_ENTRIES.code());
        assertThat(notifications.get()).isEqualTo(2);
        assertThat(Io.where(r, EventType.QUEUE_IDLE, e -> e.arg() == 5)).hasSize(1);
    }

    // [Q15] FxIoQueue::PeekRequest, GetRequest by tag
    @Test
    void findRequestKeepsItQueuedAndNotFoundAfterItLeft_FxIoQueuePeekRequest() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue m = dev.createQueue(QueueConfig.manual("m").defaultQueue());
            Requester app = rt.openRequester(dev, "app");
            WdfRequest a = app.read(1);
            WdfRequest b = app.read(2);
            Retrieved found = m.findRequest(null);
            assertThat(found.request()).isSameAs(a);
            assertThat(m.state().waiting()).isEqualTo(2); // still queued
            assertThat(m.findRequest(a).request()).isSameAs(b);
            assertThat(m.findRequest(b).status()).isEqualTo(NtStatus.NO_MORE_ENTRIES.code());
            app.cancel(a); // gone by a cancel
            assertThat(m.findRequest(a).status()).isEqualTo(NtStatus.NOT_FOUND.code());
            assertThat(m.retrieveFoundRequest(a).status()).isEqualTo(NtStatus.NOT_FOUND.code());
            a.dereference();
            Retrieved got = m.retrieveFoundRequest(b);
            assertThat(got.ok()).isTrue();
            got.request().complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(r.violations()).isEmpty();
    }

    // [Q16] ProcessReadyNotify: empty → non-empty, and on start with requests waiting
    @Test
    void readyNotifyOnEmptyToNonEmptyAndOnStart_ProcessReadyNotify() {
        AtomicInteger notifications = new AtomicInteger();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue m = dev.createQueue(QueueConfig.manual("m").defaultQueue());
            m.readyNotify(q -> notifications.incrementAndGet());
            Requester app = rt.openRequester(dev, "app");
            app.read(1);
            app.read(2); // not empty before: no notification
            assertThat(notifications.get()).isEqualTo(1);
            m.stop(null);
            m.start(); // requests waiting: notified again
            assertThat(notifications.get()).isEqualTo(2);
            m.retrieveNextRequest().request().complete(0);
            m.retrieveNextRequest().request().complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(Io.starts(r, CallbackKind.QUEUE_READY)).hasSize(2);
    }

    // [Q17] FxIoQueue::QueueIdle: still accepting; the callback once nothing is owned
    @Test
    void stopKeepsAcceptingAndCompletesWhenNothingOwned_QueueIdle() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            WdfQueue s = dev.createQueue(QueueConfig.sequential("s").defaultQueue().onRead((q, x, n) -> held.add(x)));
            Requester app = rt.openRequester(dev, "app");
            app.read(1);
            s.stop(q -> seen.add("stopped"));
            WdfRequest waiting = app.read(2);
            assertThat(waiting.isCompleted()).isFalse(); // accepted, waits
            assertThat(seen).isEmpty();
            held.get(0).complete(0);
            assertThat(seen).containsExactly("stopped"); // waiting requests do not delay it
            s.start();
            held.get(1).complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    // [Q18] FxIoQueue::QueueDrain = QueuePurge(FALSE, FALSE)
    @Test
    void drainRefusesNewAndDeliversWaiting_QueueDrain() {
        List<String> seen = new ArrayList<>();
        AtomicReference<WdfRequest> refused = new AtomicReference<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            WdfQueue s = dev.createQueue(QueueConfig.sequential("s").defaultQueue().onRead((q, x, n) -> held.add(x)));
            Requester app = rt.openRequester(dev, "app");
            app.read(1);
            app.read(2);
            s.drain(q -> seen.add("drained"));
            refused.set(app.read(3));
            held.remove(0).complete(0); // the waiting one is delivered
            assertThat(held).hasSize(1);
            held.remove(0).complete(0);
            assertThat(seen).containsExactly("drained");
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(Io.completedStatus(r, refused.get())).isEqualTo(NtStatus.INVALID_DEVICE_STATE.code());
        assertThat(Io.starts(r, CallbackKind.QUEUE_DRAINED)).hasSize(1);
    }

    // [Q19] FxIoQueue::QueuePurge: waiting cancelled, cancelable owned cancelled, the rest waited for
    @Test
    void purgeCancelsWaitingAndCancelableOwned_QueuePurge() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            WdfQueue p = dev.createQueue(QueueConfig.parallel("p").defaultQueue().presentedLimit(2).onRead((q, x, n) -> {
                held.add(x);
                if (n == 1) {
                    x.markCancelable(c -> {
                        seen.add("cancel routine");
                        c.complete(NtStatus.CANCELLED.code());
                    });
                }
            }));
            Requester app = rt.openRequester(dev, "app");
            app.read(1); // owned, cancelable
            app.read(2); // owned, not cancelable
            WdfRequest waiting = app.read(3);
            p.purge(q -> seen.add("purged"));
            assertThat(waiting.completionStatus()).isEqualTo(NtStatus.CANCELLED.code());
            assertThat(seen).containsExactly("cancel routine");
            held.get(1).complete(0);
            assertThat(seen).containsExactly("cancel routine", "purged");
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    // [Q19] FxIoQueue::QueueIdle(CancelRequests): only those waiting at the call
    @Test
    void stopAndPurgeCancelsOnlyThoseWaitingAtTheCall_QueueIdle() {
        AtomicReference<WdfRequest> before = new AtomicReference<>();
        AtomicReference<WdfRequest> after = new AtomicReference<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue m = dev.createQueue(QueueConfig.manual("m").defaultQueue());
            Requester app = rt.openRequester(dev, "app");
            before.set(app.read(1));
            m.stopAndPurge(null);
            after.set(app.read(2)); // still accepted
            assertThat(after.get().isCompleted()).isFalse();
            m.start();
            m.retrieveNextRequest().request().complete(0);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(Io.completedStatus(r, before.get())).isEqualTo(NtStatus.CANCELLED.code());
        assertThat(Io.completedStatus(r, after.get())).isEqualTo(NtStatus.SUCCESS.code());
    }

    // [Q20] FxIoQueue::Requeue with m_CancelDispatchedRequests
    @Test
    void requeueDuringPurgeIsCancelledInstead_FxIoQueueRequeue() {
        AtomicReference<WdfRequest> req = new AtomicReference<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue m = dev.createQueue(QueueConfig.manual("m").defaultQueue());
            req.set(rt.openRequester(dev, "app").read(1));
            WdfRequest got = m.retrieveNextRequest().request();
            m.purge(null);
            assertThat(got.requeue()).isEqualTo(NtStatus.SUCCESS.code());
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(Io.completedStatus(r, req.get())).isEqualTo(NtStatus.CANCELLED.code());
        assertThat(r.of(EventType.REQUEST_REQUEUE)).singleElement().satisfies(e -> assertThat(e.arg()).isEqualTo(2));
    }

    // [Q20] FxIoQueue::RequestCancelable with m_CancelDispatchedRequests
    @Test
    void markCancelableDuringPurgeRunsCancelRoutine_RequestCancelable() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue m = dev.createQueue(QueueConfig.manual("m").defaultQueue());
            rt.openRequester(dev, "app").read(1);
            WdfRequest got = m.retrieveNextRequest().request();
            m.purge(null);
            got.markCancelable(c -> {
                seen.add("cancel routine");
                c.complete(NtStatus.CANCELLED.code());
            });
            assertThat(seen).containsExactly("cancel routine"); // before the call returned
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    // [Q21] FxIoQueue::QueueRequest: a queue that does not accept
    @Test
    void requestToNonAcceptingQueueIsInvalidDeviceState_FxIoQueueQueueRequest() {
        AtomicReference<WdfRequest> req = new AtomicReference<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue p = dev.createQueue(completingParallel("p").defaultQueue());
            p.purge(null);
            req.set(rt.openRequester(dev, "app").read(1));
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(Io.completedStatus(r, req.get())).isEqualTo(NtStatus.INVALID_DEVICE_STATE.code());
    }

    // [Q22] FxIoQueue::CancelForQueue: completed, or given to EvtIoCanceledOnQueue when it was presented before
    @Test
    void cancelledWaitingRequestIsCompletedCancelledOrGivenToCanceledOnQueue_CancelForQueue() {
        List<String> seen = new ArrayList<>();
        AtomicReference<WdfRequest> fresh = new AtomicReference<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue m = dev.createQueue(QueueConfig.manual("m").defaultQueue().onCanceledOnQueue((q, x) -> {
                seen.add("canceled on queue " + x.length());
                x.complete(NtStatus.CANCELLED.code());
            }));
            Requester app = rt.openRequester(dev, "app");
            WdfRequest presented = app.read(1);
            m.retrieveNextRequest().request().requeue(); // presented before: back in the queue
            fresh.set(app.read(2));
            app.cancel(presented);
            app.cancel(fresh.get());
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).containsExactly("canceled on queue 1");
        assertThat(Io.completedStatus(r, fresh.get())).isEqualTo(NtStatus.CANCELLED.code());
    }

    // [Q23] FxIoQueue::FatalError: a second pending stop-type completion
    @Test
    void secondPendingStopCallbackIsQueueFatalError_FxIoQueueFatalError() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            WdfQueue p = dev.createQueue(QueueConfig.parallel("p").defaultQueue().onRead((q, x, n) -> held.add(x)));
            rt.openRequester(dev, "app").read(1);
            p.stop(q -> { });
            p.stop(q -> { }); // the first is still pending: bug check
        });
        assertThat(r.violations()).startsWith(Rule.QUEUE_FATAL_ERROR);
        assertThat(r.result().failure()).isEqualTo(FailureKind.EXCEPTION);
        assertThat(r.result().message()).contains("0x10D", "WDF_QUEUE_FATAL_ERROR");
    }

    // [Q23] FxIoQueue::FatalError: a purge of a queue whose disposal finished
    @Test
    void purgeOfDisposedQueueIsQueueFatalError_FxIoQueueFatalError() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue p = dev.createQueue(completingParallel("p"));
            p.delete();
            p.purge(null);
        });
        assertThat(r.violations()).containsExactly(Rule.QUEUE_FATAL_ERROR);
        assertThat(r.result().message()).contains("disposal has finished");
    }

    // [Q24] QueueIdleSynchronously: waits (no timeout) for the owned requests
    @Test
    void stopSynchronouslyWaitsForOwnedRequests_QueueIdleSynchronously() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            WdfQueue p = dev.createQueue(QueueConfig.parallel("p").defaultQueue().onRead((q, x, n) -> held.add(x)));
            WdfTimer completer = rt.createTimer(TimerConfig.oneShot(t -> held.get(0).complete(0)).highResolution(true),
                    ObjectAttributes.parent(dev));
            rt.openRequester(dev, "app").read(1);
            completer.start(3 * MS);
            p.stopSynchronously();
            assertThat(rt.clock()).isEqualTo(3 * MS);
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
    }

    // [Q24] QueuePurgeSynchronously from an EvtIo callback: reported, and the hang is a deadlock
    @Test
    void purgeSynchronouslyInEvtIoReadIsReportedAndHangsAsDeadlock_QueuePurgeSynchronously() {
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            dev.createQueue(QueueConfig.parallel("p").defaultQueue().executionLevel(ExecutionLevel.PASSIVE)
                    .onRead((q, x, n) -> q.purgeSynchronously())); // waits for x, which only it can complete
            rt.openRequester(dev, "app").read(1);
            rt.removeDevice(dev);
        });
        assertThat(r.violations()).containsExactly(Rule.SYNC_QUEUE_CALL_IN_IO_CALLBACK, Rule.REQUEST_PENDING_AT_PURGE);
        assertThat(r.result().failure()).isEqualTo(FailureKind.DEADLOCK);
    }

    // [Q25] ProcessPurgeComplete: on whatever thread observes the completion point
    @Test
    void purgeCompletionRunsOnTheLastCompletingThread_ProcessPurgeComplete() {
        List<String> seen = new ArrayList<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            List<WdfRequest> held = new ArrayList<>();
            WdfQueue p = dev.createQueue(QueueConfig.parallel("p").defaultQueue().onRead((q, x, n) -> held.add(x)));
            WdfTimer completer = rt.createTimer(TimerConfig.oneShot(t -> held.get(0).complete(0)).highResolution(true)
                    .automaticSerialization(false), ObjectAttributes.parent(dev));
            rt.openRequester(dev, "app").read(1);
            p.purge(q -> seen.add(rt.currentIrql() + " " + Thread.currentThread().getName()));
            completer.start(MS);
            rt.awaitQuiescent();
            rt.removeDevice(dev);
        });
        assertThat(r.result().passed()).as(r.result().summary()).isTrue();
        assertThat(seen).singleElement().satisfies(s -> assertThat(s).startsWith("DISPATCH wdfrr-cpu-"));
    }

    // [Q26] FxIoQueue::SetState: the accept bit is ignored while shut down
    @Test
    void startAfterFrameworkPurgeDoesNotReopenAccepting_SetState() {
        AtomicReference<QueueState> state = new AtomicReference<>();
        var r = Scenarios.run(Io.mainFirst(), rt -> {
            WdfDevice dev = Io.device(rt);
            WdfQueue p = dev.createQueue(completingParallel("p").defaultQueue());
            dev.schedulePnp(PnpArrival.at(PnpAction.SURPRISE_REMOVE, MS));
            rt.awaitQuiescent();
            p.start();
            state.set(p.state());
        });
        assertThat(state.get().accepting()).isFalse();
        assertThat(state.get().dispatching()).isTrue();
    }
}
