package dev.aauth.agent;

import dev.aauth.discovery.MetadataDocument;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.function.Function;

/**
 * Where the agent's Person Server takes its requests, from its metadata ({@code
 * {ps}/.well-known/aauth-person.json}): the token endpoint of the agent's draft (-01 {@code
 * token_endpoint}, -11 {@code auth_token_endpoint}: "Renamed the PS and AS metadata field
 * token_endpoint to auth_token_endpoint") and the -11 {@code person_token_endpoint} ("Every PS MUST
 * publish a person_token_endpoint in its metadata").
 */
public interface PersonServerEndpoints {

    /** The token endpoint for {@code profile}'s token requests. */
    String authTokenEndpoint(String personServer, AAuthProfile profile);

    /** The -11 person token endpoint. */
    String personTokenEndpoint(String personServer);

    /**
     * Endpoints read from the Person Server's metadata document; a member it does not publish is
     * {@code server_error} naming the member.
     */
    static PersonServerEndpoints fromMetadata(Function<String, MetadataDocument> metadata) {
        return new PersonServerEndpoints() {
            @Override
            public String authTokenEndpoint(String personServer, AAuthProfile profile) {
                return metadata.apply(personServer)
                        .authTokenEndpoint(profile)
                        .orElseThrow(
                                () -> missing(personServer, profile.authTokenEndpointMember()));
            }

            @Override
            public String personTokenEndpoint(String personServer) {
                return metadata.apply(personServer)
                        .personTokenEndpoint()
                        .orElseThrow(() -> missing(personServer, "person_token_endpoint"));
            }
        };
    }

    /**
     * The draft-01 {@code token_endpoint} function of the older constructors, for draft-01 only.
     */
    static PersonServerEndpoints draft01(Function<String, String> tokenEndpoint) {
        return new PersonServerEndpoints() {
            @Override
            public String authTokenEndpoint(String personServer, AAuthProfile profile) {
                if (profile != AAuthProfile.DRAFT_01) {
                    throw new IllegalStateException(
                            "a draft-01 agent runtime asked for " + profile.id());
                }
                return tokenEndpoint.apply(personServer);
            }

            @Override
            public String personTokenEndpoint(String personServer) {
                throw new IllegalStateException("a draft-01 agent runtime has no person tokens");
            }
        };
    }

    private static AAuthException missing(String personServer, String member) {
        return new AAuthException(
                AAuthError.SERVER_ERROR,
                "the Person Server " + personServer + " publishes no " + member);
    }
}
