package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.event.ObjectKind;
import dev.wdfrr.runtime.wdf.ExecutionLevel;
import dev.wdfrr.runtime.wdf.ObjectAttributes;

/** A general object ({@code WdfObjectCreate}): a parent, cleanup and destroy, an execution level. */
final class GeneralObjectImpl extends ObjectImpl {
    private final ExecutionLevel level;

    GeneralObjectImpl(Lifetime lifetime, int id, String name, ObjectImpl parent, ObjectAttributes<?> attributes) {
        super(lifetime, id, name, ObjectKind.GENERIC, parent, attributes.cleanup(), attributes.destroy());
        this.level = attributes.executionLevel();
    }

    /** {@code FxObject::Commit}: only an explicit Passive in the attributes marks an object passive. */
    @Override
    boolean passiveCallbacks() {
        return level == ExecutionLevel.PASSIVE;
    }
}
