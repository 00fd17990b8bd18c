package dev.wdfrr.runtime.internal;

import dev.wdfrr.runtime.mem.BooleanCell;
import dev.wdfrr.runtime.mem.LongCell;
import dev.wdfrr.runtime.mem.RefCell;

/** One traced cell: its id, name and value, guarded by the kernel; every method goes through {@link Cells}. */
abstract class CellImpl {
    final Cells cells;
    final int id;
    final String name;
    /** The value: a long, a boolean as 0/1, or a reference's identity number. */
    long bits;
    /** The object a reference cell holds. */
    Object ref;

    CellImpl(Cells cells, int id, String name) {
        this.cells = cells;
        this.id = id;
        this.name = name;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "cell '" + name + "' (#" + id + ")";
    }

    static final class Long extends CellImpl implements LongCell {
        Long(Cells cells, int id, String name) {
            super(cells, id, name);
        }

        @Override
        public long get() {
            return cells.read(this);
        }

        @Override
        public void set(long value) {
            cells.write(this, value, null);
        }

        @Override
        public boolean compareAndSet(long expected, long update) {
            return cells.update(this, true, expected, old -> update) == expected;
        }

        @Override
        public long getAndAdd(long delta) {
            return cells.update(this, false, 0, old -> old + delta);
        }

        @Override
        public long addAndGet(long delta) {
            return getAndAdd(delta) + delta;
        }

        @Override
        public long getAndSet(long value) {
            return cells.update(this, false, 0, old -> value);
        }
    }

    static final class Bool extends CellImpl implements BooleanCell {
        Bool(Cells cells, int id, String name) {
            super(cells, id, name);
        }

        @Override
        public boolean get() {
            return cells.read(this) != 0;
        }

        @Override
        public void set(boolean value) {
            cells.write(this, value ? 1 : 0, null);
        }

        @Override
        public boolean compareAndSet(boolean expected, boolean update) {
            long e = expected ? 1 : 0;
            return cells.update(this, true, e, old -> update ? 1 : 0) == e;
        }

        @Override
        public boolean getAndSet(boolean value) {
            return cells.update(this, false, 0, old -> value ? 1 : 0) != 0;
        }
    }

    static final class Ref<T> extends CellImpl implements RefCell<T> {
        Ref(Cells cells, int id, String name) {
            super(cells, id, name);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get() {
            return (T) cells.readRef(this);
        }

        @Override
        public void set(T value) {
            cells.write(this, 0, value);
        }

        @Override
        public boolean compareAndSet(T expected, T update) {
            return cells.updateRef(this, expected, true, update) == expected;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T getAndSet(T value) {
            return (T) cells.updateRef(this, null, false, value);
        }
    }
}
