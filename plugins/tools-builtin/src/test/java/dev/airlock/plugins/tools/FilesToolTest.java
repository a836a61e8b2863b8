package dev.airlock.plugins.tools;

import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolContext;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An agent with the files tool tries to get at what lies outside its workspace. */
class FilesToolTest {

    @TempDir
    Path base;
    private Path outside;
    private Path workspace;
    private Tool tool;

    @BeforeEach
    void setUp() throws Exception {
        Path seed = Files.createDirectories(base.resolve("notes"));
        Files.writeString(seed.resolve("todo.md"), "- read about sandboxes\n");
        outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "the host's secret");
        workspace = base.resolve("run");
        ToolSpec spec = new ToolSpec("notes", "", ToolType.FILES, null, List.of(), List.of(), null, Set.of(),
                Map.of("seed", "notes", "maxBytes", "64"));
        tool = new FilesProvider().create(spec, new ToolContext(workspace, base));
    }

    private String call(String args, String... grants) throws ToolException {
        return tool.call(new ToolInvocation("planner", "notes", args, Set.of(grants), Duration.ofSeconds(1))).json();
    }

    @Test
    void readsAndListsTheSeededWorkspace() throws Exception {
        assertThat(call("{\"op\":\"read\",\"path\":\"todo.md\"}")).contains("read about sandboxes");
        assertThat(call("{\"op\":\"list\"}")).contains("\"name\":\"todo.md\"", "\"type\":\"file\"");
    }

    @Test
    void writesOnlyWithTheWriteGrant() throws Exception {
        assertRefused("{\"op\":\"write\",\"path\":\"out.md\",\"content\":\"x\"}", FilesTool.RULE_READ_ONLY);
        assertThat(workspace.resolve("notes/out.md")).doesNotExist();
        assertThat(call("{\"op\":\"write\",\"path\":\"drafts/out.md\",\"content\":\"draft\"}", "write"))
                .contains("\"written\":5");
        assertThat(workspace.resolve("notes/drafts/out.md")).hasContent("draft");
    }

    @Test
    void refusesTraversalAndAbsolutePaths() {
        assertRefused("{\"op\":\"read\",\"path\":\"../../outside/secret.txt\"}", WorkspacePaths.RULE_TRAVERSAL);
        assertRefused("{\"op\":\"read\",\"path\":\"" + outside.resolve("secret.txt") + "\"}", WorkspacePaths.RULE_TRAVERSAL);
        assertRefused("{\"op\":\"read\",\"path\":\"a/../../x\"}", WorkspacePaths.RULE_TRAVERSAL);
        assertRefused("{\"op\":\"write\",\"path\":\"../escape.txt\",\"content\":\"x\"}", WorkspacePaths.RULE_TRAVERSAL, "write");
        assertThat(base.resolve("run/escape.txt")).doesNotExist();
    }

    @Test
    void refusesLinksPlantedInsideThatPointOutside() throws Exception {
        Files.createSymbolicLink(workspace.resolve("notes/door"), outside);
        Files.createSymbolicLink(workspace.resolve("notes/secret.txt"), outside.resolve("secret.txt"));
        assertRefused("{\"op\":\"read\",\"path\":\"door/secret.txt\"}", WorkspacePaths.RULE_LINK);
        assertRefused("{\"op\":\"read\",\"path\":\"secret.txt\"}", WorkspacePaths.RULE_LINK);
        assertRefused("{\"op\":\"write\",\"path\":\"secret.txt\",\"content\":\"overwritten\"}", WorkspacePaths.RULE_LINK, "write");
        assertThat(outside.resolve("secret.txt")).hasContent("the host's secret");
    }

    @Test
    void refusesFilesAboveTheSizeLimit() {
        assertRefused("{\"op\":\"write\",\"path\":\"big\",\"content\":\"" + "y".repeat(65) + "\"}", FilesTool.RULE_SIZE, "write");
    }

    private void assertRefused(String args, String rule, String... grants) {
        assertThatThrownBy(() -> call(args, grants)).isInstanceOfSatisfying(ToolException.class,
                e -> assertThat(e.rule()).as(e.getMessage()).isEqualTo(rule));
    }
}
