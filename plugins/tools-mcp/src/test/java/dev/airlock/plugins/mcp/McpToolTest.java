package dev.airlock.plugins.mcp;

import dev.airlock.core.tool.ServerLauncher;
import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolContext;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.core.tool.Tools;
import dev.airlock.core.model.ToolDefinition;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gate's MCP client against the demo server speaking real MCP over real pipes (a local process here; in a run
 * the same streams come from a hardened container).
 */
class McpToolTest {

    @TempDir
    Path dir;
    private Process process;
    private Tool tool;

    @BeforeEach
    void start() throws Exception {
        ServerLauncher launcher = spec -> {
            try {
                process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), "dev.airlock.plugins.mcpdemo.DemoMcpServer")
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
            } catch (IOException e) {
                throw ToolException.failed(e.getMessage());
            }
            return new ServerLauncher.LaunchedServer() {
                @Override
                public OutputStream input() {
                    return process.getOutputStream();
                }

                @Override
                public InputStream output() {
                    return process.getInputStream();
                }

                @Override
                public void close() {
                    process.destroy();
                }
            };
        };
        ToolSpec spec = ToolSpec.of("mailer", ToolType.MCP);
        tool = Tools.installed().provider(ToolType.MCP).orElseThrow().create(spec, new ToolContext(dir, dir, launcher));
    }

    @AfterEach
    void stop() throws InterruptedException {
        tool.close();
        assertThat(process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("server stopped").isTrue();
    }

    private String call(String function, String args) throws ToolException {
        return tool.call(new ToolInvocation("writer", function, args, Set.of(), Duration.ofSeconds(10))).json();
    }

    @Test
    void listsTheServersToolsUnderTheToolId() {
        assertThat(tool.definitions()).extracting(ToolDefinition::name)
                .containsExactly("mailer/send_email", "mailer/create_ticket", "mailer/list_outbox");
        assertThat(tool.definitions().get(0).parametersJson()).contains("\"to\"");
    }

    @Test
    void callsGoThroughAndAreRecorded() throws Exception {
        assertThat(call("mailer/send_email", "{\"to\":\"alice@airlock.test\",\"body\":\"draft ready\"}"))
                .isEqualTo("{\"content\":[\"email #1 accepted\"],\"isError\":false}");
        assertThat(call("list_outbox", "{}")).contains("alice@airlock.test", "draft ready");
    }

    @Test
    void refusesNamesTheServerDoesNotOffer() {
        assertThatThrownBy(() -> call("mailer/delete_everything", "{}"))
                .isInstanceOfSatisfying(ToolException.class, e -> assertThat(e.rule()).isEqualTo(McpTool.RULE_UNKNOWN));
        assertThat(List.of(process.isAlive())).containsExactly(true);
    }
}
