package dev.airlock.plugins.http;

import dev.airlock.core.model.ModelBackend;
import dev.airlock.core.model.ModelBackendProvider;
import dev.airlock.core.model.ModelException;
import dev.airlock.core.model.SecretResolver;
import dev.airlock.core.topology.ModelSpec;

import java.nio.file.Path;

/**
 * {@code backend: openai}: the Chat Completions API, which OpenAI, vLLM, llama.cpp's server and LM Studio all
 * speak. {@code endpoint} is the base URL (default OpenAI's); a {@code credential} becomes the bearer token.
 */
public final class OpenAiBackendProvider implements ModelBackendProvider {

    static final String DEFAULT_ENDPOINT = "https://api.openai.com";

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public ModelBackend create(ModelSpec spec, Path baseDir, SecretResolver secrets) throws ModelException {
        String key = spec.credential() == null ? null : secrets.resolve(spec.credential());
        return new OpenAiBackend(Endpoints.resolve(spec, DEFAULT_ENDPOINT, "/v1/chat/completions"),
                Endpoints.requireModel(spec), key, new JsonHttp());
    }
}
