package dev.wdfrr.runtime;

/**
 * The verifier checks the runtime makes, named after the framework verifier and the Static
 * Driver Verifier rules they echo. Each violation is traced as an event carrying {@link #id()}.
 */
public enum Rule {
    /** A call above its maximum IRQL. */
    KMDF_IRQL(1, "KmdfIrql"),
    /** Flush called from the item's own callback. */
    FLUSH_FROM_OWN_CALLBACK(2, "FlushFromOwnCallback"),
    /** Enqueue, flush, parent, context or delete on a deleted item. */
    USE_AFTER_DELETE(3, "UseAfterDelete"),
    /** Automatic serialization under a Dispatch-level synchronization scope. */
    INCOMPATIBLE_EXECUTION_LEVEL(4, "IncompatibleExecutionLevel"),
    /** Spin lock acquire/release not alternating, or held when a callback returns. */
    WDF_SPINLOCK(5, "WdfSpinlock"),
    /** Wait lock acquire/release not alternating, or held when a callback returns. */
    WDF_WAITLOCK(6, "WdfWaitlock"),
    /** Interrupt lock acquire/release not alternating (it is not recursive), or held at return. */
    WDF_INTERRUPT_LOCK(7, "WdfInterruptLock"),
    /** A work item neither deleted nor reached by its parent's deletion at shutdown. */
    LEAKED_WORK_ITEM(8, "LeakedWorkItem"),
    /** A delete or flush that would wait on an instance running on the calling thread. */
    DELETE_WAITS_ON_ITSELF(9, "DeleteWaitsOnItself");

    private final int id;
    private final String verifierName;

    Rule(int id, String verifierName) {
        this.id = id;
        this.verifierName = verifierName;
    }

    /** Stable numeric id written to traces. */
    public int id() {
        return id;
    }

    /** The name the framework verifier and SDV use, e.g. {@code KmdfIrql}. */
    public String verifierName() {
        return verifierName;
    }

    /** The rule with the given stable id, or null when the id is unknown. */
    public static Rule ofId(int id) {
        for (Rule r : values()) {
            if (r.id == id) {
                return r;
            }
        }
        return null;
    }
}
