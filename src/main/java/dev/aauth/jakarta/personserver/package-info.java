/**
 * The Person Server (PS): publishes {@code /.well-known/aauth-person.json} and answers signed token
 * requests at its token endpoint ("PS Token Endpoint"): the request and resource token are verified
 * ({@link dev.aauth.jakarta.personserver.TokenExchange}), the configurable {@link
 * dev.aauth.jakarta.personserver.PolicyDecider} decides, and a grant is an {@code aa-auth+jwt}.
 * Requests that need the person get a deferred {@code 202} ({@link
 * dev.aauth.jakarta.personserver.DeferredResponses}) polled at {@link
 * dev.aauth.jakarta.personserver.PendingEndpoint}. Tokens it issued are revoked at its revocation
 * endpoint ({@link dev.aauth.jakarta.personserver.TokenRevocation}) or by the person ({@link
 * dev.aauth.jakarta.personserver.PersonRevocations}); either way the token's resource is told
 * ({@link dev.aauth.jakarta.personserver.RevocationNotices}).
 *
 * <p>State lives behind small interfaces ({@link dev.aauth.jakarta.personserver.IssuedTokenLog},
 * {@link dev.aauth.jakarta.personserver.DecisionLog}, {@link
 * dev.aauth.jakarta.personserver.ConsentStore}, {@link
 * dev.aauth.jakarta.personserver.AgentBindings}, {@link
 * dev.aauth.jakarta.personserver.DirectGrantLog}); the server uses the database-backed adapters
 * ({@code Store*}), unit tests the in-memory ones. A direct grant's token and decision are
 * committed together, with those of concurrent grants ({@link
 * dev.aauth.jakarta.personserver.GroupCommit}), before the token is sent.
 */
package dev.aauth.jakarta.personserver;
