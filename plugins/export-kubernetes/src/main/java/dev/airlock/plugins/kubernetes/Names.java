package dev.airlock.plugins.kubernetes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Resource names and labels shared by every manifest, and the names fixed by the gate's contract. */
final class Names {

    static final String GATE = "airlock-gate";
    static final int GATE_PORT = 7070;
    static final String POLICY_CONFIG_MAP = "airlock-policy";
    static final String POLICY_KEY = "topology.yaml";
    static final String JWKS_CONFIG_MAP = "airlock-jwks";
    static final String JWKS_KEY = "jwks.json";
    /** The Secret the user creates with the models' credentials; the export only refers to it. */
    static final String CREDENTIALS_SECRET = "airlock-model-credentials";
    static final String TOKEN_AUDIENCE = "airlock-gate";
    static final String TOKEN_VOLUME = "airlock-token";
    static final String TOKEN_DIR = "/var/run/secrets/airlock";
    static final long TOKEN_SECONDS = 600;

    static final String AGENT_LABEL = "airlock.dev/agent";
    static final String COMPONENT_LABEL = "app.kubernetes.io/component";

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private Names() {
    }

    static boolean isLabel(String name) {
        return LABEL.matcher(name).matches();
    }

    /** A topology's name as a label value: letters, digits, '-', '_', '.', at most 63, alphanumeric at both ends. */
    static String labelValue(String name) {
        String value = name.replaceAll("[^A-Za-z0-9_.-]+", "-");
        value = value.length() > 63 ? value.substring(0, 63) : value;
        value = value.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
        return value.isEmpty() ? "topology" : value;
    }

    static String agent(String agentId) {
        return "agent-" + agentId;
    }

    static String tool(String toolId) {
        return "tool-" + toolId;
    }

    /** The labels every resource of one topology's export carries. */
    static Map<String, String> common(String topology) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/managed-by", "airlock");
        labels.put("app.kubernetes.io/part-of", labelValue(topology));
        return labels;
    }

    static Map<String, String> gate(String topology) {
        Map<String, String> labels = common(topology);
        labels.put(COMPONENT_LABEL, "gate");
        return labels;
    }

    static Map<String, String> agentLabels(String topology, String agentId) {
        Map<String, String> labels = common(topology);
        labels.put(COMPONENT_LABEL, "agent");
        labels.put(AGENT_LABEL, agentId);
        return labels;
    }
}
