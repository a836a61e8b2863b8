package dev.airlock.plugins.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.core.model.ToolDefinition;
import dev.airlock.core.tool.Tool;
import dev.airlock.core.tool.ToolException;
import dev.airlock.core.tool.ToolInvocation;
import dev.airlock.core.tool.ToolResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code files}: read, list and (with a {@code write} grant) write text files inside the tool's workspace for this
 * run. Writes are refused unless the agent's scope entry says {@code tool/write}.
 */
final class FilesTool implements Tool {

    static final String RULE_READ_ONLY = "files.read-only";
    static final String RULE_SIZE = "files.size";
    private static final String SCHEMA = """
            {"type":"object","properties":{"op":{"enum":["read","list","write"]},"path":{"type":"string"},\
            "content":{"type":"string"}},"required":["op"]}""";

    private final String id;
    private final String description;
    private final WorkspacePaths paths;
    private final int maxBytes;

    FilesTool(String id, String description, WorkspacePaths paths, int maxBytes) {
        this.id = id;
        this.description = description.isEmpty() ? "Read and list files in this run's workspace" : description;
        this.paths = paths;
        this.maxBytes = maxBytes;
    }

    @Override
    public List<ToolDefinition> definitions() {
        return List.of(new ToolDefinition(id, description, SCHEMA));
    }

    @Override
    public ToolResult call(ToolInvocation invocation) throws ToolException {
        JsonNode args = Json.read(invocation.argumentsJson());
        String op = args.path("op").asText("");
        try {
            return switch (op) {
                case "read" -> read(args.path("path").asText(null));
                case "list" -> list(args.path("path").asText("."));
                case "write" -> write(args.path("path").asText(null), args.path("content").asText(""),
                        invocation.grants().contains("write"));
                default -> throw ToolException.refused("tool.arguments", "op must be read, list or write, not '" + op + "'");
            };
        } catch (NoSuchFileException e) {
            throw ToolException.failed("no such file in the workspace");
        } catch (IOException e) {
            throw ToolException.failed("file operation failed: " + e.getClass().getSimpleName());
        }
    }

    private ToolResult read(String relative) throws ToolException, IOException {
        Path file = paths.resolve(relative);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw ToolException.failed("'" + relative + "' is not a file in the workspace");
        }
        if (Files.size(file) > maxBytes) {
            throw ToolException.refused(RULE_SIZE, "'" + relative + "' is larger than " + maxBytes + " bytes");
        }
        String content = Files.readString(file, StandardCharsets.UTF_8);
        return new ToolResult(Json.MAPPER.createObjectNode().put("path", relative).put("content", content).toString());
    }

    private ToolResult list(String relative) throws ToolException, IOException {
        Path dir = ".".equals(relative) ? paths.root() : paths.resolve(relative);
        ObjectNode out = Json.MAPPER.createObjectNode().put("path", relative);
        ArrayNode entries = out.putArray("entries");
        try (Stream<Path> children = Files.list(dir)) {
            children.sorted().forEach(p -> entries.addObject()
                    .put("name", p.getFileName().toString())
                    .put("type", Files.isSymbolicLink(p) ? "link" : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : "file"));
        }
        return new ToolResult(out.toString());
    }

    private ToolResult write(String relative, String content, boolean granted) throws ToolException, IOException {
        if (!granted) {
            throw ToolException.refused(RULE_READ_ONLY, "writing needs '" + id + "/write' in the agent's tool scope");
        }
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw ToolException.refused(RULE_SIZE, "content is larger than " + maxBytes + " bytes");
        }
        Path file = paths.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        return new ToolResult(Json.MAPPER.createObjectNode().put("path", relative).put("written", bytes.length).toString());
    }
}
