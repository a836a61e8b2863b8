package dev.airlock.core.tool;

import dev.airlock.core.plugin.Plugins;
import dev.airlock.core.topology.ToolType;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The tool providers bundled or installed as plugins ({@link Plugins}), by type. */
public final class Tools {

    private final Map<ToolType, ToolProvider> providers;

    private Tools(Map<ToolType, ToolProvider> providers) {
        this.providers = providers;
    }

    public static Tools installed() {
        Map<ToolType, ToolProvider> found = new EnumMap<>(ToolType.class);
        for (ToolProvider p : Plugins.installed().providers(ToolProvider.class)) {
            found.putIfAbsent(p.type(), p);
        }
        return new Tools(found);
    }

    public Optional<ToolProvider> provider(ToolType type) {
        return Optional.ofNullable(providers.get(type));
    }
}
