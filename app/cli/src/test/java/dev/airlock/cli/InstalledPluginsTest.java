package dev.airlock.cli;

import dev.airlock.core.topology.ToolType;
import dev.airlock.core.validation.Catalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar ships the plugins the documentation promises, found through ServiceLoader as users' plugins are. */
class InstalledPluginsTest {

    @Test
    void theBundledModelBackendsAreInstalled() {
        assertThat(Catalog.installed().backends()).contains("scripted", "openai", "ollama");
    }

    @Test
    void everyToolTypeHasAProvider() {
        assertThat(Catalog.installed().toolTypes()).containsExactlyInAnyOrder(ToolType.values());
    }
}
