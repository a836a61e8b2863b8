package dev.airlock.desktop.view;

import java.util.List;
import java.util.function.Consumer;

/**
 * One row of the properties panel. Values are shown as text (or a choice, or a flag); setting one hands the new
 * value to {@code commit}, which turns it into an undoable edit.
 */
record Prop(String id, String category, String name, String description, Object value, List<String> choices,
            boolean risk, Consumer<Object> commit) {

    static Prop text(String id, String category, String name, String description, String value, Consumer<String> commit) {
        return new Prop(id, category, name, description, value == null ? "" : value, null, false,
                v -> commit.accept(((String) v).trim()));
    }

    static Prop choice(String id, String category, String name, String description, String value, List<String> choices,
                       Consumer<String> commit) {
        return new Prop(id, category, name, description, value, choices, false, v -> commit.accept((String) v));
    }

    static Prop flag(String id, String category, String name, String description, boolean value,
                     Consumer<Boolean> commit) {
        return new Prop(id, category, name, description, value, null, false, v -> commit.accept((Boolean) v));
    }

    Prop markedRisk(boolean loosened) {
        return new Prop(id, category, loosened ? "⚠ " + name : name, description, value, choices, loosened, commit);
    }

    /** Hands a changed value on; setting the value already shown is no edit. */
    void setValue(Object v) {
        if (!v.equals(value)) {
            commit.accept(v);
        }
    }
}
