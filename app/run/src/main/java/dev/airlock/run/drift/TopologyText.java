package dev.airlock.run.drift;

import dev.airlock.core.problem.Location;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

/**
 * A topology file's text with its YAML node tree (JSON is YAML too), so an entry can be located and cut out of
 * the text exactly, keeping every comment and the order of everything else. Paths name mapping keys and list
 * indexes: {@code agents/1/tools/0}.
 */
final class TopologyText {

    private final String file;
    private final String text;
    private final Node root;

    private TopologyText(String file, String text, Node root) {
        this.file = file;
        this.text = text;
        this.root = root;
    }

    /** @throws IllegalArgumentException when the text is not one YAML document (the topology reader said it was) */
    static TopologyText parse(String file, String text) {
        LoaderOptions options = new LoaderOptions();
        // The text is bounded already (the reader's 4 MiB); SnakeYAML's own default limit is lower in code points.
        options.setCodePointLimit(Integer.MAX_VALUE);
        try {
            Node root = new Yaml(options).compose(new StringReader(text));
            if (root == null) {
                throw new IllegalArgumentException(file + " holds no document");
            }
            return new TopologyText(file, text, root);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(file + ": cannot be edited as YAML text: "
                    + e.getMessage().replaceAll("\\s*\\n\\s*", " "), e);
        }
    }

    String file() {
        return file;
    }

    String text() {
        return text;
    }

    /** The node at {@code path}; a single scalar stands for a list of one ({@code tools: db}), as the reader takes it. */
    Optional<Node> node(String path) {
        Node at = root;
        for (String segment : path.split("/")) {
            if (at instanceof MappingNode map) {
                at = value(map, segment).orElse(null);
            } else if (at instanceof SequenceNode seq && segment.matches("\\d+")) {
                int i = Integer.parseInt(segment);
                at = i < seq.getValue().size() ? seq.getValue().get(i) : null;
            } else if (at instanceof ScalarNode && segment.equals("0")) {
                // The scalar itself, the only entry of its list.
            } else {
                at = null;
            }
            if (at == null) {
                return Optional.empty();
            }
        }
        return Optional.of(at);
    }

    /** The key node whose value is at {@code path} (a mapping entry). */
    Optional<Node> keyOf(String path) {
        int slash = path.lastIndexOf('/');
        Optional<Node> parent = slash < 0 ? Optional.of(root) : node(path.substring(0, slash));
        String key = path.substring(slash + 1);
        return parent.filter(MappingNode.class::isInstance).map(MappingNode.class::cast).flatMap(map ->
                map.getValue().stream().filter(t -> isKey(t, key)).map(NodeTuple::getKeyNode).findFirst());
    }

    Location location(String path) {
        Mark mark = node(path).map(Node::getStartMark).orElseThrow(() -> missing(path));
        return new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Where a mark is in the text, in chars: marks count code points. */
    int offset(Mark mark) {
        return text.offsetByCodePoints(0, mark.getIndex());
    }

    IllegalStateException missing(String path) {
        return new IllegalStateException(file + " has no '" + path + "' though its topology does");
    }

    private static Optional<Node> value(MappingNode map, String key) {
        List<NodeTuple> tuples = map.getValue();
        return tuples.stream().filter(t -> isKey(t, key)).map(NodeTuple::getValueNode).findFirst();
    }

    private static boolean isKey(NodeTuple t, String key) {
        return t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key);
    }
}
