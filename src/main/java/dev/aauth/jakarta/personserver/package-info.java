/**
 * The Person Server (PS): publishes {@code /.well-known/aauth-person.json} and answers signed token
 * requests at its token endpoint ("PS Token Endpoint"). This step serves the direct grant: the
 * request and resource token are verified ({@link dev.aauth.jakarta.personserver.TokenExchange}), the
 * configurable {@link dev.aauth.jakarta.personserver.PolicyDecider} decides, and a grant is an
 * {@code aa-auth+jwt}. Requests that need the person answer {@code 403 interaction_required} until
 * the deferred ({@code 202}) flow lands.
 *
 * <p>State lives behind small interfaces ({@link dev.aauth.jakarta.personserver.IssuedTokenLog},
 * {@link dev.aauth.jakarta.personserver.DecisionLog}, {@link dev.aauth.jakarta.personserver.ConsentStore},
 * {@link dev.aauth.jakarta.personserver.AgentBindings}) with in-memory implementations, to be
 * replaced by the database store.
 */
package dev.aauth.jakarta.personserver;
