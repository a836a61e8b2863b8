package dev.airlock.desktop.edit;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandStackTest {

    private final Edit addA = new Edit("Add agent 'a'", t -> t.withAgents(List.of(AgentSpec.named("a"))));

    @Test
    void undoAndRedoWalkTheHistoryWithDescriptions() {
        CommandStack stack = new CommandStack();
        Topology empty = Topology.empty("t");
        Topology withA = stack.execute(addA, empty);
        assertThat(stack.undoDescription()).contains("Add agent 'a'");
        assertThat(stack.undo()).contains(empty);
        assertThat(stack.redoDescription()).contains("Add agent 'a'");
        assertThat(stack.redo()).contains(withA);
        assertThat(stack.redo()).isEmpty();
    }

    @Test
    void anEditThatChangesNothingIsNotRecordedAndANewEditDropsTheRedoHistory() {
        CommandStack stack = new CommandStack();
        Topology withA = stack.execute(addA, Topology.empty("t"));
        assertThat(stack.execute(addA, withA)).isSameAs(withA);
        stack.undo();
        stack.execute(new Edit("Rename", t -> t.withDescription("u", "")), Topology.empty("t"));
        assertThat(stack.redoDescription()).isEmpty();
        assertThat(stack.undoDescription()).contains("Rename");
    }
}
