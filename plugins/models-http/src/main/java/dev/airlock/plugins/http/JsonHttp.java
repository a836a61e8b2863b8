package dev.airlock.plugins.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.core.model.ModelException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs JSON and reads JSON back, turning every failure into a {@link ModelException} whose message names the
 * endpoint and status but never a header (the credential travels in one).
 */
final class JsonHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR_CHARS = 200;

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    JsonNode post(URI uri, JsonNode body, Map<String, String> headers, Duration timeout) throws ModelException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout == null ? Duration.ofSeconds(120) : timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new ModelException(uri + " did not answer within " + timeout);
        } catch (IOException e) {
            throw new ModelException("cannot reach " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while waiting for " + uri);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ModelException(uri + " answered HTTP " + response.statusCode() + errorDetail(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ModelException(uri + " answered with something that is not JSON");
        }
    }

    private static String errorDetail(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText("");
            return message.isEmpty() ? "" : ": " + abbreviate(message);
        } catch (IOException e) {
            return "";
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_ERROR_CHARS ? s : s.substring(0, MAX_ERROR_CHARS) + "...";
    }
}
