package dev.aauth.jakarta.demo;

import dev.aauth.jakarta.agent.AAuthClientFilter;
import dev.aauth.jakarta.agent.AuthTokenChallengeMapper;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The supply-chain agent's client of the market-analysis resource ({@code
 * aauth.demo.market-analysis-url}).
 */
@RegisterRestClient(configKey = "aauth-market-analysis")
@RegisterProvider(AAuthClientFilter.class)
@RegisterProvider(AuthTokenChallengeMapper.class)
@Path("/api/market")
@Produces(MediaType.APPLICATION_JSON)
public interface MarketAnalysisClient {

    @GET
    @Path("laptops")
    JsonObject laptops();
}
