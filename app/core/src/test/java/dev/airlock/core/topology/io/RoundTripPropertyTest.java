package dev.airlock.core.topology.io;

import dev.airlock.core.topology.AgentSpec;
import dev.airlock.core.topology.AllowEntry;
import dev.airlock.core.topology.ByteSize;
import dev.airlock.core.topology.CredentialRef;
import dev.airlock.core.topology.Defaults;
import dev.airlock.core.topology.GuardrailSpec;
import dev.airlock.core.topology.ModelSpec;
import dev.airlock.core.topology.PathGlob;
import dev.airlock.core.topology.PipeSpec;
import dev.airlock.core.topology.Position;
import dev.airlock.core.topology.Rate;
import dev.airlock.core.topology.Resources;
import dev.airlock.core.topology.RestartPolicy;
import dev.airlock.core.topology.SandboxOverrides;
import dev.airlock.core.topology.Seccomp;
import dev.airlock.core.topology.ToolSpec;
import dev.airlock.core.topology.ToolTrait;
import dev.airlock.core.topology.ToolType;
import dev.airlock.core.topology.Topology;
import dev.airlock.core.topology.UserSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the desktop or a program builds, saving and loading gives it back unchanged. */
class RoundTripPropertyTest {

    @Property(tries = 300)
    void saveThenLoadIsIdentity(@ForAll("topologies") Topology t) {
        String yaml = TopologyWriter.toYaml(t);
        LoadResult r = TopologyReader.parse("p.yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(r.problems()).as(yaml).isEmpty();
        assertThat(r.topology()).as(yaml).isEqualTo(t);
    }

    @Provide
    Arbitrary<Topology> topologies() {
        Arbitrary<String> ids = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(30)
                .filter(s -> s.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c)
                        || c == 0xFEFF || (c >= 0xFFF0) || Character.getType(c) == Character.UNASSIGNED));
        Arbitrary<List<String>> words = text.list().ofMaxSize(3);
        Arbitrary<ByteSize> sizes = Arbitraries.longs().between(1, 1L << 32).map(ByteSize::new);
        Arbitrary<Resources> resources = Combinators.combine(sizes.injectNull(0.3),
                Arbitraries.of(0.0, 0.5, 1.0, 2.25), Arbitraries.of(0, 64, 512), sizes.injectNull(0.3))
                .as(Resources::new);
        Arbitrary<Rate> rates = Combinators.combine(Arbitraries.of(0.5, 1.0, 20.0, 1000.0),
                Arbitraries.integers().between(1, 1000)).as(Rate::new);
        Arbitrary<SandboxOverrides> sandboxes = Combinators.combine(
                Arbitraries.of("none", "bridge").injectNull(0.5), Arbitraries.of(true, false).injectNull(0.5),
                Arbitraries.of("0:0", "1000:1000").injectNull(0.5), Arbitraries.of(List.<String>of(), List.of("NET_ADMIN")),
                Arbitraries.of(true, false).injectNull(0.5), Arbitraries.of(Seccomp.class).injectNull(0.5))
                .as(SandboxOverrides::new);
        Arbitrary<Map<String, String>> maps = Arbitraries.maps(ids, text).ofMaxSize(3);
        Arbitrary<AgentSpec> agents = Combinators.combine(ids, text, text, words, maps, resources.injectNull(0.5),
                        words, sandboxes)
                .as((id, description, image, command, env, res, models, sandbox) -> new AgentSpec(id, description,
                        image, null, command, env, res, models, List.of(), sandbox,
                        new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 2)));
        Arbitrary<List<PathGlob>> globs = Arbitraries.of(List.<String>of(), List.of("/guide/**"), List.of("/", "/a/*.html"))
                .map(list -> list.stream().map(PathGlob::parse).toList());
        Arbitrary<AllowEntry.Query> queries = Arbitraries.oneOf(Arbitraries.of(AllowEntry.Query.ANY, AllowEntry.Query.NONE),
                words.map(AllowEntry.Query::only));
        Arbitrary<List<AllowEntry>> allows = Combinators.combine(text, globs, queries).as(AllowEntry::new).list().ofMaxSize(3);
        Arbitrary<ToolSpec> tools = Combinators.combine(ids, text, Arbitraries.of(ToolType.class), allows,
                        Arbitraries.of(ToolSpec.Approval.class), Arbitraries.subsetOf(ToolTrait.values()), maps)
                .as((id, d, type, allow, approval, traits, options) ->
                        new ToolSpec(id, d, type, null, List.of(), allow, approval, traits, options));
        Arbitrary<ModelSpec> models = Combinators.combine(ids, ids, text.injectNull(0.5),
                        Arbitraries.of(CredentialRef.fromEnv("KEY"), CredentialRef.fromFile("/k")).injectNull(0.5), maps)
                .as((id, backend, model, cred, options) -> new ModelSpec(id, backend, model, null, cred, options));
        Arbitrary<PipeSpec> pipes = Combinators.combine(ids, ids, Arbitraries.of(PipeSpec.Direction.class),
                        ids.list().ofMinSize(1).ofMaxSize(3), ids.list().ofMaxSize(2).injectNull(0.5),
                        rates.injectNull(0.5), sizes.injectNull(0.5))
                .as(PipeSpec::new);
        Arbitrary<GuardrailSpec> guardrails = Combinators.combine(ids, text, text.injectNull(0.5),
                Arbitraries.of(GuardrailSpec.Action.class), Arbitraries.of(GuardrailSpec.Mask.class))
                .as(GuardrailSpec::new);
        Arbitrary<Map<String, Position>> layouts = Arbitraries.maps(ids, Combinators.combine(
                Arbitraries.integers().between(-5000, 5000), Arbitraries.of(0.0, 0.5, 12.25))
                .as((x, f) -> new Position(x + f, -x))).ofMaxSize(4).map(LinkedHashMap::new);
        Arbitrary<Defaults> defaults = Combinators.combine(resources, rates, sizes, ids.list().ofMaxSize(2))
                .as((r, rate, frame, g) -> new Defaults(Defaults.HARDENED.resources().overlay(r), rate, frame, g));
        Arbitrary<UserSpec> users = Combinators.combine(ids, text).as(UserSpec::new);
        return Combinators.combine(ids, text, users, defaults, models.list().ofMaxSize(2), tools.list().ofMaxSize(2),
                        agents.list().ofMaxSize(3), pipes.list().ofMaxSize(3))
                .flatAs((name, description, user, d, m, tl, a, p) -> Combinators.combine(
                        guardrails.list().ofMaxSize(2), layouts).as((g, layout) ->
                        new Topology(name, description, user, d, m, tl, a, p, g, layout)));
    }
}
