package io.banditore.support;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** WireMock standing in for each provider (Telegram Bot API, X API v2, TikTok Content Posting API, Instagram Graph API, YouTube Data API and Google's OAuth token endpoint); tests reach them through {@link Providers}. */
public class ProviderStubsResource implements QuarkusTestResourceLifecycleManager {

    private final Map<String, WireMockServer> servers = new LinkedHashMap<>();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        for (String provider : Providers.NAMES) {
            WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            server.start();
            servers.put(provider, server);
            config.put("quarkus.rest-client." + provider + ".url", server.baseUrl());
        }
        return config;
    }

    @Override
    public void stop() {
        servers.values().forEach(WireMockServer::stop);
    }
}
