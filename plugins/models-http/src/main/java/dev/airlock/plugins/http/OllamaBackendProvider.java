package dev.airlock.plugins.http;

import dev.airlock.core.model.ModelBackend;
import dev.airlock.core.model.ModelBackendProvider;
import dev.airlock.core.model.ModelException;
import dev.airlock.core.model.SecretResolver;
import dev.airlock.core.topology.ModelSpec;

import java.nio.file.Path;

/** {@code backend: ollama}: Ollama's native {@code /api/chat}; {@code endpoint} defaults to the local server. */
public final class OllamaBackendProvider implements ModelBackendProvider {

    static final String DEFAULT_ENDPOINT = "http://localhost:11434";

    @Override
    public String name() {
        return "ollama";
    }

    @Override
    public ModelBackend create(ModelSpec spec, Path baseDir, SecretResolver secrets) throws ModelException {
        String token = spec.credential() == null ? null : secrets.resolve(spec.credential());
        return new OllamaBackend(Endpoints.resolve(spec, DEFAULT_ENDPOINT, "/api/chat"),
                Endpoints.requireModel(spec), token, new JsonHttp());
    }
}
