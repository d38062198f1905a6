package dev.aauth.jakarta.demo;

import dev.aauth.agent.AgentCall;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.agent.AAuthAgent;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jakarta.store.AgentPendingCalls;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * After a restart, the backend agent resumes the demo's deferred calls ("Place orders" waiting for
 * the person): each open call of {@link AgentPendingCalls} gets its flow back under its old id (so
 * the page keeps following it), polls its pending URL with the agent's new key, and on approval
 * places the order with the auth token.
 */
@ApplicationScoped
public class DemoResume {

    static final Duration STARTING = Duration.ofSeconds(120);
    static final Duration RETRY = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(DemoResume.class.getName());

    @Inject AAuthConfig config;
    @Inject AAuthAgent agent;
    @Inject AgentPendingCalls pending;
    @Inject DemoFlows flows;
    @Inject DemoClients clients;
    @Inject java.time.Clock clock;
    @Resource ManagedExecutorService executor;

    void resumeAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!config.hasRole(Role.AGENT) || config.agent().supplyChainUrl().isEmpty()) {
            return;
        }
        try {
            String agentId = agent.credentials().agent();
            for (AgentPendingCalls.Open open : pending.open(agentId)) {
                if (!DemoActionsApi.ORDERS.equals(open.action())) {
                    continue;
                }
                DemoFlow flow = flows.restore(open.id(), open.action());
                AgentCall call = DemoActionsApi.call(flow, agent);
                flow.note("resumed after a restart: polling the pending request again");
                if (open.exchange().interactionUrl() != null) {
                    flow.interactionRequired(
                            open.exchange().interactionUrl(),
                            open.exchange().interactionCode(),
                            open.exchange().interactionUrl()
                                    + "?code="
                                    + open.exchange().interactionCode());
                }
                executor.submit(
                        () -> {
                            try {
                                DemoActionsApi.run(
                                        flow,
                                        call,
                                        () -> {
                                            resumeWhenServing(open, call, flow);
                                            return agent.call(
                                                    call, () -> DemoActionsApi.placeOrder(clients));
                                        });
                            } finally {
                                pending.delete(open.id());
                            }
                        });
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not resume the demo's pending calls", e);
        }
    }

    /**
     * The first poll runs while this server is still starting (the PS may be this very origin): a
     * failed connection is retried every {@link #RETRY} for at most {@link #STARTING}, then fails.
     */
    private void resumeWhenServing(AgentPendingCalls.Open open, AgentCall call, DemoFlow flow) {
        Instant giveUp = clock.instant().plus(STARTING);
        while (true) {
            try {
                agent.resume(open.exchange(), call);
                return;
            } catch (AAuthException e) {
                boolean unreachable =
                        e.error() == AAuthError.SERVER_ERROR
                                && e.getCause() instanceof java.io.IOException;
                if (!unreachable || clock.instant().plus(RETRY).isAfter(giveUp)) {
                    throw e;
                }
                flow.note(
                        "the Person Server is not reachable yet ("
                                + e.getCause()
                                + "): trying again");
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
