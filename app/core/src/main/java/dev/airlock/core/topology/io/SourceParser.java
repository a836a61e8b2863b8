package dev.airlock.core.topology.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.airlock.core.file.BoundedFiles;
import dev.airlock.core.file.StrictUtf8;
import dev.airlock.core.problem.Location;
import dev.airlock.core.topology.io.SourceNode.Entry;
import dev.airlock.core.topology.io.SourceNode.ListNode;
import dev.airlock.core.topology.io.SourceNode.MapNode;
import dev.airlock.core.topology.io.SourceNode.ScalarKind;
import dev.airlock.core.topology.io.SourceNode.ScalarNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the bytes of a topology file into a {@link SourceNode} tree, or into one located problem. Hostile input
 * is expected: size, nesting, alias expansion and node count are all bounded before or while parsing.
 */
final class SourceParser {

    static final int MAX_BYTES = 4 * 1024 * 1024;
    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 100_000;
    private static final int MAX_COLLECTION_ALIASES = 50;

    private final String file;
    private int nodes;

    SourceParser(String file) {
        this.file = file;
    }

    /** Thrown for input that cannot be read as a document at all; carries the one line to show. */
    static final class Unreadable extends Exception {
        private final transient Location location;

        Unreadable(Location location, String message) {
            super(message, null, false, false);
            this.location = location;
        }

        Location location() {
            return location;
        }
    }

    SourceNode parse(byte[] bytes) throws Unreadable {
        if (bytes.length > MAX_BYTES) {
            throw new Unreadable(Location.start(file), BoundedFiles.tooLarge(MAX_BYTES, "a topology"));
        }
        String text = decode(bytes);
        if (text.isBlank()) {
            throw new Unreadable(Location.start(file), "file is empty; expected a Topology document");
        }
        return looksLikeJson(text) ? parseJson(text) : parseYaml(text);
    }

    private boolean looksLikeJson(String text) {
        return file.endsWith(".json") || text.stripLeading().startsWith("{");
    }

    private String decode(byte[] bytes) throws Unreadable {
        int scan = Math.min(bytes.length, 8192);
        for (int i = 0; i < scan; i++) {
            if (bytes[i] == 0) {
                throw new Unreadable(locationOfByte(bytes, i), "binary data (a NUL byte); expected a YAML or JSON text");
            }
        }
        try {
            return StrictUtf8.decode(bytes);
        } catch (StrictUtf8.MalformedException e) {
            throw new Unreadable(locationOfByte(bytes, e.offset()),
                    "not valid UTF-8 (byte 0x" + Integer.toHexString(e.value()) + "); save the file as UTF-8");
        }
    }


    private Location locationOfByte(byte[] bytes, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new Location(file, line, column);
    }

    private SourceNode parseYaml(String text) throws Unreadable {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        options.setAllowDuplicateKeys(true); // reported by us, with both locations
        Yaml yaml = new Yaml(options);
        List<Node> documents = new ArrayList<>();
        try {
            for (Node document : yaml.composeAll(new StringReader(text))) {
                documents.add(document);
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Location at = mark == null ? Location.start(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new Unreadable(at, "YAML syntax: " + oneLine(problem));
        } catch (YAMLException e) {
            throw new Unreadable(Location.start(file), explainLimit(e.getMessage()));
        }
        if (documents.isEmpty()) {
            throw new Unreadable(Location.start(file), "file holds no YAML document; expected a Topology");
        }
        if (documents.size() > 1) {
            Mark second = documents.get(1).getStartMark();
            throw new Unreadable(new Location(file, second.getLine() + 1, second.getColumn() + 1),
                    "more than one YAML document; a topology file holds exactly one");
        }
        return fromYaml(documents.get(0), new IdentityHashMap<>(), 0);
    }

    private String explainLimit(String message) {
        String m = message == null ? "" : message;
        if (m.contains("aliases")) {
            return "too many aliases (more than " + MAX_COLLECTION_ALIASES + "); refusing a possible alias bomb";
        }
        if (m.contains("Nesting Depth")) {
            return "nested deeper than " + MAX_DEPTH + " levels";
        }
        if (m.contains("code points")) {
            return "document is larger than " + MAX_BYTES / (1024 * 1024) + " MiB";
        }
        return "YAML: " + oneLine(m);
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable" : s.replaceAll("\\s+", " ").trim();
    }

    private Location at(Node node) {
        Mark mark = node.getStartMark();
        return mark == null ? Location.start(file) : new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private SourceNode fromYaml(Node node, Map<Node, Boolean> onPath, int depth) throws Unreadable {
        countNode(node == null ? Location.start(file) : at(node), depth);
        if (onPath.containsKey(node)) {
            throw new Unreadable(at(node), "recursive alias; a topology cannot refer to itself");
        }
        if (node instanceof MappingNode mapping) {
            onPath.put(node, Boolean.TRUE);
            List<Entry> entries = new ArrayList<>();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                if (!(keyNode instanceof org.yaml.snakeyaml.nodes.ScalarNode key)) {
                    throw new Unreadable(at(keyNode), "a map key must be plain text");
                }
                if ("<<".equals(key.getValue()) || key.getTag().equals(Tag.MERGE)) {
                    throw new Unreadable(at(keyNode), "YAML merge keys (<<) are not supported in topologies");
                }
                entries.add(new Entry(key.getValue(), at(keyNode), fromYaml(tuple.getValueNode(), onPath, depth + 1)));
            }
            onPath.remove(node);
            return new MapNode(at(node), entries);
        }
        if (node instanceof SequenceNode sequence) {
            onPath.put(node, Boolean.TRUE);
            List<SourceNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(fromYaml(item, onPath, depth + 1));
            }
            onPath.remove(node);
            return new ListNode(at(node), items);
        }
        var scalar = (org.yaml.snakeyaml.nodes.ScalarNode) node;
        Tag tag = scalar.getTag();
        ScalarKind kind = Tag.INT.equals(tag) ? ScalarKind.INTEGER
                : Tag.FLOAT.equals(tag) ? ScalarKind.DECIMAL
                : Tag.BOOL.equals(tag) ? ScalarKind.BOOLEAN
                : Tag.NULL.equals(tag) ? ScalarKind.NULL
                : ScalarKind.STRING;
        return new ScalarNode(at(node), scalar.getValue(), kind);
    }

    private void countNode(Location location, int depth) throws Unreadable {
        if (++nodes > MAX_NODES) {
            throw new Unreadable(location, "document expands to more than " + MAX_NODES
                    + " values; refusing a possible alias bomb");
        }
        if (depth > MAX_DEPTH) {
            throw new Unreadable(location, "nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private SourceNode parseJson(String text) throws Unreadable {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_BYTES).build())
                .build();
        try (JsonParser parser = factory.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new Unreadable(Location.start(file), "file is empty; expected a Topology document");
            }
            SourceNode root = fromJson(parser, 0);
            if (parser.nextToken() != null) {
                throw new Unreadable(at(parser.currentTokenLocation()), "JSON syntax: content after the end of the document");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new Unreadable(l == null ? Location.start(file) : at(l), "JSON syntax: " + oneLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Unreadable(Location.start(file), "cannot read JSON: " + oneLine(e.getMessage()));
        }
    }

    private Location at(JsonLocation l) {
        return new Location(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    private SourceNode fromJson(JsonParser parser, int depth) throws IOException, Unreadable {
        Location location = at(parser.currentTokenLocation());
        countNode(location, depth);
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                List<Entry> entries = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Location keyLocation = at(parser.currentTokenLocation());
                    parser.nextToken();
                    entries.add(new Entry(key, keyLocation, fromJson(parser, depth + 1)));
                }
                return new MapNode(location, entries);
            }
            case START_ARRAY -> {
                List<SourceNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(fromJson(parser, depth + 1));
                }
                return new ListNode(location, items);
            }
            case VALUE_STRING -> {
                return new ScalarNode(location, parser.getText(), ScalarKind.STRING);
            }
            case VALUE_NUMBER_INT -> {
                return new ScalarNode(location, parser.getText(), ScalarKind.INTEGER);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new ScalarNode(location, parser.getText(), ScalarKind.DECIMAL);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new ScalarNode(location, parser.getText(), ScalarKind.BOOLEAN);
            }
            case VALUE_NULL -> {
                return new ScalarNode(location, "null", ScalarKind.NULL);
            }
            default -> throw new Unreadable(location, "JSON syntax: unexpected " + token);
        }
    }
}
