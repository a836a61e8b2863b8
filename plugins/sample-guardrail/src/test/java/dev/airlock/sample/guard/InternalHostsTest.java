package dev.airlock.sample.guard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InternalHostsTest {

    private final InternalHosts detector = new InternalHosts();

    @Test
    void findsHostsUnderPrivateSuffixesWithTheirRawOffsets() {
        String text = "Deploy to build01.corp, then check DB.prod.Internal and nas.home.arpa.";
        assertThat(detector.inspect(text, text)).extracting(h -> text.substring(h.start(), h.end()))
                .containsExactly("build01.corp", "DB.prod.Internal", "nas.home.arpa");
    }

    @Test
    void leavesOrdinaryWordsAndPublicNamesAlone() {
        String text = "For internal use: corporate policy at www.example.com, see corp.example.org and lan party.";
        assertThat(detector.inspect(text, text)).isEmpty();
    }
}
