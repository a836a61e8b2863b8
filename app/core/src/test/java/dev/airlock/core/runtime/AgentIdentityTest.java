package dev.airlock.core.runtime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgentIdentityTest {

    @Test
    void numericUsersParseAndNamesDoNot() {
        assertThat(AgentIdentity.parse("1000")).contains(new AgentIdentity(1000, 1000));
        assertThat(AgentIdentity.parse(" 0:0 ")).contains(new AgentIdentity(0, 0));
        assertThat(AgentIdentity.parse("1780000001:42")).contains(new AgentIdentity(1780000001, 42));
        assertThat(AgentIdentity.parse("root")).isEmpty();
        assertThat(AgentIdentity.parse("1000:staff")).isEmpty();
        assertThat(AgentIdentity.parse("-1")).isEmpty();
        assertThat(AgentIdentity.parse("4294967296")).isEmpty();
        assertThat(AgentIdentity.parse(null)).isEmpty();
    }

    @Test
    void printsAsTheEngineWantsIt() {
        assertThat(new AgentIdentity(1780000001, 1780000001)).hasToString("1780000001:1780000001");
    }
}
