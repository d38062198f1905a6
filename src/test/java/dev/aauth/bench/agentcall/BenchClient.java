package dev.aauth.bench.agentcall;

import dev.aauth.jakarta.agent.AAuthClientFilter;
import dev.aauth.jakarta.agent.AuthTokenChallengeMapper;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/**
 * BENCHMARK ONLY: the agent's MicroProfile REST Client of the supply-chain resource, registered
 * exactly as the demo's {@code SupplyChainClient} (the signing filter and the challenge mapper).
 */
@RegisterProvider(AAuthClientFilter.class)
@RegisterProvider(AuthTokenChallengeMapper.class)
@Produces(MediaType.APPLICATION_JSON)
public interface BenchClient {

    /** What {@link BenchClient#echo} sends: a small JSON object, as the demo's requests are. */
    record Payload(String sku, Integer quantity, String note) {}

    @GET
    @Path("api/inventory")
    JsonObject inventory();

    @POST
    @Path("bench/echo")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonObject echo(Payload payload);
}
