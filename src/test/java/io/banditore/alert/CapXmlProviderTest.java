package io.banditore.alert;

import static io.banditore.alert.CapXmlFiles.CAP_XML;
import static io.banditore.alert.CapXmlFiles.assertValidCap12;
import static io.banditore.alert.CapXmlFiles.fixture;
import static io.banditore.alert.CapXmlFiles.readXml;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;

/** The JAX-RS provider that reads and writes application/cap+xml bodies. */
class CapXmlProviderTest {

    @Test
    void providerReadsAndWritesAlertsAsCapXml() throws IOException {
        CapXmlProvider provider = new CapXmlProvider(CAP_XML);
        MediaType cap = MediaType.valueOf(CapXmlProvider.CAP_XML);

        assertThat(provider.isReadable(Alert.class, Alert.class, null, cap)).isTrue();
        assertThat(provider.isReadable(String.class, String.class, null, cap)).isFalse();
        Alert alert = provider.readFrom(Alert.class, Alert.class, null, cap, null, fixture("Oasis_AmberAlert.xml"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        provider.writeTo(alert, Alert.class, Alert.class, null, cap, null, out);

        assertValidCap12(out.toString(StandardCharsets.UTF_8));
        assertThat(readXml(out.toString(StandardCharsets.UTF_8))).isEqualTo(alert);
    }
}
