package dev.wdfrr.runtime.wdf;

import java.util.Objects;

/**
 * {@code WDF_IO_QUEUE_CONFIG} with the queue's object attributes: the dispatch type, the request
 * callbacks, EvtIoStop/EvtIoResume/EvtIoCanceledOnQueue, whether it is power managed (null: the
 * framework's default, power managed for a function driver), AllowZeroLengthRequests,
 * NumberOfPresentedRequests (parallel only, 0 = unlimited), whether it is the device's default
 * queue, and its synchronization scope and execution level (both inherit from the device by
 * default). {@code WdfIoQueueCreate} checks the combination (io-queues-and-requests.md [Q3]).
 */
public record QueueConfig(String name, DispatchType dispatchType, SyncScope syncScope, ExecutionLevel executionLevel,
                          EvtIoRead onRead, EvtIoWrite onWrite, EvtIoDeviceControl onDeviceControl,
                          EvtIoDeviceControl onInternalDeviceControl, EvtIoDefault onDefault, EvtIoStop onStop,
                          EvtIoResume onResume, EvtIoCanceledOnQueue onCanceledOnQueue, Boolean powerManaged,
                          boolean allowZeroLengthRequests, int presentedLimit, boolean isDefault) {
    public QueueConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dispatchType, "dispatchType");
        Objects.requireNonNull(syncScope, "syncScope");
        Objects.requireNonNull(executionLevel, "executionLevel");
    }

    private static QueueConfig of(String name, DispatchType type) {
        return new QueueConfig(name, type, SyncScope.INHERIT_FROM_PARENT, ExecutionLevel.INHERIT_FROM_PARENT,
                null, null, null, null, null, null, null, null, null, false, 0, false);
    }

    /** A manual queue with no callbacks that inherits scope and level: also what a queue used only as a parent is. */
    public static QueueConfig named(String name) {
        return of(name, DispatchType.MANUAL);
    }

    /** {@code WDF_IO_QUEUE_CONFIG_INIT(WdfIoQueueDispatchSequential)}. */
    public static QueueConfig sequential(String name) {
        return of(name, DispatchType.SEQUENTIAL);
    }

    /** {@code WDF_IO_QUEUE_CONFIG_INIT(WdfIoQueueDispatchParallel)}. */
    public static QueueConfig parallel(String name) {
        return of(name, DispatchType.PARALLEL);
    }

    /** {@code WDF_IO_QUEUE_CONFIG_INIT(WdfIoQueueDispatchManual)}. */
    public static QueueConfig manual(String name) {
        return of(name, DispatchType.MANUAL);
    }

    public QueueConfig syncScope(SyncScope scope) {
        return new QueueConfig(name, dispatchType, scope, executionLevel, onRead, onWrite, onDeviceControl,
                onInternalDeviceControl, onDefault, onStop, onResume, onCanceledOnQueue, powerManaged,
                allowZeroLengthRequests, presentedLimit, isDefault);
    }

    public QueueConfig executionLevel(ExecutionLevel level) {
        return new QueueConfig(name, dispatchType, syncScope, level, onRead, onWrite, onDeviceControl,
                onInternalDeviceControl, onDefault, onStop, onResume, onCanceledOnQueue, powerManaged,
                allowZeroLengthRequests, presentedLimit, isDefault);
    }

    public QueueConfig onRead(EvtIoRead callback) {
        return new QueueConfig(name, dispatchType, syncScope, executionLevel, callback, onWrite, onDeviceControl,
                onInternalDeviceControl, onDefault, onStop, onResume, onCanceledOnQueue, powerManaged,
                allowZeroLengthRequests, presentedLimit, isDefault);
    }

    public QueueConfig onWrite(EvtIoWrite callback) {
        return new QueueConfig(name, dispatchType, syncScope, executionLevel, onRead, callback, onDeviceControl,
                onInternalDeviceControl, onDefault, onStop, onResume, onCanceledOnQueue, powerManaged,
                allowZeroLengthRequests, presentedLimit, isDefault);
    }

    public QueueConfig onDeviceControl(EvtIoDeviceControl callback) {
        return new QueueConfig(name, dispatchType, syncScope, executionLevel, onRead, onWrite, callback,
                onInternalDeviceControl, onDefault, onStop, onResume, onCanceledOnQueue, powerManaged,
                allowZeroLengthRequests, presentedLimit, isDefault);
    }

    public QueueConfig onInternalDeviceControl(EvtIoDeviceControl callback) {
        return new QueueConfig(name, dispatchType, syncScope, executionLevel, onRead, onWrite, onDeviceControl,
                callback, onDefault, onStop, onResume, onCanceledOnQueue, powerManaged,
                allowZeroLengthRequests, presentedLimit, isDefault);
    }

    public QueueConfig onDefault(EvtIoDefault callback) {
        return new QueueConfig(name, dispatchType, syncScope, executionLevel, onRead, onWrite, onDeviceControl,
                onInternalDeviceControl, callback, onStop, onResume, onCanceledOnQueue, powerManaged,
                allowZeroLengthRequests, presentedLimit, isDefault);
    }

    public QueueConfig onStop(EvtIoStop callback) {
        return new QueueConfig(name, dispatchType, syncScope, executionLevel, onRead, onWrite, onDeviceControl,
                onInternalDeviceControl, onDefault, callback, onResume, onCanceledOnQueue, powerManaged,
                allowZeroLengthRequests, presentedLimit, isDefault);
    }

    public QueueConfig onResume(EvtIoResume callback) {
        return new QueueConfig(name, dispatchType, syncScope, executionLevel, onRead, onWrite, onDeviceControl,
                onInternalDeviceControl, onDefault, onStop, callback, onCanceledOnQueue, powerManaged,
                allowZeroLengthRequests, presentedLimit, isDefault);
    }

    public QueueConfig onCanceledOnQueue(EvtIoCanceledOnQueue callback) {
        return new QueueConfig(name, dispatchType, syncScope, executionLevel, onRead, onWrite, onDeviceControl,
                onInternalDeviceControl, onDefault, onStop, onResume, callback, powerManaged,
                allowZeroLengthRequests, presentedLimit, isDefault);
    }

    public QueueConfig powerManaged(boolean managed) {
        return new QueueConfig(name, dispatchType, syncScope, executionLevel, onRead, onWrite, onDeviceControl,
                onInternalDeviceControl, onDefault, onStop, onResume, onCanceledOnQueue, managed,
                allowZeroLengthRequests, presentedLimit, isDefault);
    }

    public QueueConfig allowZeroLengthRequests(boolean allow) {
        return new QueueConfig(name, dispatchType, syncScope, executionLevel, onRead, onWrite, onDeviceControl,
                onInternalDeviceControl, onDefault, onStop, onResume, onCanceledOnQueue, powerManaged,
                allow, presentedLimit, isDefault);
    }

    /** NumberOfPresentedRequests of a parallel queue (0: unlimited). */
    public QueueConfig presentedLimit(int limit) {
        return new QueueConfig(name, dispatchType, syncScope, executionLevel, onRead, onWrite, onDeviceControl,
                onInternalDeviceControl, onDefault, onStop, onResume, onCanceledOnQueue, powerManaged,
                allowZeroLengthRequests, limit, isDefault);
    }

    /** The device's default queue: it gets every request no configured queue takes. */
    public QueueConfig defaultQueue() {
        return new QueueConfig(name, dispatchType, syncScope, executionLevel, onRead, onWrite, onDeviceControl,
                onInternalDeviceControl, onDefault, onStop, onResume, onCanceledOnQueue, powerManaged,
                allowZeroLengthRequests, presentedLimit, true);
    }

    /** True when any request callback (default, read, write, device control, internal device control) is set. */
    public boolean hasRequestCallback() {
        return onDefault != null || onRead != null || onWrite != null || onDeviceControl != null
                || onInternalDeviceControl != null;
    }
}
