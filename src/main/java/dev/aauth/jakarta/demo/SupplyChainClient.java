package dev.aauth.jakarta.demo;

import dev.aauth.jakarta.agent.AAuthClientFilter;
import dev.aauth.jakarta.agent.AuthTokenChallengeMapper;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The backend agent's client of the supply-chain resource: an ordinary MicroProfile REST Client
 * interface with the two AAuth providers registered. Its target URL is {@code
 * aauth.demo.supply-chain-url} ({@link DemoClients}).
 */
@RegisterRestClient(configKey = "aauth-supply-chain")
@RegisterProvider(AAuthClientFilter.class)
@RegisterProvider(AuthTokenChallengeMapper.class)
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public interface SupplyChainClient {

    @POST
    @Path("optimize")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonObject optimize(SupplyChainApi.OptimizeRequest request);

    @POST
    @Path("orders")
    @Consumes(MediaType.APPLICATION_JSON)
    JsonObject placeOrder(SupplyChainApi.OrderRequest request);
}
