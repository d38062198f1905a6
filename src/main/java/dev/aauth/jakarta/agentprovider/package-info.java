/**
 * The Agent Provider (AP): publishes {@code /.well-known/aauth-agent.json} and issues {@code
 * aa-agent+jwt} agent tokens binding an agent's current signing key to its identifier {@code
 * aauth:local@domain}. Agents in this deployment get tokens in-process ({@link
 * dev.aauth.jakarta.agentprovider.AgentTokens}); a remote agent enrolls over HTTP by proving a
 * long-lived key the AP was configured to trust ({@link
 * dev.aauth.jakarta.agentprovider.Enrollment}).
 */
package dev.aauth.jakarta.agentprovider;
