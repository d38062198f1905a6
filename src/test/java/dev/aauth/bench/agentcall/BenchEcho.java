package dev.aauth.bench.agentcall;

import dev.aauth.jakarta.resource.AAuthProtected;
import dev.aauth.jakarta.resource.AccessLevel;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * BENCHMARK ONLY (packaged only into the bench-only WAR variant {@code
 * aauth-jakarta-agentcall-bench.war}, never into the production WAR): a protected {@code POST} that
 * answers its body, so that {@link AgentCallEndpoint} measures a request with a body (the signing
 * filter's serialization and {@code content-digest}) against the same resource with both clients.
 * Annotated at the identity level (the bench WAR runs on every origin, and each origin checks its
 * annotations against its own scopes at start): on the supply-chain origin {@code
 * aauth.resource.require=auth-token} raises it to an auth token of the default scopes, which the
 * backend agent is granted autonomously, as for {@code GET /api/inventory}.
 */
@Path("bench/echo")
@RequestScoped
public class BenchEcho {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @AAuthProtected(level = AccessLevel.IDENTITY)
    public String echo(String body) {
        return body;
    }
}
