package dev.airlock.run.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.core.topology.GuardrailSpec;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.validation.Catalog;
import dev.airlock.gate.guard.Finding;
import dev.airlock.core.guard.GuardDetector;
import dev.airlock.core.plugin.Plugins;
import dev.airlock.gate.guard.Guardrails;
import dev.airlock.gate.guard.Scan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The gate's guardrails over one text, outside any run: what {@code airlock scan} reports. */
public final class GuardrailScan {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param json the action, the findings and, when masking applies, the masked text */
    public record Verdict(boolean allowed, ObjectNode json) {
    }

    private GuardrailScan() {
    }

    /**
     * Every built-in guardrail at its default action and every installed detector plugin, or, with a topology, its
     * custom patterns too and its action overrides.
     */
    public static Verdict scan(String text, Topology topology, boolean explain) {
        Set<String> ids = new LinkedHashSet<>(Catalog.BUILTIN_GUARDRAILS.stream().sorted().toList());
        List<GuardDetector> detectors = Plugins.installed().providers(GuardDetector.class);
        detectors.stream().map(GuardDetector::id).sorted().forEach(ids::add);
        Guardrails guardrails;
        if (topology != null) {
            guardrails = Guardrails.forTopology(topology);
            topology.guardrails().stream().filter(GuardrailSpec::isCustom).map(GuardrailSpec::id).forEach(ids::add);
        } else {
            guardrails = Guardrails.create(List.of(), detectors);
        }
        try {
            Scan scan = guardrails.scan(text, List.copyOf(ids));
            return new Verdict(scan.action() == GuardrailSpec.Action.ALLOW, toJson(scan, explain));
        } finally {
            guardrails.close();
        }
    }

    private static ObjectNode toJson(Scan scan, boolean explain) {
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
    private static String explain(String step) {
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
                case "homoglyph" -> "after reading look-alike letters inside a number as the digits they imitate";
                case "spelled-digits" -> "after reading numbers spelled out in words as digits";
                case "reversed" -> "after reading the text backwards";
                case "rot13" -> "after undoing ROT13";
                case "window" -> "across this and earlier messages on the same pipe";
                case "plugin" -> "reported by a detector plugin";
                case "policy" -> "by policy";
                default -> s;
            });
        }
        String joined = String.join(", then ", parts);
        return joined.substring(0, 1).toUpperCase(Locale.ROOT) + joined.substring(1);
    }
}
