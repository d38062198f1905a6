package dev.aauth.jakarta.demo;

import dev.aauth.jakarta.resource.AAuthCaller;
import dev.aauth.jakarta.resource.AAuthProtected;
import dev.aauth.jakarta.resource.AccessLevel;
import dev.aauth.token.Actor;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The market-analysis agent's API (origin 9082 in the demo), one endpoint per way of declaring
 * protection (docs/resources.md):
 *
 * <ul>
 *   <li>{@code GET /api/market/laptops}, the laptop market outlook: annotated, an auth token with
 *       {@code market-analysis:read};
 *   <li>{@code GET /api/market/status}: configuration only, an exact rule ({@code GET
 *       /api/market/status=identity} in the demo server.xml);
 *   <li>{@code GET /api/market/reports/{period}}: configuration only, a prefix rule ({@code *
 *       /api/market/reports/*=auth-token:market-analysis:read});
 *   <li>{@code GET /api/market/segments}: annotated {@code identity}, tightened by a rule to an
 *       auth token ({@code GET /api/market/segments=auth-token:market-analysis:read}): where both
 *       apply the stricter wins.
 * </ul>
 */
@Path("api/market")
@DemoApi("market-analysis")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MarketAnalysisApi {

    @Inject AAuthCaller caller;
    @Inject Clock clock;

    public record Segment(
            String segment,
            double shareOfUnitsPercent,
            double demandChangeQoqPercent,
            double averageSellingPriceUsd,
            double priceChangeQoqPercent) {}

    /**
     * The outlook, and what this resource saw of its caller: {@code requestedBy} the agent, {@code
     * onBehalfOf} the auth token's {@code sub}, {@code actorChain} the {@code act} claim from the
     * outermost actor inward (call chaining: {@code [aauth:supply-chain@..., aauth:backend@...]}).
     */
    public record Outlook(
            String category,
            String region,
            String period,
            List<Segment> segments,
            List<String> signals,
            String recommendation,
            String requestedBy,
            String onBehalfOf,
            List<String> actorChain,
            String asOf) {}

    public record Status(String service, String status, String caller, String asOf) {}

    @GET
    @Path("laptops")
    @AAuthProtected(scopes = "market-analysis:read")
    public Outlook laptops() {
        return new Outlook(
                "laptops",
                "North America + EU",
                "next two quarters",
                List.of(
                        new Segment("business ultraportable", 38.5, 6.2, 1245.00, -1.8),
                        new Segment("consumer thin-and-light", 34.0, 2.1, 899.00, -3.5),
                        new Segment("mobile workstation", 9.5, 11.4, 2310.00, 0.9),
                        new Segment("education / Chromebook", 18.0, -4.7, 329.00, -0.6)),
                List.of(
                        "Windows 10 end-of-support refresh cycle still lifting business demand",
                        "AI-PC (NPU) models take a growing share of new enterprise orders",
                        "DRAM and SSD contract prices up, pressuring mid-range margins",
                        "Back-to-school pull-in expected from July"),
                "Raise business ultraportable and workstation safety stock by 10-15%; hold consumer lines.",
                caller.agent(),
                caller.subject().orElse(null),
                actorChain(),
                clock.instant().toString());
    }

    private List<String> actorChain() {
        List<String> chain = new ArrayList<>();
        for (Actor a = caller.actor().orElse(null); a != null; a = a.act()) {
            chain.add(a.sub());
        }
        return chain;
    }

    public record Report(String period, String summary, String asOf) {}

    /**
     * The segment names. The annotation asks for identity only; the demo configuration raises it to
     * an auth token, which is what is enforced (a rule can tighten an annotation, never loosen it).
     */
    @GET
    @Path("segments")
    @AAuthProtected(level = AccessLevel.IDENTITY)
    public List<String> segments() {
        return List.of(
                "business ultraportable",
                "consumer thin-and-light",
                "mobile workstation",
                "education / Chromebook");
    }

    /** A period's report; protected by the prefix rule {@code * /api/market/reports/*} only. */
    @GET
    @Path("reports/{period}")
    public Report report(@PathParam("period") String period) {
        return new Report(
                period,
                "Business refresh demand holds; consumer lines flat.",
                clock.instant().toString());
    }

    @GET
    @Path("status")
    public Status status() {
        return new Status(
                "market-analysis",
                "up",
                caller.isPresent() ? caller.agent() : null,
                clock.instant().toString());
    }
}
