package dev.airlock.core.model;

import dev.airlock.core.plugin.Plugins;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The model backends bundled or installed as plugins ({@link Plugins}), by name. */
public final class ModelBackends {

    private final Map<String, ModelBackendProvider> providers;

    private ModelBackends(Map<String, ModelBackendProvider> providers) {
        this.providers = Map.copyOf(providers);
    }

    public static ModelBackends installed() {
        Map<String, ModelBackendProvider> found = new TreeMap<>();
        for (ModelBackendProvider p : Plugins.installed().providers(ModelBackendProvider.class)) {
            found.putIfAbsent(p.name(), p);
        }
        return new ModelBackends(found);
    }

    public Optional<ModelBackendProvider> provider(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    public java.util.Set<String> names() {
        return providers.keySet();
    }
}
