package dev.aauth.jakarta.demo;

import dev.aauth.agent.AgentCall;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.agent.AAuthAgent;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jakarta.store.AgentPendingCalls;
import io.nayuki.qrcodegen.QrCode;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The demo page's actions, run by the backend agent of the person origin (the {@code agent} role
 * with {@code aauth.demo.supply-chain-url} set; elsewhere {@code 404}):
 *
 * <ul>
 *   <li>{@code POST /demo/api/optimize}: seed 000, "Optimize Laptop Supply Chain": backend ->
 *       supply-chain {@code POST /api/optimize} ({@code 401}, resource token, exchange, retry,
 *       {@code 200}); supply-chain calls market-analysis on the backend's behalf. Answers when
 *       done.
 *   <li>{@code POST /demo/api/orders}: seed 004, "Place orders": {@code POST /api/orders} needs
 *       {@code supply-chain:optimize}, which the Person Server always asks the person about.
 *       Answers at once with the flow's id; the page polls {@code GET /demo/api/flows/{id}} for the
 *       interaction link and code, shows {@code GET /demo/api/flows/{id}/qr.svg}, and the outcome.
 * </ul>
 *
 * Each answer is the flow's steps ({@link DemoFlow#view()}).
 */
@Path("demo/api")
@RequiresRole(Role.AGENT)
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DemoActionsApi {

    private static final Logger LOG = Logger.getLogger(DemoActionsApi.class.getName());

    @Inject AAuthConfig config;
    @Inject AAuthAgent agent;
    @Inject DemoClients clients;
    @Inject DemoFlows flows;
    @Inject AgentPendingCalls pending;
    @Resource ManagedExecutorService executor;

    static final String ORDERS = "orders";

    @POST
    @Path("optimize")
    public Map<String, Object> optimize(
            @QueryParam("fresh") boolean fresh, @QueryParam("draft") String draft) {
        requireDemo();
        AAuthProfile profile = draft(draft);
        if (fresh) {
            agent.forgetAuthTokens(); // so the page shows the walkthrough's 401 and exchange again
        }
        DemoFlow flow = flows.start("optimize", profile);
        run(
                flow,
                call(flow, agent).speaking(profile),
                () ->
                        clients.supplyChain()
                                .optimize(new SupplyChainApi.OptimizeRequest("laptops", 30, 95)));
        return flow.view();
    }

    @POST
    @Path("orders")
    public Response placeOrders(
            @QueryParam("fresh") boolean fresh, @QueryParam("draft") String draft) {
        requireDemo();
        AAuthProfile profile = draft(draft);
        if (fresh) {
            agent.forgetAuthTokens(); // else an order after an approved one presents the cached
            // token
        }
        DemoFlow flow = flows.start(ORDERS, profile);
        String agentId = agent.credentials().agent();
        AgentCall call = call(flow, agent).speaking(profile);
        if (profile == AAuthProfile.DRAFT_01) {
            // a deferred -01 request is stored and resumed after a restart (DemoResume); a -11
            // one is not (AAuthAgent.resume is -01's)
            call =
                    call.whenDeferred(
                            p ->
                                    pending.save(
                                            flow.id(),
                                            agentId,
                                            ORDERS,
                                            p,
                                            config.agent().pendingTimeout()));
        }
        AgentCall orders = call;
        executor.submit(
                () -> {
                    try {
                        run(flow, orders, this::placeOrder);
                    } finally {
                        pending.delete(flow.id());
                    }
                });
        return Response.status(Response.Status.ACCEPTED).entity(flow.view()).build();
    }

    JsonObject placeOrder() {
        return placeOrder(clients);
    }

    /** The demo's purchase order: 70 Dell XPS 13, the optimisation's recommendation. */
    static JsonObject placeOrder(DemoClients clients) {
        return clients.supplyChain().placeOrder(new SupplyChainApi.OrderRequest("LAP-XPS-13", 70));
    }

    @GET
    @Path("flows/{id}")
    public Map<String, Object> flow(@PathParam("id") String id) {
        requireDemo();
        return flows.find(id).orElseThrow(NotFoundException::new).view();
    }

    /** The interaction URL as a QR code, drawn here: the page loads nothing from elsewhere. */
    @GET
    @Path("flows/{id}/qr.svg")
    @Produces("image/svg+xml")
    public String qr(@PathParam("id") String id) {
        requireDemo();
        String url = flows.find(id).map(DemoFlow::userUrl).orElse(null);
        if (url == null) {
            throw new NotFoundException();
        }
        return svg(QrCode.encodeText(url, QrCode.Ecc.MEDIUM), 4);
    }

    /**
     * Why the backend agent asks, shown to the person on the consent screen (seed 004's consent
     * screen names the agent's purpose): "justification (OPTIONAL): A Markdown string declaring why
     * access is being requested. The PS SHOULD present this value to the user during consent."
     */
    static final String JUSTIFICATION =
            "Keep the **laptop supply** on target: I read the inventory and market trends, and "
                    + "place the purchase orders the optimisation recommends.";

    /**
     * The agent call of a demo action: its steps, interaction and questions go to the flow; the
     * token request carries {@link #JUSTIFICATION}; when the agent's provider publishes a {@code
     * callback_endpoint}, the interaction URL carries {@code callback=<endpoint>?flow=<id>}, so
     * after the decision the person's browser comes back to the demo page showing this flow (seed
     * 004: "Once the user consents, the auth server redirects back to the agent").
     */
    static AgentCall call(DemoFlow flow, AAuthAgent agent) {
        AgentCall call =
                AgentCall.DEFAULT
                        .withEvents(flow)
                        .withInteraction(flow)
                        .withClarification(DemoActionsApi::answer)
                        .withJustification(JUSTIFICATION);
        return agent.callbackEndpoint()
                .map(endpoint -> call.withCallback(endpoint + "?flow=" + flow.id()))
                .orElse(call);
    }

    static void run(DemoFlow flow, AgentCall call, Supplier<JsonObject> action) {
        AAuthAgent agent =
                jakarta.enterprise.inject.spi.CDI.current().select(AAuthAgent.class).get();
        try {
            flow.succeeded(agent.call(call, action));
        } catch (AAuthException e) {
            flow.failed(e.code() + ": " + e.detail());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "demo action " + flow.id() + " failed", e);
            flow.failed(String.valueOf(e.getMessage()));
        }
    }

    /** The backend's answer to a person's question during consent (the demo has one answer). */
    static String answer(String question, java.util.List<String> options) {
        return "I am the supply-chain backend agent. I place the purchase order the optimisation recommended "
                + "(70 x Dell XPS 13, about USD 73,430) and nothing else.";
    }

    /**
     * The draft the demo's agent speaks for this action: without {@code draft}, the agent's own
     * ({@code aauth.agent.draft}, draft-01 by default: the seed demo as it always was); else {@code
     * 01} / {@code draft-01} or {@code 11} / {@code draft-11}, when this origin serves it ({@code
     * aauth.profiles}); anything else is {@code 400}.
     */
    AAuthProfile draft(String draft) {
        AAuthProfile p;
        if (draft == null || draft.isEmpty()) {
            return config.agent().draft();
        }
        if (draft.equals("01") || draft.equals("draft-01")) {
            p = AAuthProfile.DRAFT_01;
        } else if (draft.equals("11") || draft.equals("draft-11")) {
            p = AAuthProfile.DRAFT_11;
        } else {
            throw new BadRequestException("draft is 01 or 11");
        }
        if (!config.profiles().contains(p)) {
            throw new BadRequestException("this origin does not serve " + p.id());
        }
        return p;
    }

    private void requireDemo() {
        if (config.agent().supplyChainUrl().isEmpty()) {
            throw new NotFoundException();
        }
    }

    static String svg(QrCode qr, int border) {
        StringBuilder sb = new StringBuilder();
        int size = qr.size + border * 2;
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" viewBox=\"0 0 ")
                .append(size)
                .append(' ')
                .append(size)
                .append(
                        "\" stroke=\"none\"><rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/><path d=\"");
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    sb.append('M')
                            .append(x + border)
                            .append(',')
                            .append(y + border)
                            .append("h1v1h-1z");
                }
            }
        }
        return sb.append("\" fill=\"#000000\"/></svg>").toString();
    }
}
