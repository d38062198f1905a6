/**
 * AAuth as an authorization service behind a gateway: a check endpoint on origins with the {@code
 * resource} role that speaks nginx {@code auth_request}, forward-auth (Traefik, Caddy) and Envoy
 * {@code ext_authz} (HTTP service). Each contract is mapped to one {@link
 * dev.aauth.jakarta.gateway.GatewayRequest} ({@link dev.aauth.jakarta.gateway.GatewayContracts})
 * and decided by the same code as the in-process filter ({@link
 * dev.aauth.jakarta.resource.HostGuard}: canonical path, rules, signature verification, resource
 * tokens, {@code AAuth-Requirement} challenges), for the protected host the gateway names. Only a
 * configured gateway is believed ({@link dev.aauth.jakarta.gateway.GatewayTrust}); anyone else gets
 * a denial. See docs/gateway.md.
 */
package dev.aauth.jakarta.gateway;
