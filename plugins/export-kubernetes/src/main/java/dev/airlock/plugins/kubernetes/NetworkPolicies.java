package dev.airlock.plugins.kubernetes;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.SandboxRisk;
import dev.airlock.core.topology.Topology;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The network as the local sandbox has it: nothing by default; agents reach the gate on 7070 and DNS only; the
 * gate reaches what the topology allows. NetworkPolicies only add allowances, so each rule here is one pathway.
 */
final class NetworkPolicies {

    /** Where a host name may resolve to is unknown, but never the cluster's own networks or a cloud's metadata. */
    static final List<String> PRIVATE = List.of("10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "172.16.0.0/12",
            "192.168.0.0/16");

    private NetworkPolicies() {
    }

    static List<Manifest> of(Topology t, GateEgress egress, String ns) {
        Map<String, String> labels = Names.common(t.name());
        List<Manifest> out = new ArrayList<>();
        out.add(new Manifest(new NetworkPolicyBuilder()
                .withNewMetadata().withName("default-deny").withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec().withPodSelector(new LabelSelector()).withPolicyTypes("Ingress", "Egress").endSpec()
                .build(), "Nothing in this namespace sends or receives anything the policies below do not allow."));
        out.add(new Manifest(new NetworkPolicyBuilder()
                .withNewMetadata().withName("agents-to-gate").withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec()
                .withPodSelector(component("agent"))
                .withPolicyTypes("Egress")
                .withEgress(new NetworkPolicyEgressRuleBuilder().withTo(podPeer(component("gate")))
                        .withPorts(tcp(Names.GATE_PORT)).build(), dns())
                .endSpec()
                .build(), "Agents reach the gate and DNS, nothing else: every message goes through the gate."));
        out.add(new Manifest(new NetworkPolicyBuilder()
                .withNewMetadata().withName("gate-from-agents").withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec()
                .withPodSelector(component("gate"))
                .withPolicyTypes("Ingress")
                .addNewIngress().withFrom(podPeer(component("agent"))).withPorts(tcp(Names.GATE_PORT)).endIngress()
                .endSpec()
                .build(), "The gate accepts agents only, on 7070; each must present its projected token."));
        out.add(gateEgress(t, egress, ns, labels));
        for (AgentSpec a : t.agents()) {
            if (a.sandbox().loosens(SandboxRisk.Kind.NETWORK)) {
                out.add(new Manifest(new NetworkPolicyBuilder()
                        .withNewMetadata().withName(Names.agent(a.id()) + "-network").withNamespace(ns)
                        .withLabels(labels).endMetadata()
                        .withNewSpec()
                        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of(Names.AGENT_LABEL, a.id()))
                                .build())
                        .withPolicyTypes("Egress")
                        .withEgress(new NetworkPolicyEgressRule())
                        .endSpec()
                        .build(), "RISK allowed with allow-risks: agent '" + a.id() + "' has network '"
                        + a.sandbox().network() + "': it may connect anywhere, without the gate."));
            }
        }
        return out;
    }

    private static Manifest gateEgress(Topology t, GateEgress egress, String ns, Map<String, String> labels) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        List<String> comment = new ArrayList<>(List.of("The gate reaches only what the topology allows."));
        for (GateEgress.Destination d : egress.addresses()) {
            rules.add(new NetworkPolicyEgressRuleBuilder()
                    .withTo(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(d.cidr()).endIpBlock().build())
                    .withPorts(d.ports().stream().map(NetworkPolicies::tcp).toList())
                    .build());
            comment.add(d.element() + ": " + d.host() + " as " + d.cidr());
        }
        if (!egress.hostNames().isEmpty()) {
            rules.add(dns());
            rules.add(new NetworkPolicyEgressRuleBuilder()
                    .withTo(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("0.0.0.0/0")
                            .withExcept(PRIVATE).endIpBlock().build())
                    .withPorts(egress.hostNamePorts().stream().map(NetworkPolicies::tcp).toList())
                    .build());
            comment.add("A NetworkPolicy cannot name hosts: public addresses on these ports are open to the gate,");
            comment.add("and the gate itself allows only these host names (paths and queries too):");
            comment.add(egress.hostNames().stream().map(d -> d.element() + ": " + d.host())
                    .collect(Collectors.joining(", ")));
        }
        if (rules.isEmpty()) {
            comment.add("The topology allows no egress: none is open.");
        }
        return new Manifest(new NetworkPolicyBuilder()
                .withNewMetadata().withName("gate-egress").withNamespace(ns).withLabels(labels).endMetadata()
                .withNewSpec()
                .withPodSelector(component("gate"))
                .withPolicyTypes("Egress")
                .withEgress(rules)
                .endSpec()
                .build(), String.join("\n", comment));
    }

    private static LabelSelector component(String component) {
        return new LabelSelectorBuilder().withMatchLabels(Map.of(Names.COMPONENT_LABEL, component)).build();
    }

    private static NetworkPolicyPeer podPeer(LabelSelector selector) {
        return new NetworkPolicyPeerBuilder().withPodSelector(selector).build();
    }

    private static NetworkPolicyPort tcp(int port) {
        return new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(port)).build();
    }

    /** The cluster's DNS, in kube-system, on 53 over UDP and TCP. */
    private static NetworkPolicyEgressRule dns() {
        return new NetworkPolicyEgressRuleBuilder()
                .withTo(new NetworkPolicyPeerBuilder()
                        .withNamespaceSelector(new LabelSelectorBuilder()
                                .withMatchLabels(Map.of("kubernetes.io/metadata.name", "kube-system")).build())
                        .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("k8s-app", "kube-dns")).build())
                        .build())
                .withPorts(new NetworkPolicyPortBuilder().withProtocol("UDP").withPort(new IntOrString(53)).build(),
                        tcp(53))
                .build();
    }
}
