package dev.airlock.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.core.topology.GuardrailSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.validation.Catalog;
import dev.airlock.gate.guard.Finding;
import dev.airlock.gate.guard.Guardrails;
import dev.airlock.gate.guard.Scan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "scan",
        description = {"Run the gate's guardrails over text read from stdin and print one JSON object: the action "
                + "(allow, mask, block or ask), the findings, and the masked text when masking applies.",
                "Without --topology every built-in guardrail runs with its default action (pii: mask; secrets, "
                        + "sql-injection, prompt-injection: block); with one, its custom patterns run too and its "
                        + "action overrides apply.",
                "Exit 0 when the action is allow, 3 otherwise, 2 for bad input."})
final class ScanCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_INPUT = 16 << 20;

    @Option(names = "--topology", paramLabel = "FILE", description = "Use this topology's guardrails.")
    Path topology;

    @Option(names = "--explain", description = "Say which normalization step revealed each finding.")
    boolean explain;

    @Override
    public Integer call() throws IOException {
        String text = readStdin(System.in);
        Guardrails guardrails;
        Set<String> ids = new LinkedHashSet<>(Catalog.BUILTIN_GUARDRAILS.stream().sorted().toList());
        if (topology != null) {
            Topology t = TopologyLoader.loadValid(topology);
            guardrails = Guardrails.forTopology(t);
            t.guardrails().stream().filter(GuardrailSpec::isCustom).map(GuardrailSpec::id).forEach(ids::add);
        } else {
            guardrails = Guardrails.builtin();
        }
        try {
            Scan scan = guardrails.scan(text, List.copyOf(ids));
            Output.out().println(JSON.writeValueAsString(toJson(scan, explain)));
            return scan.action() == GuardrailSpec.Action.ALLOW ? ExitCode.OK : ExitCode.FINDINGS;
        } finally {
            guardrails.close();
        }
    }

    static ObjectNode toJson(Scan scan, boolean explain) {
        ObjectNode root = JSON.createObjectNode();
        root.put("action", scan.action().text());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : scan.findings()) {
            ObjectNode n = findings.addObject();
            n.put("detector", f.guardrail());
            n.put("rule", f.rule());
            n.put("action", f.action().text());
            if (f.located()) {
                n.put("start", f.start());
                n.put("end", f.end());
            }
            n.put("masked", f.masked());
            if (explain) {
                n.put("step", f.step());
                n.put("explanation", explain(f.step()));
            }
        }
        if (scan.action() == GuardrailSpec.Action.MASK || scan.action() == GuardrailSpec.Action.ASK) {
            root.put("text", scan.text());
        }
        return root;
    }

    /** A sentence per normalization step, in the order they were applied. */
    static String explain(String step) {
        List<String> parts = new ArrayList<>();
        for (String s : step.replace("window(", "window+").replace(")", "").split("\\+")) {
            parts.add(switch (s) {
                case "raw" -> "visible in the text as written";
                case "canonical" -> "after Unicode folding (compatibility forms, zero-width and bidi controls "
                        + "removed, look-alike letters and other scripts' digits mapped to ASCII)";
                case "collapse" -> "after collapsing spacing used to split it";
                case "leet" -> "after undoing leet substitutions";
                case "base64" -> "after decoding embedded base64";
                case "hex" -> "after decoding embedded hex";
                case "url" -> "after decoding URL-encoding";
                case "window" -> "across this and earlier messages on the same pipe";
                case "plugin" -> "reported by a detector plugin";
                case "policy" -> "by policy";
                default -> s;
            });
        }
        String joined = String.join(", then ", parts);
        return joined.substring(0, 1).toUpperCase(Locale.ROOT) + joined.substring(1);
    }

    static String readStdin(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_INPUT + 1);
        if (bytes.length > MAX_INPUT) {
            throw new UserError("stdin: more than " + MAX_INPUT / (1 << 20) + " MiB; scan a smaller piece");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UserError("stdin: not valid UTF-8 text");
        }
    }
}
