package dev.airlock.plugins.http;

import dev.airlock.core.model.ModelException;
import dev.airlock.core.topology.ModelSpec;

import java.net.URI;
import java.net.URISyntaxException;

/** Resolves a model spec's endpoint (or the backend's default) plus the API path. */
final class Endpoints {

    private Endpoints() {
    }

    static URI resolve(ModelSpec spec, String defaultBase, String path) throws ModelException {
        String base = spec.endpoint() != null ? spec.endpoint() : defaultBase;
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        try {
            return new URI(trimmed + path);
        } catch (URISyntaxException e) {
            throw new ModelException("model '" + spec.id() + "': endpoint '" + base + "' is not a URL");
        }
    }

    static String requireModel(ModelSpec spec) throws ModelException {
        if (spec.model() == null || spec.model().isBlank()) {
            throw new ModelException("model '" + spec.id() + "' (backend " + spec.backend()
                    + ") needs 'model:', the name the server knows it by");
        }
        return spec.model();
    }
}
