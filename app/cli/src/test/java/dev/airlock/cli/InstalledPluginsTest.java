package dev.airlock.cli;

import dev.airlock.core.tool.Tools;
import dev.airlock.core.topology.ToolType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar ships the plugins the documentation promises, found through ServiceLoader as users' plugins are. */
class InstalledPluginsTest {

    @Test
    void theBundledModelBackendsAreInstalled() {
        assertThat(TopologyLoader.installedCatalog().backends()).contains("scripted", "openai", "ollama");
    }

    @Test
    void everyToolTypeHasAProvider() {
        Tools tools = Tools.installed();
        for (ToolType type : ToolType.values()) {
            assertThat(tools.provider(type)).as(type.text()).isPresent();
        }
    }
}
