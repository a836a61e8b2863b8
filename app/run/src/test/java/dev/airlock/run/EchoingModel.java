package dev.airlock.run;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model endpoint on loopback that answers every request with one fixed status and body (which may say the key
 * back, as OpenAI's 401 does) and keeps the Authorization headers it was sent; and the check that a text holds no
 * piece of a key.
 */
final class EchoingModel implements AutoCloseable {

    /** The shortest piece of a key that counts as leaked. */
    static final int PIECE = 8;

    private final HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    EchoingModel(int status, String reply) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<String> authorizations() {
        return authorizations;
    }

    static void assertNoPieceOf(String key, String where, String text) {
        for (int i = 0; i + PIECE <= key.length(); i++) {
            assertThat(text).as("%s hold the key's piece %s", where, key.substring(i, i + PIECE))
                    .doesNotContain(key.substring(i, i + PIECE));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
