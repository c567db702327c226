package io.banditore.support;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import com.github.tomakehurst.wiremock.client.WireMock;

/** Clients of the WireMock servers that stand in for the providers, found through the application's configuration. */
public final class Providers {

    static final List<String> NAMES = List.of("telegram", "x", "tiktok");

    public static WireMock telegram() {
        return client("telegram");
    }

    public static WireMock x() {
        return client("x");
    }

    public static WireMock tiktok() {
        return client("tiktok");
    }

    public static void resetAll() {
        NAMES.forEach(n -> client(n).resetToDefaultMappings());
        NAMES.forEach(n -> client(n).resetRequests());
    }

    private static WireMock client(String provider) {
        URI url = URI.create(ConfigProvider.getConfig().getValue("quarkus.rest-client." + provider + ".url", String.class));
        return new WireMock(url.getHost(), url.getPort());
    }

    private Providers() {
    }
}
