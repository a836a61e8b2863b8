package dev.airlock.desktop.edit;

import dev.airlock.core.topology.Topology;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** The one undo history of an editor: every canvas and property edit goes through {@link #execute}. */
public final class CommandStack {

    /** An edit that was applied, with the topologies on either side of it. */
    public record Done(Edit edit, Topology before, Topology after) {
    }

    private static final int LIMIT = 500;

    private final Deque<Done> undo = new ArrayDeque<>();
    private final Deque<Done> redo = new ArrayDeque<>();

    /** Applies the edit; an edit that changes nothing is not recorded, so undo never looks like it did nothing. */
    public Topology execute(Edit edit, Topology current) {
        Topology after = edit.execute(current);
        if (after.equals(current)) {
            return current;
        }
        undo.push(new Done(edit, current, after));
        if (undo.size() > LIMIT) {
            undo.removeLast();
        }
        redo.clear();
        return after;
    }

    public Optional<Topology> undo() {
        if (undo.isEmpty()) {
            return Optional.empty();
        }
        Done d = undo.pop();
        redo.push(d);
        return Optional.of(d.before());
    }

    public Optional<Topology> redo() {
        if (redo.isEmpty()) {
            return Optional.empty();
        }
        Done d = redo.pop();
        undo.push(d);
        return Optional.of(d.after());
    }

    public Optional<String> undoDescription() {
        return Optional.ofNullable(undo.peek()).map(d -> d.edit().description());
    }

    public Optional<String> redoDescription() {
        return Optional.ofNullable(redo.peek()).map(d -> d.edit().description());
    }

    public void clear() {
        undo.clear();
        redo.clear();
    }
}
