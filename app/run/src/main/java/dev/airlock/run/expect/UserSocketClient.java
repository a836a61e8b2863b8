package dev.airlock.run.expect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.run.RunException;
import dev.airlock.run.UserWire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Meets a topology's expectations against a gate that is already running ({@code airlock expect --connect}): sends
 * the expectation's user messages through the gate's user socket and checks the decisions and deliveries it
 * streams back with the same {@link ExpectationCheck} as {@code airlock run --expect}.
 */
public final class UserSocketClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UserSocketClient() {
    }

    /** The check once it is done, and a line per message the gate refused. */
    public record Outcome(ExpectationCheck check, boolean met, List<String> refused) {
    }

    /**
     * @param connectWithin how long to keep trying while the gate is still starting (no socket yet)
     * @throws RunException when no gate answers on {@code socket} in time
     */
    public static Outcome meet(Path socket, Expectations expectations, Duration connectWithin)
            throws IOException, InterruptedException {
        SocketChannel channel = connect(socket, connectWithin);
        ExpectationCheck check = new ExpectationCheck(expectations);
        List<String> refused = new ArrayList<>();
        try (channel) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            // A socket that accepts and never speaks is not a gate: give it as long as connecting may take.
            Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(Math.max(1000, connectWithin.toMillis()));
                    channel.close();
                } catch (InterruptedException | IOException e) {
                    // the hello came
                }
            });
            String first;
            try {
                first = in.readLine();
            } catch (IOException e) {
                first = null;
            }
            watchdog.interrupt();
            if (first == null) {
                throw new RunException("the gate on " + socket + " closed the user channel: this user is not "
                        + "admitted, or it is not an Airlock gate's user socket");
            }
            if (!isHello(first)) {
                throw new RunException("the user socket " + socket + " did not begin with an Airlock gate's hello; "
                        + "its first line was: " + (first.length() > 200 ? first.substring(0, 200) + "…" : first));
            }
            Thread reader = Thread.ofPlatform().daemon().name("expect-connect").start(() -> read(in, check,
                    refused));
            OutputStream out = Channels.newOutputStream(channel);
            long id = 0;
            for (Expectations.Message m : expectations.send()) {
                String line = UserWire.send(++id, m.to(), m.kind() == null ? "message" : m.kind(), m.text()) + "\n";
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            boolean met = check.await();
            reader.interrupt();
            synchronized (refused) {
                return new Outcome(check, met, List.copyOf(refused));
            }
        }
    }

    private static void read(BufferedReader in, ExpectationCheck check, List<String> refused) {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode n = JSON.readTree(line);
                switch (n.path("type").asText()) {
                    case "decision" -> check.publish(UserWire.decisionOf(n));
                    case "delivery" -> check.answer(n.path("from").asText(), n.path("text").asText());
                    case "verdict" -> {
                        if (!UserWire.action(n.path("action").asText()).passes()) {
                            synchronized (refused) {
                                refused.add("the gate refused the user's message " + n.path("id").asLong() + ": "
                                        + n.path("reason").asText());
                            }
                        }
                    }
                    default -> {
                        // hello and errors carry nothing to check
                    }
                }
            }
        } catch (IOException e) {
            // the gate closed the channel: what arrived is what is checked
        }
    }

    private static boolean isHello(String line) {
        try {
            return "hello".equals(JSON.readTree(line).path("type").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private static SocketChannel connect(Path socket, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return ch;
            } catch (IOException e) {
                ch.close();
                if (System.nanoTime() > deadline) {
                    throw new RunException("no gate answers on " + socket + " (" + e.getMessage() + ")");
                }
                Thread.sleep(200);
            }
        }
    }
}
