package dev.airlock.core.topology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScopeTest {

    @Test
    void aWholeToolHasNoQualifier() {
        Scope s = Scope.parse("notes");
        assertThat(s.toolId()).isEqualTo("notes");
        assertThat(s.isWholeTool()).isTrue();
        assertThat(s.qualifier()).isEmpty();
        assertThat(s.grantsWrite()).isFalse();
    }

    @Test
    void anOperationAndAWriteGrantKeepTheTextAfterTheSlash() {
        Scope op = Scope.parse("mailer/send_email");
        assertThat(op.toolId()).isEqualTo("mailer");
        assertThat(op.qualifier()).contains("send_email");
        assertThat(op.grantsWrite()).isFalse();
        Scope write = Scope.parse("db/write");
        assertThat(write.toolId()).isEqualTo("db");
        assertThat(write.qualifier()).contains("write");
        assertThat(write.grantsWrite()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"notes", "mailer/send_email", "db/write", "a-1/op_2"})
    void toStringGivesTheEntryBack(String entry) {
        assertThat(Scope.parse(entry)).hasToString(entry);
        assertThat(Scope.parse(entry)).isEqualTo(Scope.parse(entry)).hasSameHashCodeAs(Scope.parse(entry));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "a/", "/write", "a/b/c", "a//b"})
    void badEntriesDoNotParse(String entry) {
        assertThat(Scope.tryParse(entry)).isEmpty();
        assertThatThrownBy(() -> Scope.parse(entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + entry + "' is not a scope entry");
    }

    @Test
    void nullDoesNotParse() {
        assertThat(Scope.tryParse(null)).isEmpty();
    }

    @Test
    void aWholeToolCoversItselfAndEachOfItsOperations() {
        Scope mailer = Scope.parse("mailer");
        assertThat(mailer.covers(Scope.parse("mailer"), ToolType.MCP)).isTrue();
        assertThat(mailer.covers(Scope.parse("mailer/send_email"), ToolType.MCP)).isTrue();
        assertThat(mailer.covers(Scope.parse("mailerx"), ToolType.MCP)).isFalse();
        assertThat(mailer.covers(Scope.parse("other/send_email"), ToolType.MCP)).isFalse();
    }

    @Test
    void anOperationCoversOnlyItself() {
        Scope send = Scope.parse("mailer/send_email");
        assertThat(send.covers(Scope.parse("mailer/send_email"), ToolType.MCP)).isTrue();
        assertThat(send.covers(Scope.parse("mailer/delete_mailbox"), ToolType.MCP)).isFalse();
        assertThat(send.covers(Scope.parse("mailer"), ToolType.MCP)).isFalse();
    }

    @Test
    void aWriteGrantCoversTheToolItselfOnlyForFilesAndSql() {
        Scope write = Scope.parse("db/write");
        assertThat(write.covers(Scope.parse("db"), ToolType.SQL)).isTrue();
        assertThat(write.covers(Scope.parse("db"), ToolType.FILES)).isTrue();
        // On an MCP server 'write' is just a function's name: it grants that function, not the whole server.
        assertThat(write.covers(Scope.parse("db"), ToolType.MCP)).isFalse();
        assertThat(write.covers(Scope.parse("db/write"), ToolType.MCP)).isTrue();
        assertThat(write.covers(Scope.parse("db/drop"), ToolType.SQL)).isFalse();
    }

    @Test
    void renamingKeepsTheQualifierAndRefusesWhatIsNoToolId() {
        assertThat(Scope.parse("mailer/send_email").withToolId("post")).hasToString("post/send_email");
        assertThat(Scope.parse("notes").withToolId("memo")).hasToString("memo");
        assertThatThrownBy(() -> Scope.parse("notes").withToolId("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Scope.parse("notes").withToolId("")).isInstanceOf(IllegalArgumentException.class);
    }
}
