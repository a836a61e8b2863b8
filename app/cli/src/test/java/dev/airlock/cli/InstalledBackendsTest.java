package dev.airlock.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstalledBackendsTest {

    /** The jar ships the model backends the documentation promises, found through ServiceLoader. */
    @Test
    void theBundledBackendsAreInstalled() {
        assertThat(TopologyLoader.installedCatalog().backends()).contains("scripted", "openai", "ollama");
    }
}
