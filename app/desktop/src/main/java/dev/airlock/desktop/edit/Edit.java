package dev.airlock.desktop.edit;

import dev.airlock.core.topology.Topology;

import java.util.function.UnaryOperator;

/**
 * One user edit of the drawing, as an object: it knows how to apply itself and says what it did (the Edit menu
 * shows it as "Undo <description>"). Because topologies are immutable, undo restores the topology the edit was
 * applied to, which the {@link CommandStack} keeps; an edit cannot get its own undo wrong.
 */
public record Edit(String description, UnaryOperator<Topology> change) {

    public Topology execute(Topology before) {
        return change.apply(before);
    }
}
