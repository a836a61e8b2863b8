package dev.airlock.desktop.events;

import javafx.collections.ObservableListBase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The newest {@code capacity} rows, oldest first, as an observable list backed by a ring. A full observable array
 * list lets go of its oldest rows one {@code remove(0)} at a time, each shifting every row behind it: with tens of
 * thousands of rows and a batch every pulse that was a third of the FX thread's time under load. Here appending a
 * batch and letting the oldest go cost what the batch holds, and are reported as one removal and one addition.
 */
final class NewestRows<T> extends ObservableListBase<T> {

    private final Object[] ring;
    private int head;
    private int size;

    NewestRows(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        ring = new Object[capacity];
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        Objects.checkIndex(index, size);
        return (T) ring[(head + index) % ring.length];
    }

    @Override
    public int size() {
        return size;
    }

    /** Adds {@code rows} at the end and lets the oldest go beyond the capacity; returns how many were let go. */
    int append(List<? extends T> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        List<? extends T> tail = rows.size() > ring.length ? rows.subList(rows.size() - ring.length, rows.size()) : rows;
        int excess = Math.max(0, size + tail.size() - ring.length);
        if (excess > 0) {
            removeOldest(excess);
        }
        int from = size;
        for (T row : tail) {
            ring[(head + size) % ring.length] = row;
            size++;
        }
        beginChange();
        nextAdd(from, size);
        endChange();
        return rows.size() - tail.size() + excess;
    }

    /** Lets every row go. */
    void removeAll() {
        if (size > 0) {
            removeOldest(size);
        }
        Arrays.fill(ring, null);
        head = 0;
    }

    private void removeOldest(int count) {
        List<T> removed = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            removed.add(get(i));
            ring[(head + i) % ring.length] = null;
        }
        head = (head + count) % ring.length;
        size -= count;
        beginChange();
        nextRemove(0, removed);
        endChange();
    }
}
