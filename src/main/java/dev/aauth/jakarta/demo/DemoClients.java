package dev.aauth.jakarta.demo;

import dev.aauth.jakarta.config.AAuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * The demo's REST clients, built once with their target URLs from {@link AAuthConfig} ({@code
 * aauth.demo.supply-chain-url}, {@code aauth.demo.market-analysis-url}), so the agents can be
 * pointed at any AAuth resource. The providers come from the interfaces' {@code @RegisterProvider}.
 */
@ApplicationScoped
public class DemoClients {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject AAuthConfig config;

    private volatile SupplyChainClient supplyChain;
    private volatile MarketAnalysisClient marketAnalysis;

    public SupplyChainClient supplyChain() {
        if (supplyChain == null) {
            supplyChain =
                    build(
                            SupplyChainClient.class,
                            config.agent()
                                    .supplyChainUrl()
                                    .orElseThrow(
                                            () ->
                                                    new IllegalStateException(
                                                            AAuthConfig.DEMO_SUPPLY_CHAIN_URL
                                                                    + " is not set")));
        }
        return supplyChain;
    }

    public MarketAnalysisClient marketAnalysis() {
        if (marketAnalysis == null) {
            marketAnalysis =
                    build(
                            MarketAnalysisClient.class,
                            config.agent()
                                    .marketAnalysisUrl()
                                    .orElseThrow(
                                            () ->
                                                    new IllegalStateException(
                                                            AAuthConfig.DEMO_MARKET_ANALYSIS_URL
                                                                    + " is not set")));
        }
        return marketAnalysis;
    }

    private static <T> T build(Class<T> type, String url) {
        return RestClientBuilder.newBuilder()
                .baseUri(URI.create(url))
                .connectTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .readTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .build(type);
    }
}
