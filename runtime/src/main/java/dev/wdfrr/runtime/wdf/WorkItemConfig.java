package dev.wdfrr.runtime.wdf;

/**
 * {@code WDF_WORKITEM_CONFIG}: the callback and whether the framework serializes it with the
 * parent's other callbacks. {@link #init} sets {@code automaticSerialization} to true, as
 * {@code WDF_WORKITEM_CONFIG_INIT} does. A null callback is accepted here and rejected by create
 * with an invalid-parameter error, as the framework does.
 */
public record WorkItemConfig<C>(WorkItemCallback<C> callback, boolean automaticSerialization) {

    /** The framework's defaults: the given callback, automatic serialization on. */
    public static <C> WorkItemConfig<C> init(WorkItemCallback<C> callback) {
        return new WorkItemConfig<>(callback, true);
    }

    /**
     * The given callback and serialization flag. Prefer this to chaining
     * {@link #automaticSerialization(boolean)} on a lambda, which Java cannot type from context.
     */
    public static <C> WorkItemConfig<C> init(WorkItemCallback<C> callback, boolean automaticSerialization) {
        return new WorkItemConfig<>(callback, automaticSerialization);
    }

    public WorkItemConfig<C> automaticSerialization(boolean on) {
        return new WorkItemConfig<>(callback, on);
    }
}
