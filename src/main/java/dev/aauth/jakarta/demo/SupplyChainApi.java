package dev.aauth.jakarta.demo;

import dev.aauth.agent.AgentCall;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.agent.AAuthAgent;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jakarta.resource.AAuthCaller;
import dev.aauth.jakarta.resource.AAuthProtected;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The supply-chain agent's API (origin 9081 in the demo): laptop inventory, a replenishment
 * optimisation and purchase orders. Every endpoint needs an auth token with its scopes.
 */
@Path("api")
@DemoApi("supply-chain")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SupplyChainApi {

    @Inject AAuthCaller caller;
    @Inject Clock clock;
    @Inject AAuthConfig config;
    @Inject AAuthAgent agent;
    @Inject DemoClients clients;

    /** One inventory line as served. */
    public record InventoryLine(
            String sku,
            String model,
            String warehouse,
            int onHand,
            int reserved,
            int available,
            int reorderPoint,
            int leadTimeDays,
            double unitCostUsd) {}

    public record Inventory(
            String category, String asOf, List<InventoryLine> items, String requestedBy) {}

    /** {@code POST /api/optimize} input; every member optional. */
    public record OptimizeRequest(
            String category, Integer horizonDays, Integer serviceLevelPercent) {}

    public record Recommendation(
            String sku,
            String model,
            int available,
            int reorderPoint,
            int orderQuantity,
            String reason) {}

    /**
     * The plan; {@code marketOutlook} is what market-analysis answered the supply-chain agent,
     * which called it on behalf of the requester (call chaining), and {@code callChainSteps} how
     * (the demo page shows them: the 401, the exchange with {@code upstream_token}, the nested
     * {@code act}).
     */
    public record OptimizePlan(
            String category,
            int horizonDays,
            int serviceLevelPercent,
            List<Recommendation> recommendations,
            double estimatedSpendUsd,
            String requestedBy,
            String onBehalfOf,
            JsonObject marketOutlook,
            String marketOutlookUnavailable,
            List<Map<String, Object>> callChainSteps) {}

    public record OrderRequest(String sku, Integer quantity) {}

    public record Order(
            String orderId,
            String sku,
            String model,
            int quantity,
            double totalUsd,
            String status,
            String placedBy,
            String onBehalfOf,
            String placedAt) {}

    @GET
    @Path("inventory")
    @AAuthProtected(scopes = "supply-chain:read")
    public Inventory inventory() {
        List<InventoryLine> lines = new ArrayList<>();
        for (LaptopCatalog.StockItem s : LaptopCatalog.STOCK) {
            lines.add(
                    new InventoryLine(
                            s.sku(),
                            s.model(),
                            s.warehouse(),
                            s.onHand(),
                            s.reserved(),
                            s.available(),
                            s.reorderPoint(),
                            s.leadTimeDays(),
                            s.unitCostUsd()));
        }
        // the caller is always present behind the AAuth filter; absent only in the benchmark's
        // unprotected twin
        return new Inventory(
                "laptops",
                clock.instant().toString(),
                lines,
                caller.isPresent() ? caller.agent() : null);
    }

    @POST
    @Path("optimize")
    @Consumes(MediaType.APPLICATION_JSON)
    @AAuthProtected(scopes = {"supply-chain:check", "supply-chain:read"})
    public OptimizePlan optimize(OptimizeRequest request) {
        int horizon = request != null && request.horizonDays() != null ? request.horizonDays() : 30;
        int service =
                request != null && request.serviceLevelPercent() != null
                        ? request.serviceLevelPercent()
                        : 95;
        List<Recommendation> recs = new ArrayList<>();
        double spend = 0;
        for (LaptopCatalog.StockItem s : LaptopCatalog.STOCK) {
            if (s.available() < s.reorderPoint()) {
                int qty =
                        (int)
                                Math.ceil(
                                        (s.reorderPoint() - s.available())
                                                * (1 + (service - 90) / 50.0)
                                                * Math.max(1.0, horizon / 30.0));
                spend += qty * s.unitCostUsd();
                recs.add(
                        new Recommendation(
                                s.sku(),
                                s.model(),
                                s.available(),
                                s.reorderPoint(),
                                qty,
                                "available below reorder point; lead time "
                                        + s.leadTimeDays()
                                        + " days"));
            }
        }
        JsonObject outlook = null;
        String unavailable = null;
        DemoFlow chain = new DemoFlow("call-chain", "market-analysis");
        try {
            outlook = marketOutlook(chain);
        } catch (AAuthException e) {
            // e.g. the caller's auth token is not from this agent's Person Server: no chain
            // possible
            unavailable = e.code() + ": " + e.detail();
        }
        return new OptimizePlan(
                "laptops",
                horizon,
                service,
                recs,
                Math.round(spend * 100) / 100.0,
                caller.agent(),
                caller.subject().orElse(null),
                outlook,
                unavailable,
                chain.steps());
    }

    /**
     * Call chaining: this resource, as the agent {@code aauth:supply-chain@...}, asks
     * market-analysis on behalf of its caller, passing the caller's auth token as {@code
     * upstream_token} ("the resource acting as an agent includes the upstream auth token"). Only
     * where this origin is an agent with a market-analysis client configured; otherwise the plan
     * has no outlook.
     */
    private JsonObject marketOutlook(DemoFlow steps) {
        if (!config.hasRole(Role.AGENT)
                || config.agent().marketAnalysisUrl().isEmpty()
                || caller.token().isEmpty()) {
            return null;
        }
        String upstream = caller.token().get().compact();
        // the call speaks the caller's draft: a -11 caller's auth token is the upstream_token of
        // a -11 flow (person token, then auth token), never of a -01 exchange
        return agent.call(
                AgentCall.DEFAULT.onBehalfOf(upstream).withEvents(steps).speaking(caller.profile()),
                () -> clients.marketAnalysis().laptops());
    }

    @POST
    @Path("orders")
    @Consumes(MediaType.APPLICATION_JSON)
    @AAuthProtected(scopes = "supply-chain:optimize")
    public Response placeOrder(OrderRequest request) {
        LaptopCatalog.StockItem item =
                request == null || request.sku() == null
                        ? null
                        : LaptopCatalog.bySku(request.sku());
        if (item == null
                || request.quantity() == null
                || request.quantity() < 1
                || request.quantity() > 10_000) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(
                            "{\"error\":\"invalid_request\",\"error_description\":\"a known sku and a quantity of 1-10000\"}")
                    .build();
        }
        Order order =
                new Order(
                        "PO-"
                                + UUID.randomUUID()
                                        .toString()
                                        .substring(0, 8)
                                        .toUpperCase(java.util.Locale.ROOT),
                        item.sku(),
                        item.model(),
                        request.quantity(),
                        Math.round(request.quantity() * item.unitCostUsd() * 100) / 100.0,
                        "placed",
                        caller.agent(),
                        caller.subject().orElse(null),
                        clock.instant().toString());
        return Response.status(Response.Status.CREATED).entity(order).build();
    }
}
