package dev.airlock.plugins.threatmodel;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.AllowEntry;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Rate;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.SandboxRisk;
import dev.airlock.core.topology.Scope;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolTrait;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.validation.ExfiltrationPath;
import dev.airlock.plugins.threatmodel.ThreatModel.PathFinding;
import dev.airlock.plugins.threatmodel.ThreatModel.Severity;
import dev.airlock.plugins.threatmodel.ThreatModel.Status;
import dev.airlock.plugins.threatmodel.ThreatModel.Threat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * The threats of each element and flow, STRIDE first, then the agentic ones from the OWASP Top 10 for LLM
 * Applications (2025): LLM01 prompt injection, LLM02 sensitive information disclosure, LLM06 excessive agency.
 * Every status is read from the policy: a hardened sandbox field, a tool scope, a guardrail on the pipe, an approval.
 */
final class ThreatRules {

    static final String LLM01 = "LLM01 Prompt Injection";
    static final String LLM02 = "LLM02 Sensitive Information Disclosure";
    static final String LLM06 = "LLM06 Excessive Agency";

    private static final Set<SandboxRisk.Kind> PRIVILEGE = EnumSet.of(SandboxRisk.Kind.ROOT_USER,
            SandboxRisk.Kind.CAPABILITIES, SandboxRisk.Kind.PRIVILEGE_ESCALATION,
            SandboxRisk.Kind.SECCOMP_ENGINE_DEFAULT, SandboxRisk.Kind.SECCOMP_UNCONFINED);

    private final Exposure x;
    private final Topology t;
    private final List<PathFinding> paths;

    ThreatRules(Exposure exposure, List<PathFinding> paths) {
        this.x = exposure;
        this.t = exposure.topology;
        this.paths = paths;
    }

    List<Threat> user() {
        return List.of(
                stride("Spoofing", "Another host account poses as the user",
                        "A process of another account connects to the run as the user.", Status.MITIGATED, Severity.Medium,
                        "The run's directory is 0700: only the account that started the run reaches the user's socket."),
                stride("Repudiation", "The user denies a message",
                        "A message that started an action cannot be traced back.", Status.MITIGATED, Severity.Low,
                        "The gate records every message and decision in the run's audit log."));
    }

    List<Threat> gate() {
        Rate rate = t.defaults().rate();
        return List.of(
                stride("Tampering", "An agent changes the policy",
                        "An agent rewrites the rules the gate enforces.", Status.MITIGATED, Severity.High,
                        "The gate reads the policy from the topology when the run starts; no frame can change it."),
                stride("Information disclosure", "A credential reaches an agent",
                        "A model or tool credential leaks into a container.", Status.MITIGATED, Severity.High,
                        "Credentials are references resolved inside the gate; their values never enter a container."),
                stride("Denial of service", "An agent floods or wedges the gate",
                        "One agent starves the others of the gate.", Status.MITIGATED, Severity.Medium,
                        "Per-pipe rate limits (default " + number(rate.perSecond()) + "/s, burst " + rate.burst()
                                + "), frames of at most " + t.defaults().maxFrame() + ", malformed frames answered with errors."),
                stride("Repudiation", "A refusal leaves no record",
                        "A blocked attempt cannot be shown afterwards.", Status.MITIGATED, Severity.Low,
                        "Every decision, delivered or blocked, is in the audit log with the rule that decided."));
    }

    List<Threat> agent(AgentSpec a) {
        String id = a.id();
        List<Threat> threats = new ArrayList<>();
        threats.add(stride("Spoofing", "Another process poses as " + id,
                "A process connects to the gate as " + id + " to use its scope.", Status.MITIGATED, Severity.High,
                "The gate admits a connection only from " + id + "'s own container uid with its token; a forged sender is refused."));
        threats.add(sandbox(a, "Tampering", "The agent alters its own image", Set.of(SandboxRisk.Kind.WRITABLE_ROOT),
                "Read-only root filesystem; only a size-limited /tmp is writable."));
        threats.add(stride("Repudiation", id + " denies an action",
                "An action of " + id + " cannot be attributed.", Status.MITIGATED, Severity.Low,
                "Every frame " + id + " sends is decided and recorded by the gate under its name."));
        threats.add(sandbox(a, "Information disclosure", "The agent reaches the network around the gate",
                Set.of(SandboxRisk.Kind.NETWORK), "No network: every IP socket is refused; the gate is the only way out."));
        Resources r = a.effectiveResources(t.defaults());
        threats.add(stride("Denial of service", id + " exhausts the host",
                "A runaway or hostile " + id + " takes the host's memory, CPU or process table.", Status.MITIGATED,
                Severity.Medium, "Limits: memory " + r.memory() + ", CPUs " + number(r.cpus()) + ", processes " + r.pids() + "."));
        threats.add(sandbox(a, "Elevation of privilege", "The agent gains privileges in its container", PRIVILEGE,
                "Non-root user, no capabilities, no-new-privileges and a strict seccomp profile."));
        injection(id).ifPresent(threats::add);
        disclosure(id).ifPresent(threats::add);
        agency(a).ifPresent(threats::add);
        return threats;
    }

    List<Threat> tool(ToolSpec tool) {
        List<Threat> threats = new ArrayList<>();
        List<String> holders = holders(tool.id());
        if (tool.type() == ToolType.FILES || tool.type() == ToolType.SQL) {
            List<String> writers = t.agents().stream().filter(a -> a.tools().stream().map(Scope::tryParse)
                    .flatMap(Optional::stream)
                    .anyMatch(s -> s.toolId().equals(tool.id()) && s.grantsWrite())).map(AgentSpec::id).toList();
            threats.add(writers.isEmpty()
                    ? stride("Tampering", "An agent alters " + tool.id(), "An injected agent corrupts what "
                            + tool.id() + " holds.", Status.MITIGATED, Severity.Medium,
                            "No agent holds a '/write' grant: " + tool.id() + " is read-only to " + list(holders) + ".")
                    : stride("Tampering", "An agent alters " + tool.id(), "An injected agent corrupts what "
                            + tool.id() + " holds.", Status.OPEN, Severity.Medium,
                            list(writers) + " may write (" + tool.id() + "/write); drop the grant where reading is enough."));
        }
        if (tool.traits().contains(ToolTrait.PRIVATE_DATA)) {
            List<PathFinding> leaks = paths.stream().filter(p -> p.path().privateData().equals(tool.id())).toList();
            threats.add(stride("Information disclosure", "Private data in " + tool.id() + " leaves the system",
                    tool.id() + " holds private data; " + list(holders) + " can read it.", worst(leaks),
                    leaks.isEmpty() ? Severity.Medium : Severity.High, leaks.isEmpty()
                            ? "Only " + list(holders) + " hold it in scope, and no pipe chain leads from them to a way out."
                            : leaks.size() + " exfiltration path" + (leaks.size() == 1 ? "" : "s") + " lead from it to a sink: "
                            + leaks.stream().map(p -> p.path().describe() + " (" + p.status().text + ")")
                            .collect(Collectors.joining("; ")) + "."));
        }
        if (tool.type() == ToolType.HTTP_FETCH) {
            threats.add(egress(tool, tool.allow()));
        }
        if (tool.type() == ToolType.MCP) {
            threats.add(stride("Elevation of privilege", "The MCP server escapes its scope",
                    "The server " + tool.id() + " acts beyond what its callers may do.", Status.MITIGATED, Severity.Medium,
                    "It runs in a hardened container of its own; agents see only the operations their scope names."));
        }
        if (tool.traits().contains(ToolTrait.UNTRUSTED_CONTENT)) {
            threats.add(llm(LLM01, "Untrusted content from " + tool.id(), "What " + tool.id()
                            + " returns may carry instructions planted by a third party.", Status.PARTIAL, Severity.High,
                    "Its results pass the prompt-injection guardrail, which blocks the forms it knows."));
        }
        if (tool.effectiveTraits().contains(ToolTrait.EXTERNAL_SEND)) {
            boolean approved = tool.approval() == ToolSpec.Approval.REQUIRED;
            threats.add(llm(LLM06, tool.id() + " sends data out", "Calls of " + tool.id()
                            + " carry data beyond the system.", approved ? Status.MITIGATED : Status.OPEN, Severity.High,
                    approved ? "Every call waits for a person's approval." : "Calls go out without approval; set approval: required."));
        }
        return threats;
    }

    List<Threat> model(ModelSpec m) {
        if (isLocal(m)) {
            return List.of(stride("Information disclosure", "Prompts leave the host", "What agents send to "
                    + m.id() + " reaches a third party.", Status.MITIGATED, Severity.Low,
                    "The scripted model answers inside the gate; prompts never leave the host."));
        }
        boolean pii = t.defaults().guardrails().contains("pii");
        return List.of(
                stride("Information disclosure", "Prompts leave the host", "What agents send to " + m.id() + " reaches "
                        + (m.endpoint() != null ? m.endpoint() : "the " + m.backend() + " provider") + ".",
                        pii ? Status.PARTIAL : Status.OPEN, Severity.Medium, pii
                                ? "Model requests pass the default guardrails, including pii."
                                : "Add pii to the defaults' guardrails: model requests pass the default guardrails."),
                llm(LLM01, "A completion carries instructions", "The provider's answer steers the agent.",
                        Status.PARTIAL, Severity.Medium, "Completions pass the prompt-injection guardrail."));
    }

    List<Threat> endpoint(String host) {
        return List.of(stride("Spoofing", host + " answers with planted content",
                "A compromised or look-alike " + host + " serves instructions.", Status.PARTIAL, Severity.Medium,
                "Answers reach agents only through the gate, past the prompt-injection guardrail; agents have no network."));
    }

    List<Threat> pipe(PipeSpec p) {
        List<Threat> threats = new ArrayList<>();
        List<String> guards = x.guardrails(p);
        threats.add(stride("Spoofing", "A message on " + p.id() + " claims another sender",
                "An agent forges the 'from' of a message.", Status.MITIGATED, Severity.High,
                "The gate stamps the sender from the connection; a forged sender is refused."));
        threats.add(stride("Tampering", "A message on " + p.id() + " is altered or misrouted",
                "A message is changed on the way or sent where the topology does not allow.", Status.MITIGATED,
                Severity.Medium, "Frames pass only through the gate, " + (p.direction() == PipeSpec.Direction.BOTH
                        ? "both ways" : "from " + p.from() + " to " + p.to() + " only") + ", with kinds " + p.kinds() + "."));
        boolean pii = guards.contains("pii");
        boolean privateEnd = holdsPrivate(p.from()) || (p.direction() == PipeSpec.Direction.BOTH && holdsPrivate(p.to()));
        threats.add(stride("Information disclosure", "Private data crosses " + p.id(),
                "PII or secrets pass to a party that should not see them.", pii ? Status.MITIGATED : Status.OPEN,
                privateEnd ? Severity.High : Severity.Low, pii
                        ? "Guardrails on the pipe: " + String.join(", ", guards) + "."
                        : "No pii guardrail on the pipe" + (guards.isEmpty() ? "" : " (has " + String.join(", ", guards) + ")") + "."));
        Rate rate = p.effectiveRate(t.defaults());
        threats.add(stride("Denial of service", p.id() + " is flooded", "A sender floods the receiver.",
                Status.MITIGATED, Severity.Low, "Rate " + number(rate.perSecond()) + "/s, burst " + rate.burst()
                        + ", frames of at most " + p.effectiveMaxFrame(t.defaults()) + "."));
        boolean taintedSender = x.tainted(p.from()) || (p.direction() == PipeSpec.Direction.BOTH && x.tainted(p.to()));
        if (taintedSender) {
            boolean guarded = guards.contains(PathAnalysis.INJECTION_GUARD);
            threats.add(llm(LLM01, "An injected instruction travels on " + p.id(),
                    "A sender exposed to untrusted content passes planted instructions on.", guarded ? Status.PARTIAL
                            : Status.OPEN, Severity.High, guarded ? "The prompt-injection guardrail on the pipe blocks the forms it knows."
                            : "No prompt-injection guardrail on the pipe."));
        }
        return threats;
    }

    List<Threat> toolCall(AgentSpec a, String entry) {
        return List.of(stride("Elevation of privilege", a.id() + " calls tools beyond " + entry,
                "The agent calls a tool or operation it was not given.", Status.MITIGATED, Severity.High,
                "Tool scope: " + a.id() + " holds " + entry + "; the gate refuses any call outside " + a.tools() + "."));
    }

    List<Threat> modelCall(AgentSpec a, String model) {
        return List.of(stride("Elevation of privilege", a.id() + " uses another model",
                "The agent spends another model's credential.", Status.MITIGATED, Severity.Medium,
                "Model scope: " + a.id() + " may use only " + a.models() + "."));
    }

    Threat egress(ToolSpec tool, List<AllowEntry> entries) {
        List<String> open = entries.stream().filter(AllowEntry::opensSendChannel).map(AllowEntry::host).distinct().toList();
        return open.isEmpty()
                ? stride("Information disclosure", "A request URL carries data out", "Data is encoded in the path or"
                        + " query of a request.", Status.MITIGATED, Severity.Medium,
                        "Only the listed paths and query names can be requested.")
                : stride("Information disclosure", "A request URL carries data out", "Data is encoded in the path or"
                        + " query of a request to " + String.join(", ", open) + ".", Status.OPEN, Severity.High,
                        "The allowlist leaves the URL open after " + String.join(", ", open)
                                + ": limit each entry's paths and set query to none or a list of names.");
    }

    private Optional<Threat> injection(String id) {
        SortedSet<String> direct = x.via(id, ToolTrait.UNTRUSTED_CONTENT);
        if (!direct.isEmpty()) {
            return Optional.of(llm(LLM01, id + " follows planted instructions", id + " reads untrusted content"
                    + " from " + String.join(", ", direct) + "; an instruction planted there can steer it.", Status.PARTIAL,
                    Severity.High, "Tool results pass the prompt-injection guardrail, which blocks the forms it knows;"
                            + " what gets past can use only " + id + "'s scope."));
        }
        if (!x.tainted(id)) {
            return Optional.empty();
        }
        List<PipeSpec> incoming = t.pipes().stream().filter(p -> feeds(p, id)).toList();
        boolean guarded = incoming.stream().allMatch(p -> x.guardrails(p).contains(PathAnalysis.INJECTION_GUARD));
        return Optional.of(llm(LLM01, id + " follows relayed instructions", "Agents that read untrusted content"
                        + " can pass planted instructions to " + id + ".", guarded ? Status.PARTIAL : Status.OPEN, Severity.High,
                guarded ? "Every pipe into " + id + " from an exposed agent has the prompt-injection guardrail."
                        : "Pipes into " + id + " without the prompt-injection guardrail: " + incoming.stream()
                        .filter(p -> !x.guardrails(p).contains(PathAnalysis.INJECTION_GUARD)).map(PipeSpec::id).toList() + "."));
    }

    private Optional<Threat> disclosure(String id) {
        SortedSet<String> data = x.via(id, ToolTrait.PRIVATE_DATA);
        if (data.isEmpty()) {
            return Optional.empty();
        }
        List<PathFinding> leaks = paths.stream().filter(p -> p.path().holder().equals(id)).toList();
        return Optional.of(llm(LLM02, id + " discloses private data", id + " holds private data from "
                        + String.join(", ", data) + ".", worst(leaks), leaks.isEmpty() ? Severity.Medium : Severity.High,
                leaks.isEmpty() ? "No chain of pipes leads from " + id + " to an agent that can send data out."
                        : "Exfiltration paths: " + leaks.stream().map(p -> p.path().describe() + " (" + p.status().text + ")")
                        .collect(Collectors.joining("; ")) + "."));
    }

    private Optional<Threat> agency(AgentSpec a) {
        SortedSet<String> senders = x.via(a.id(), ToolTrait.EXTERNAL_SEND);
        if (senders.isEmpty()) {
            return Optional.empty();
        }
        List<String> unapproved = senders.stream().filter(s -> t.tool(s).map(ToolSpec::approval)
                .orElse(ToolSpec.Approval.NEVER) != ToolSpec.Approval.REQUIRED).toList();
        boolean onPath = x.paths.stream().map(ExfiltrationPath::sender).anyMatch(a.id()::equals);
        return Optional.of(llm(LLM06, a.id() + " acts beyond the user's intent", a.id()
                        + " can send data out through " + String.join(", ", senders) + ".",
                unapproved.isEmpty() ? Status.MITIGATED : Status.OPEN, onPath ? Severity.High : Severity.Medium,
                unapproved.isEmpty() ? "Every call of " + String.join(", ", senders) + " waits for a person's approval."
                        : String.join(", ", unapproved) + " run" + (unapproved.size() == 1 ? "s" : "")
                        + " without approval; set approval: required."));
    }

    private Threat sandbox(AgentSpec a, String category, String title, Set<SandboxRisk.Kind> kinds, String hardened) {
        List<SandboxRisk> loosened = a.sandbox().risks().stream().filter(r -> kinds.contains(r.kind())).toList();
        if (loosened.isEmpty()) {
            return stride(category, title, title + ".", Status.MITIGATED, Severity.High, hardened);
        }
        return stride(category, title, title + ".", Status.OPEN, Severity.High, "The sandbox is loosened: "
                + loosened.stream().map(SandboxRisk::message).collect(Collectors.joining("; ")) + ".");
    }

    /** Whether the pipe carries messages into {@code id} from an agent a prompt injection can reach. */
    private boolean feeds(PipeSpec p, String id) {
        return (p.to().equals(id) && x.tainted(p.from()))
                || (p.direction() == PipeSpec.Direction.BOTH && p.from().equals(id) && x.tainted(p.to()));
    }

    private boolean holdsPrivate(String party) {
        return !x.via(party, ToolTrait.PRIVATE_DATA).isEmpty();
    }

    private List<String> holders(String tool) {
        return t.agents().stream().filter(a -> a.tools().stream().map(Scope::tryParse).flatMap(Optional::stream)
                .anyMatch(s -> s.toolId().equals(tool))).map(AgentSpec::id).toList();
    }

    static boolean isLocal(ModelSpec m) {
        return m.backend().equals("scripted");
    }

    private static Status worst(List<PathFinding> leaks) {
        return leaks.stream().map(PathFinding::status).max(Comparator.naturalOrder()).orElse(Status.MITIGATED);
    }

    private static String list(List<String> ids) {
        return ids.isEmpty() ? "no agent" : String.join(", ", ids);
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static Threat stride(String category, String title, String description, Status status, Severity severity,
                                 String mitigation) {
        return new Threat(Threat.STRIDE, category, title, description, status, severity, mitigation);
    }

    private static Threat llm(String category, String title, String description, Status status, Severity severity,
                              String mitigation) {
        return new Threat(Threat.OWASP_LLM, category, title, description, status, severity, mitigation);
    }
}
