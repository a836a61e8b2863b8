package dev.airlock.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a Docker-compatible engine may listen, in the order a user would expect: {@code DOCKER_HOST} alone when
 * set; otherwise the current docker context, then the usual sockets of Docker, Docker Desktop,
 * rootless Docker, Colima and Podman. Reads the environment and files only; it does not connect.
 */
final class EngineCandidates {

    /** One place to try, and why it is on the list (shown when nothing answers). */
    record Candidate(String host, String source) {
    }

    private final Map<String, String> env;
    private final Path home;

    EngineCandidates(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    static EngineCandidates ofThisProcess() {
        return new EngineCandidates(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    List<Candidate> list() {
        Map<String, Candidate> byHost = new LinkedHashMap<>();
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            // An explicit engine is the user's choice: falling back to another would run agents somewhere unasked.
            return List.of(new Candidate(dockerHost.trim(), "DOCKER_HOST"));
        }
        currentContextHost().ifPresent(c -> add(byHost, c.host(), c.source()));
        add(byHost, "unix:///var/run/docker.sock", "default socket");
        add(byHost, "unix://" + home.resolve(".docker/run/docker.sock"), "Docker Desktop per-user socket");
        String runtimeDir = env.getOrDefault("XDG_RUNTIME_DIR", "");
        if (!runtimeDir.isBlank()) {
            add(byHost, "unix://" + Path.of(runtimeDir, "docker.sock"), "rootless Docker");
            add(byHost, "unix://" + Path.of(runtimeDir, "podman", "podman.sock"), "rootless Podman");
        }
        add(byHost, "unix://" + home.resolve(".colima/default/docker.sock"), "Colima");
        add(byHost, "unix:///run/podman/podman.sock", "Podman");
        return List.copyOf(byHost.values());
    }

    private static void add(Map<String, Candidate> byHost, String host, String source) {
        byHost.putIfAbsent(host, new Candidate(host, source));
    }

    private Path configDir() {
        String dir = env.get("DOCKER_CONFIG");
        return dir != null && !dir.isBlank() ? Path.of(dir) : home.resolve(".docker");
    }

    /** The endpoint of the docker CLI's current context, unless it is the implicit {@code default}. */
    Optional<Candidate> currentContextHost() {
        String name = env.get("DOCKER_CONTEXT");
        String source = "DOCKER_CONTEXT";
        ObjectMapper json = new ObjectMapper();
        if (name == null || name.isBlank()) {
            Path config = configDir().resolve("config.json");
            source = config.toString();
            try {
                name = Files.isRegularFile(config) ? json.readTree(config.toFile()).path("currentContext").asText("")
                        : "";
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        if (name.isBlank() || name.equals("default")) {
            return Optional.empty();
        }
        Path meta = configDir().resolve("contexts/meta").resolve(sha256(name)).resolve("meta.json");
        try {
            JsonNode host = json.readTree(meta.toFile()).path("Endpoints").path("docker").path("Host");
            return host.isTextual() ? Optional.of(new Candidate(host.asText(), "docker context '" + name + "' ("
                    + source + ")")) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> describe(List<Candidate> tried, List<String> failures) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < tried.size(); i++) {
            lines.add(tried.get(i).host() + " (" + tried.get(i).source() + "): " + failures.get(i));
        }
        return lines;
    }
}
