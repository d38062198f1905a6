package dev.aauth.jakarta.config;

import java.util.Map;
import java.util.Optional;

/** Builds an {@link AAuthConfig} from a map, for tests in other packages. */
public final class AAuthConfigs {

    private AAuthConfigs() {}

    public static AAuthConfig of(Map<String, String> properties) {
        return new AAuthConfig(name -> Optional.ofNullable(properties.get(name)));
    }
}
