/**
 * The agent runtime for Jakarta EE / MicroProfile applications: the CDI agent identity ({@link
 * dev.aauth.jakarta.agent.AgentIdentity}), the MicroProfile REST Client providers any
 * {@code @RegisterRestClient} interface registers ({@link
 * dev.aauth.jakarta.agent.AAuthClientFilter}, {@link
 * dev.aauth.jakarta.agent.AuthTokenChallengeMapper}) and the facade that retries a call once after
 * answering its challenge ({@link dev.aauth.jakarta.agent.AAuthAgent}). The protocol work is in the
 * core package {@code dev.aauth.agent}.
 */
package dev.aauth.jakarta.agent;
