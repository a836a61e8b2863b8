package dev.airlock.run.docker;

import dev.airlock.sandbox.images.AgentJavaImage;
import dev.airlock.sandbox.images.AgentLayerImage;
import dev.airlock.sandbox.images.ClassJar;
import dev.airlock.sandbox.images.ImageRecipe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code airlock/mcp-demo}: the demo MCP server (e-mail, tickets) layered onto {@code airlock/agent-java}, built
 * offline from the server jar that travels inside Airlock. Run it with
 * {@code command: [java, dev.airlock.plugins.mcpdemo.DemoMcpServer]}.
 */
final class McpDemoImage {

    static final String TAG = "airlock/mcp-demo";
    private static final String RESOURCE = "images/mcp-demo-server.jar";

    private McpDemoImage() {
    }

    static ImageRecipe recipe() throws IOException {
        Path jar = Files.createTempFile("airlock-mcp-demo", ".jar");
        try (InputStream in = McpDemoImage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("this Airlock was built without the demo MCP server (" + RESOURCE + ")");
            }
            Files.copy(in, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Map<String, byte[]> entries = ClassJar.entriesOf(jar);
            entries.keySet().removeIf(name -> name.startsWith("META-INF/") && !name.startsWith("META-INF/services/"));
            return new AgentLayerImage(TAG, AgentJavaImage.TAG, entries);
        } finally {
            Files.deleteIfExists(jar);
        }
    }
}
