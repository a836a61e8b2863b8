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
 * endpoint and status but never a header (the credential travels in one) nor an error body: servers quote what
 * they were sent (OpenAI's 401 names the key it refused), so a refusal is summarised as its status and phrase.
 */
final class JsonHttp {

    static final ObjectMapper JSON = new ObjectMapper();

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
            throw new ModelException("model endpoint " + uri + " answered " + statusLine(response.statusCode()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ModelException(uri + " answered with something that is not JSON");
        }
    }

    /** The status with its standard phrase, for the statuses model servers use to refuse. */
    private static String statusLine(int status) {
        String phrase = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "";
        };
        return phrase.isEmpty() ? "HTTP " + status : status + " " + phrase;
    }
}
