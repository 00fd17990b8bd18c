package dev.wdfrr.scenarios;

import dev.wdfrr.runtime.NtStatus;
import dev.wdfrr.runtime.Parameters;
import dev.wdfrr.runtime.Scenario;
import dev.wdfrr.runtime.ScenarioParameter;
import dev.wdfrr.runtime.WdfRuntime;
import dev.wdfrr.runtime.hw.IoSource;
import dev.wdfrr.runtime.wdf.DeviceConfig;
import dev.wdfrr.runtime.wdf.ObjectAttributes;
import dev.wdfrr.runtime.wdf.PnpPowerCallbacks;
import dev.wdfrr.runtime.wdf.QueueConfig;
import dev.wdfrr.runtime.wdf.SyncScope;
import dev.wdfrr.runtime.wdf.TimerConfig;
import dev.wdfrr.runtime.wdf.WdfDevice;
import dev.wdfrr.runtime.wdf.WdfQueue;
import dev.wdfrr.runtime.wdf.WdfRequest;
import dev.wdfrr.runtime.wdf.WdfTimer;

import java.util.List;

/**
 * The echo sample's AutoSync driver ({@code general/echo/kmdf/driver/AutoSync}): a sequential
 * default queue with synchronization scope Queue; EvtIoRead and EvtIoWrite mark the request
 * cancelable and park it as the queue's current request; a periodic timer parented to the queue
 * unmarks and completes the current request unless the unmark returns STATUS_CANCELLED;
 * EvtRequestCancel clears it and completes it cancelled. Self-managed I/O starts and stops the
 * queue and the timer. Whether the timer is serialized with the queue is the subclass's.
 */
abstract class EchoDriver implements Scenario {
    private WdfRuntime rt;
    private WdfQueue queue;
    private WdfTimer timer;
    /** The queue context's CurrentRequest. */
    private WdfRequest current;
    private long timerWork;
    private long period;
    private IoSource source;
    private long requests;
    private int requesters;

    /** {@code WDF_TIMER_CONFIG.AutomaticSerialization} of the echo timer. */
    abstract boolean serializedTimer();

    @Override
    public List<ScenarioParameter> parameters() {
        return IoScenarioSupport.concat(IoScenarioSupport.ioParameters("12", "800", "0.5", "0ms..1ms"),
                IoScenarioSupport.pnpParameters("4ms..6ms", "1ms", "14ms..17ms"),
                new ScenarioParameter("timer-period", "1ms", "period of the echo timer that completes the current request"),
                new ScenarioParameter("timer-work", "200us", "modelled time of the timer's DPC between reading the current request and unmarking it"));
    }

    @Override
    public void checkParameters(Parameters p) {
        IoScenarioSupport.check(p);
        p.nanos("timer-work");
        p.positiveNanos("timer-period");
    }

    @Override
    public void run(WdfRuntime runtime, Parameters p) {
        rt = runtime;
        timerWork = p.nanos("timer-work");
        period = p.positiveNanos("timer-period");
        requests = p.count("requests");
        requesters = p.intValue("requesters");
        WdfDevice device = rt.createDevice(DeviceConfig.named("echo0").pnpPower(PnpPowerCallbacks.none()
                .selfManagedIoInit(d -> startIo()).selfManagedIoRestart(d -> startIo())
                .selfManagedIoSuspend(d -> suspendIo())));
        queue = device.createQueue(QueueConfig.sequential("echo-queue").defaultQueue().syncScope(SyncScope.QUEUE)
                .onRead((q, r, n) -> park(r)).onWrite((q, r, n) -> park(r)));
        timer = rt.createTimer(TimerConfig.periodic(t -> onTimer(), period).highResolution(true)
                .automaticSerialization(serializedTimer()), ObjectAttributes.parent(queue).name("echo-timer"));
        device.schedulePnp(IoScenarioSupport.arrivals(p));
        source = IoScenarioSupport.source(rt, device, p, IoScenarioSupport.readWrite(p));
        source.start();
        rt.awaitQuiescent();
    }

    /** EchoEvtDeviceSelfManagedIoStart: the queue and the timer start. */
    private long startIo() {
        queue.start();
        timer.start(period);
        return NtStatus.SUCCESS.code();
    }

    /** EchoEvtDeviceSelfManagedIoSuspend: the queue stops synchronously, the timer stops and waits. */
    private long suspendIo() {
        queue.stopSynchronously();
        timer.stop(true);
        return NtStatus.SUCCESS.code();
    }

    /** EchoEvtIoRead / EchoEvtIoWrite: cancelable, parked as the current request. */
    private void park(WdfRequest r) {
        r.markCancelable(this::cancel);
        current = r;
    }

    /** EchoEvtTimerFunc: "DPC is automatically synchronized to the Queue lock, so this is race free". */
    private void onTimer() {
        WdfRequest r = current;
        if (r != null) {
            rt.work(timerWork);
            long status = r.unmarkCancelable();
            if (status != NtStatus.CANCELLED.code()) {
                current = null;
                r.complete(NtStatus.SUCCESS.code(), r.length());
            }
        }
    }

    /** EchoEvtRequestCancel, under the queue's lock. */
    private void cancel(WdfRequest r) {
        if (current == r) {
            current = null;
        }
        r.complete(NtStatus.CANCELLED.code());
    }

    @Override
    public String checkInvariant() {
        return IoScenarioSupport.allCompleted(source, requesters, requests);
    }
}
